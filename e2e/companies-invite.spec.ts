import { expect, submitSignIn, test } from './fixtures';
import { linkIn, waitForMail } from './fixtures/mail';
import { demoCompanies, demoPeople, uniqueEmail } from './fixtures/people';
import { texts } from './fixtures/texts';

const ru = texts.ru;
const { owner } = demoPeople;

test('[COMPANY] members: a company admin invites a person who signs up from the link and opens the company cabinet', async ({
  page,
  baseURL,
  checkA11y,
  consoleProblems,
}, testInfo) => {
  test.slow(); // waits for the invitation e-mail sent by a background job
  await page.goto('/sign-in');
  await submitSignIn(page, owner.email, owner.password);
  await expect(page).toHaveURL(/\/$/);
  const me = await (await page.request.get('/api/v1/me')).json();
  const dealer = me.contexts.companies.find((c: { name: string }) => c.name === demoCompanies.dealer);
  await page.goto(`/orgs/${dealer.id}`);
  await expect(page.getByRole('heading', { level: 1, name: demoCompanies.dealer })).toBeVisible();
  await expect(page.getByTestId('bank-account-row').first()).toBeVisible();
  await checkA11y('company cabinet as its owner');

  const email = uniqueEmail('invited', testInfo.project.name);
  await page.getByTestId('invite-button').click();
  const dialog = page.getByRole('dialog', { name: ru.companies.invitations.dialogTitle });
  await dialog.getByLabel(ru.companies.invitations.email).fill(email);
  await checkA11y('invite dialog');
  await dialog.getByRole('button', { name: ru.companies.invitations.send }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('invitation-row').filter({ hasText: email })).toBeVisible();

  const mail = await waitForMail(baseURL as string, email, /Приглашение в кабинет компании/);
  const link = linkIn(mail.text, '/invitations/', baseURL as string);

  // The invited person opens the link in a browser where nobody is signed in.
  await page.context().clearCookies();
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(demoCompanies.dealer) })).toBeVisible();
  await checkA11y('invitation page');
  const form = page.getByRole('form', { name: ru.companies.invitation.signUpTitle });
  await form.getByLabel(ru.companies.invitation.name).fill('Павел Новиков');
  await form.getByLabel(ru.companies.invitation.password).fill('a-long-enough-password-1');
  await form.getByLabel(ru.companies.invitation.consent).check();
  await form.getByRole('button', { name: ru.companies.invitation.signUp }).click();

  await expect(page).toHaveURL(new RegExp(`/orgs/${dealer.id}$`));
  await expect(page.getByRole('heading', { level: 1, name: demoCompanies.dealer })).toBeVisible();
  await expect(page.getByTestId('company-my-role')).toHaveText(ru.companies.roles.buyer);
  const meRow = page.getByTestId('member-row').filter({ hasText: email });
  await expect(meRow).toContainText(ru.companies.members.you);
  await checkA11y('company cabinet of the new member');
  consoleProblems.expectNone();
});
