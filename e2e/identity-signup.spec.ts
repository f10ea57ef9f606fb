import { expect, test } from './fixtures';
import { linkIn, waitForMail } from './fixtures/mail';
import { uniqueEmail } from './fixtures/people';
import { texts } from './fixtures/texts';

const ru = texts.ru;

test('[PUBLIC] sign-up: a new customer signs up, confirms the e-mail from the dev mailbox and is signed in', async ({
  page,
  baseURL,
  checkA11y,
  consoleProblems,
}, testInfo) => {
  test.slow(); // waits for the confirmation e-mail, sent by a background job
  const name = 'Мария Соколова';
  const email = uniqueEmail('signup', testInfo.project.name);

  await page.goto('/');
  await page.getByRole('button', { name: ru.shell.user.menu }).click();
  await page.getByRole('menuitem', { name: ru.shell.user.signUp }).click();
  await expect(page).toHaveURL(/\/sign-up$/);
  const form = page.getByRole('form', { name: ru.identity.signUp.title });
  await expect(page.getByRole('heading', { level: 1, name: ru.identity.signUp.title })).toBeVisible();
  await expect(page).toHaveTitle(new RegExp(`^${ru.identity.signUp.pageTitle} · `));
  // The password rule is shown before anyone gets it wrong.
  await expect(form.getByText(ru.identity.signUp.passwordHint.replace('{{count}}', '10'))).toBeVisible();
  await checkA11y('sign-up');

  // An empty form: every field says what it needs, and the first one gets the focus.
  await form.getByRole('button', { name: ru.identity.signUp.submit }).click();
  const nameField = form.getByLabel(ru.identity.fields.name);
  await expect(nameField).toBeFocused();
  await expect(nameField).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText(ru.identity.validation.nameRequired)).toBeVisible();
  await expect(form.getByText(ru.identity.validation.emailRequired)).toBeVisible();
  await expect(form.getByText(ru.identity.validation.passwordRequired)).toBeVisible();
  await expect(form.getByText(ru.identity.validation.consentRequired)).toBeVisible();
  await checkA11y('sign-up with errors');

  // A short password and no consent: both are refused before anything is sent.
  await nameField.fill(name);
  await form.getByLabel(ru.identity.fields.email).fill(email);
  const password = form.getByLabel(ru.identity.fields.password);
  await password.fill('short-pw');
  await form.getByRole('button', { name: ru.identity.signUp.submit }).click();
  await expect(
    form.getByText(ru.identity.validation.passwordTooShort.replace('{{count}}', '10')),
  ).toBeVisible();
  await expect(password).toBeFocused();
  await password.fill('a-long-enough-password');
  await form.getByRole('button', { name: ru.identity.signUp.submit }).click();
  const consent = form.getByRole('checkbox', { name: ru.identity.signUp.consent });
  await expect(consent).toBeFocused();
  await expect(form.getByText(ru.identity.validation.consentRequired)).toBeVisible();

  await consent.check();
  await form.getByRole('button', { name: ru.identity.signUp.submit }).click();
  const checkMail = page.getByTestId('check-mail');
  await expect(
    checkMail.getByRole('heading', { level: 1, name: ru.identity.signUp.checkMail.title }),
  ).toBeFocused();
  await expect(checkMail).toContainText(email);
  await checkA11y('sign-up: check your e-mail');

  // Still a guest until the address is confirmed.
  await page.getByRole('button', { name: ru.shell.user.menu }).click();
  await expect(page.getByRole('menuitem', { name: ru.shell.user.signIn })).toBeVisible();
  await page.keyboard.press('Escape');

  const mail = await waitForMail(baseURL as string, email, 'Подтвердите адрес электронной почты');
  await page.goto(linkIn(mail.text, '/api/v1/auth/verify-email', baseURL as string));

  await expect(page).toHaveURL(/\/welcome$/);
  const welcome = page.getByTestId('welcome');
  await expect(welcome.getByRole('heading', { level: 1, name: ru.identity.welcome.title })).toBeVisible();
  await expect(welcome).toContainText(ru.identity.welcome.text.replace('{{name}}', name));
  await checkA11y('welcome after confirming the e-mail');

  await page.getByTestId('user-menu').click();
  await expect(page.getByTestId('user-name')).toHaveText(name);
  await expect(page.getByTestId('user-email')).toHaveText(email);
  await page.keyboard.press('Escape');
  // A retail customer belongs to no company: there is nothing to switch.
  await expect(page.getByTestId('context-switcher')).toHaveCount(0);

  await welcome.getByRole('link', { name: ru.identity.welcome.home }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(
    page.getByRole('heading', { level: 1, name: ru.home.greetingNamed.replace('{{name}}', 'Мария') }),
  ).toBeVisible();
  consoleProblems.expectNone();
});

test('[PUBLIC] sign-up: a stale confirmation link explains what to do', async ({ page, checkA11y }) => {
  await page.goto('/welcome?error=INVALID_TOKEN');
  const invalid = page.getByTestId('welcome-invalid');
  await expect(
    invalid.getByRole('heading', { level: 1, name: ru.identity.welcome.invalid.title }),
  ).toBeVisible();
  await checkA11y('welcome with a stale link');
  await invalid.getByRole('link', { name: ru.identity.welcome.signIn }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
});
