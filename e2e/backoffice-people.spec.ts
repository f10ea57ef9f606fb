import { type APIRequestContext, type Page, request as playwrightRequest } from '@playwright/test';
import { expect, submitSignIn, test } from './fixtures';
import { type Account, createVerifiedAccount } from './fixtures/accounts';
import { linkIn, waitForMail } from './fixtures/mail';
import { demoPeople } from './fixtures/people';
import { texts } from './fixtures/texts';

const ru = texts.ru;
const bo = ru.backoffice;

/** A fresh verified customer, created in its own browser context so the page stays signed out. */
async function freshCustomer(page: Page, baseURL: string, project: string, name: string): Promise<Account> {
  const context = await page.context().browser()?.newContext({ baseURL });
  if (!context) throw new Error('no browser');
  const other = await context.newPage();
  try {
    return await createVerifiedAccount(other, baseURL, project, name);
  } finally {
    await context.close();
  }
}

async function signInAs(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await submitSignIn(page, email, password);
  await expect(page).toHaveURL(/\/$/);
}

/** Opens a person's card from the people screen by searching their e-mail. */
async function openPerson(page: Page, email: string) {
  await page.goto('/admin/people');
  await expect(page.getByRole('heading', { level: 1, name: bo.people.title })).toBeVisible();
  await page.getByLabel(bo.people.search).fill(email);
  const row = page.getByTestId('person-row').filter({ hasText: email });
  await expect(row).toHaveCount(1);
  await expect(page.getByTestId('person-row')).toHaveCount(1);
  await row.click();
  await expect(page).toHaveURL(/\/admin\/people\/[0-9a-f-]{36}$/);
}

async function apiSignIn(baseURL: string, email: string, password: string): Promise<number> {
  const client: APIRequestContext = await playwrightRequest.newContext({ baseURL });
  try {
    const res = await client.post('/api/v1/auth/sign-in/email', {
      headers: { Origin: new URL(baseURL).origin },
      data: { email, password },
    });
    return res.status();
  } finally {
    await client.dispose();
  }
}

test.describe('[BACK OFFICE] people', () => {
  test('[BACK OFFICE] people: an admin finds a person, blocks and unblocks them', async ({
    page,
    baseURL,
    checkA11y,
    consoleProblems,
  }, testInfo) => {
    test.slow();
    const person = await freshCustomer(page, baseURL as string, testInfo.project.name, 'Борис Блокируемый');
    await signInAs(page, demoPeople.admin.email, demoPeople.admin.password);
    await openPerson(page, person.email);
    await expect(page.getByRole('heading', { level: 1, name: person.name })).toBeVisible();
    await checkA11y('person card');

    await page.getByRole('button', { name: bo.person.block, exact: true }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText(bo.person.blockText);
    await dialog.getByRole('button', { name: bo.person.block, exact: true }).click();
    await expect(page.getByTestId('blocked-notice')).toBeVisible();
    expect(await apiSignIn(baseURL as string, person.email, person.password)).toBe(403);

    await page.goto('/admin/people');
    await page.getByText(bo.people.filter.blocked, { exact: true }).click();
    await expect(page.getByTestId('person-row').filter({ hasText: person.email })).toBeVisible();
    await page.getByTestId('person-row').filter({ hasText: person.email }).click();

    await page.getByRole('button', { name: bo.person.unblock }).click();
    await expect(page.getByTestId('blocked-notice')).toHaveCount(0);
    expect(await apiSignIn(baseURL as string, person.email, person.password)).toBe(200);
    consoleProblems.expectNone([/status of 40[13]/]);
  });

  test('[BACK OFFICE] people: support signs in as a customer, sees the banner and returns; the audit shows it', async ({
    page,
    baseURL,
    checkA11y,
    consoleProblems,
  }, testInfo) => {
    test.slow();
    const person = await freshCustomer(page, baseURL as string, testInfo.project.name, 'Вера Клиентова');
    await signInAs(page, demoPeople.support.email, demoPeople.support.password);
    await openPerson(page, person.email);
    const cardUrl = page.url();
    const personId = cardUrl.split('/').pop() as string;
    // Support may not block (no people.manage): the button is not there.
    await expect(page.getByRole('button', { name: bo.person.block, exact: true })).toHaveCount(0);

    await page.getByRole('button', { name: bo.person.impersonate }).click();
    await expect(page).toHaveURL(/\/$/);
    const banner = page.getByTestId('impersonation-banner');
    await expect(banner).toContainText(bo.banner.text.replace('{{name}}', person.name));
    await expect(banner).toContainText(demoPeople.support.name);
    await checkA11y('signed in as a customer, with the banner');

    await banner.getByRole('button', { name: bo.banner.return }).click();
    await expect(page).toHaveURL(cardUrl);
    await expect(page.getByTestId('impersonation-banner')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1, name: person.name })).toBeVisible();

    // The admin finds both ends of it in the audit log.
    await page.context().clearCookies();
    await signInAs(page, demoPeople.admin.email, demoPeople.admin.password);
    await page.goto('/admin/audit');
    await expect(page.getByRole('heading', { level: 1, name: bo.audit.title })).toBeVisible();
    const filters = page.getByRole('form', { name: bo.audit.filters });
    await filters.getByLabel(bo.audit.target).fill(personId);
    await filters.getByRole('button', { name: bo.audit.apply }).click();
    const actions = page.getByTestId('audit-action');
    await expect(actions.filter({ hasText: 'people.impersonation_started' })).toHaveCount(1);
    await expect(actions.filter({ hasText: 'people.impersonation_ended' })).toHaveCount(1);
    await filters.getByLabel(bo.audit.action).fill('people.impersonation_ended');
    await filters.getByRole('button', { name: bo.audit.apply }).click();
    await expect(actions).toHaveCount(1);
    await checkA11y('audit log filtered');
    consoleProblems.expectNone([/status of 40[13]/]);
  });

  test('[BACK OFFICE] roles: an admin edits a staff role’s permissions', async ({
    page,
    baseURL,
    checkA11y,
    consoleProblems,
  }, testInfo) => {
    const key = `e2e-${testInfo.project.name}`;
    await signInAs(page, demoPeople.admin.email, demoPeople.admin.password);
    const origin = new URL(baseURL as string).origin;
    const created = await page.request.put(`/api/v1/admin/roles/${key}`, {
      headers: { Origin: origin },
      data: { name: { ru: `Роль ${key}`, en: `Role ${key}` }, permissions: ['people.read'] },
    });
    expect(created.ok(), await created.text()).toBe(true);

    await page.goto('/admin/roles');
    const role = page.getByRole('region', { name: `Роль ${key}` });
    await expect(role).toBeVisible();
    await checkA11y('roles page');
    await role.getByRole('checkbox', { name: bo.permissions['audit.read'] }).check();
    await role.getByRole('button', { name: bo.roles.save }).click();
    await expect(page.getByText(bo.roles.saved.replace('{{name}}', `Роль ${key}`))).toBeVisible();

    const roles = await (await page.request.get('/api/v1/admin/roles')).json();
    const saved = roles.items.find((r: { key: string }) => r.key === key);
    expect(saved.permissions.sort()).toEqual(['audit.read', 'people.read']);
    consoleProblems.expectNone();
  });
});

test('[BACK OFFICE] staff: an admin invites a person, sends the invitation again, and they accept it', async ({
  page,
  baseURL,
  browser,
  checkA11y,
  consoleProblems,
}, testInfo) => {
  test.slow(); // two e-mails through the background job
  const inviteeContext = await browser.newContext({ baseURL });
  const invitee = await inviteeContext.newPage();
  const account = await createVerifiedAccount(
    invitee,
    baseURL as string,
    testInfo.project.name,
    'Нина Новая',
  );

  await signInAs(page, demoPeople.admin.email, demoPeople.admin.password);
  await page.goto('/admin/people');
  await page.getByRole('button', { name: bo.people.invite }).click();
  const form = page.getByRole('form', { name: bo.invite.title });
  await form.getByLabel(bo.invite.email).fill(account.email);
  await form.getByRole('checkbox', { name: 'Кадровик' }).check();
  await form.getByRole('button', { name: bo.invite.submit }).click();
  await expect(page.getByText(bo.invite.sent)).toBeVisible();
  const row = page.getByTestId('invitation-row').filter({ hasText: account.email });
  await expect(row).toBeVisible();
  await checkA11y('people with an open invitation');
  const subject = /Приглашение в команду/;
  const firstLink = linkIn(
    (await waitForMail(baseURL as string, account.email, subject)).text,
    '/staff-invitation',
    baseURL as string,
  );
  await row.getByRole('button', { name: `${bo.invite.resend}: ${account.email}` }).click();
  await expect(page.getByText(bo.invite.resent)).toBeVisible();

  // The second mail carries a new link; the first one no longer works.
  let link = firstLink;
  await expect(async () => {
    const mail = await waitForMail(baseURL as string, account.email, subject);
    link = linkIn(mail.text, '/staff-invitation', baseURL as string);
    expect(link).not.toBe(firstLink);
  }).toPass({ timeout: 30_000 });
  await invitee.goto(firstLink);
  await invitee.getByRole('button', { name: bo.acceptInvitation.accept }).click();
  await expect(invitee.getByText(bo.acceptInvitation.invalid)).toBeVisible();
  await invitee.goto(link);
  await expect(invitee.getByRole('heading', { level: 1, name: bo.acceptInvitation.title })).toBeVisible();
  await checkA11y('invitation page');
  await invitee.getByRole('button', { name: bo.acceptInvitation.accept }).click();
  await expect(invitee.getByText(bo.acceptInvitation.accepted)).toBeVisible();
  const session = await (await invitee.request.get('/api/v1/session')).json();
  expect(session.permissions).toContain('people.read');
  await inviteeContext.close();
  consoleProblems.expectNone([/status of 40[134]/]);
});
