import { expect, submitSignIn, test } from './fixtures';
import { createVerifiedAccount } from './fixtures/accounts';
import { texts } from './fixtures/texts';

const ru = texts.ru;

test('[CABINET] security: a person changes their password and signs in with the new one', async ({
  page,
  baseURL,
  checkA11y,
  consoleProblems,
}, testInfo) => {
  test.slow(); // waits for the confirmation e-mail sent by a background job
  const account = await createVerifiedAccount(page, baseURL as string, testInfo.project.name);
  await page.goto('/');
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: ru.shell.user.security }).click();
  await expect(page).toHaveURL(/\/profile\/security$/);
  await expect(page.getByRole('heading', { level: 1, name: ru.profile.security.title })).toBeVisible();
  await checkA11y('security page');

  const form = page.getByRole('form', { name: ru.profile.password.title });
  await form.getByLabel(ru.profile.password.current).fill('not-my-password');
  await form.getByLabel(ru.identity.fields.newPassword).fill('a-fresh-long-password');
  await form.getByLabel(ru.identity.fields.confirmPassword).fill('a-fresh-long-password');
  await form.getByRole('button', { name: ru.profile.password.submit }).click();
  await expect(form.getByText(ru.profile.password.wrongCurrent)).toBeVisible();

  await form.getByLabel(ru.profile.password.current).fill(account.password);
  await form.getByRole('button', { name: ru.profile.password.submit }).click();
  await expect(page.getByText(ru.profile.password.changed)).toBeVisible();

  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: ru.shell.user.signOut }).click();
  await expect(page.getByText(ru.shell.user.signedOut)).toBeVisible();
  await page.goto('/sign-in');
  await submitSignIn(page, account.email, account.password);
  await expect(page.getByRole('alert')).toBeVisible();
  await submitSignIn(page, account.email, 'a-fresh-long-password');
  await expect(page).toHaveURL(/\/$/);
  consoleProblems.expectNone([/status of 400/, /status of 401/]);
});

test('[CABINET] security: a guest who opens the security page is asked to sign in', async ({ page }) => {
  await page.goto('/profile/security');
  await expect(page.getByTestId('profile-sign-in')).toBeVisible();
  await expect(page.getByRole('link', { name: ru.shell.user.signIn })).toHaveAttribute(
    'href',
    /\/sign-in\?redirect=%2Fprofile%2Fsecurity/,
  );
});
