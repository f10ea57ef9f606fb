import type { Page } from '@playwright/test';
import { totpCode } from '../src/test/totp';
import { E2E_DEMO_PASSWORD } from './env';
import { expect, submitSignIn, test } from './fixtures';
import { linkIn, waitForMail } from './fixtures/mail';
import { uniqueEmail } from './fixtures/people';
import { texts } from './fixtures/texts';

const ru = texts.ru;

/** The code an authenticator app shows for the key the page displayed for manual entry. */
const appCode = (secret: string) => totpCode(`otpauth://totp/Kabinet:x?secret=${secret.replace(/\s/g, '')}`);

async function signOut(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: ru.shell.user.signOut }).click();
  await expect(page.getByText(ru.shell.user.signedOut)).toBeVisible();
}

test('[CABINET] two-factor: a person signs up, confirms the e-mail, turns on an authenticator app, then signs in with its code and with a backup code', async ({
  page,
  baseURL,
  checkA11y,
  consoleProblems,
}, testInfo) => {
  test.slow(); // waits for the confirmation e-mail sent by a background job
  const account = {
    name: 'Анна Соколова',
    email: uniqueEmail('totp', testInfo.project.name),
    password: E2E_DEMO_PASSWORD,
  };

  // Sign up, confirm the address from the dev mailbox, then sign in with the password.
  await page.goto('/sign-up');
  const signUp = page.getByRole('form', { name: ru.identity.signUp.title });
  await signUp.getByLabel(ru.identity.fields.name).fill(account.name);
  await signUp.getByLabel(ru.identity.fields.email).fill(account.email);
  await signUp.getByLabel(ru.identity.fields.password).fill(account.password);
  await signUp.getByRole('checkbox', { name: ru.identity.signUp.consent }).check();
  await signUp.getByRole('button', { name: ru.identity.signUp.submit }).click();
  await expect(page.getByTestId('check-mail')).toBeVisible();
  const mail = await waitForMail(baseURL as string, account.email, 'Подтвердите адрес электронной почты');
  await page.goto(linkIn(mail.text, '/api/v1/auth/verify-email', baseURL as string));
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await signOut(page);
  await page.goto('/sign-in');
  await submitSignIn(page, account.email, account.password);
  await expect(page).toHaveURL(/\/$/);

  // Turn on an authenticator app.
  await page.goto('/profile/security');
  const section = page.getByTestId('two-factor-section');
  await expect(section.getByTestId('two-factor-state')).toHaveText(ru.twofactor.section.off);

  const enable = section.getByRole('form', { name: ru.twofactor.section.enable });
  await enable.getByLabel(ru.twofactor.section.password).fill('not-my-password');
  await enable.getByRole('button', { name: ru.twofactor.section.enable }).click();
  await expect(section.getByText(ru.twofactor.section.wrongPassword)).toBeVisible();
  await enable.getByLabel(ru.twofactor.section.password).fill(account.password);
  await enable.getByRole('button', { name: ru.twofactor.section.enable }).click();

  const scan = section.getByRole('form', { name: ru.twofactor.setup.scanTitle });
  await expect(scan.getByRole('img', { name: ru.twofactor.setup.qrAlt })).toBeVisible();
  const secret = (await scan.getByTestId('totp-secret').textContent()) ?? '';
  expect(secret).toMatch(/^[A-Z2-7 ]{16,}$/);
  await checkA11y('two-factor setup');
  await scan.getByLabel(ru.twofactor.setup.code).fill('000000');
  await scan.getByRole('button', { name: ru.twofactor.setup.confirm }).click();
  await expect(scan.getByText(ru.twofactor.setup.wrongCode)).toBeVisible();
  await scan.getByLabel(ru.twofactor.setup.code).fill(appCode(secret));
  await scan.getByRole('button', { name: ru.twofactor.setup.confirm }).click();

  const codes = section.getByTestId('backup-code');
  await expect(codes).toHaveCount(10);
  const backupCodes = await codes.allTextContents();
  await expect(section.getByRole('button', { name: ru.twofactor.codes.download })).toBeVisible();
  await section.getByRole('button', { name: ru.twofactor.codes.done }).click();
  await expect(section.getByTestId('two-factor-state')).toHaveText(ru.twofactor.section.on);
  await expect(section.getByText(ru.twofactor.section.appOn)).toBeVisible();

  // Password, then the app's code.
  await signOut(page);
  await page.goto('/sign-in');
  await submitSignIn(page, account.email, account.password);
  await expect(page).toHaveURL(/\/sign-in\/two-factor/);
  const step = page.getByRole('form', { name: ru.twofactor.signIn.title });
  await expect(step.getByLabel(ru.twofactor.signIn.trust)).toBeVisible();
  await checkA11y('second sign-in step');
  await step.getByLabel(ru.twofactor.signIn.code).fill('123456');
  await step.getByRole('button', { name: ru.twofactor.signIn.submit }).click();
  await expect(step.getByText(ru.twofactor.signIn.wrongCode)).toBeVisible();
  await step.getByLabel(ru.twofactor.signIn.code).fill(appCode(secret));
  await step.getByRole('button', { name: ru.twofactor.signIn.submit }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('user-menu')).toBeVisible();

  // Password, then a backup code.
  await signOut(page);
  await page.goto('/sign-in');
  await submitSignIn(page, account.email, account.password);
  await expect(page).toHaveURL(/\/sign-in\/two-factor/);
  await page.getByRole('button', { name: ru.twofactor.signIn.useBackup }).click();
  await page.getByLabel(ru.twofactor.signIn.backupCode).fill(backupCodes[0] ?? '');
  await page.getByRole('button', { name: ru.twofactor.signIn.submit }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('user-menu')).toBeVisible();
  consoleProblems.expectNone([/status of 400/, /status of 401/]);
});
