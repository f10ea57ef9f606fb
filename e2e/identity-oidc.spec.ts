import { expect, test } from './fixtures';
import { texts } from './fixtures/texts';

const ru = texts.ru;
const providerName = 'Test ID'; // AUTH_OIDC_NAME in global-setup

test('[PUBLIC] sign-in: a new person signs in through the OpenID Connect provider, consents, and signs in again', async ({
  page,
  checkA11y,
  consoleProblems,
}, testInfo) => {
  test.slow(); // two trips to the provider and back
  const login = `oidc-${testInfo.project.name}-${Date.now().toString(36)}`;
  const button = ru.external.signIn.with.replace('{{provider}}', providerName);
  const notFound: string[] = [];
  page.on('response', (response) => {
    if (response.status() === 404) notFound.push(response.url());
  });

  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: button })).toBeVisible();
  await expect(page.getByRole('button', { name: ru.external.signIn.passkey })).toBeVisible();
  await checkA11y('sign-in with external providers');

  // At the provider (its development login and consent pages): any password works for a login.
  await page.getByRole('button', { name: button }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any-password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();

  // A new person: back on the sign-in page, asked for consent; nothing was created yet.
  await expect(page).toHaveURL(/\/sign-in\?.*error=CONSENT_REQUIRED/);
  await expect(page.getByTestId('external-sign-in-error')).toHaveText(ru.external.signIn.consentNeeded);
  await page.getByRole('button', { name: button }).click();
  await expect(page.getByText(ru.identity.validation.consentRequired)).toBeVisible();
  await page.getByLabel(ru.external.signIn.consent).check();
  await checkA11y('sign-in asking for consent');
  await page.getByRole('button', { name: button }).click();

  // The provider remembers the person, so they come straight back signed in.
  await expect(page).toHaveURL(/\/$/);
  await page.getByTestId('user-menu').click();
  await expect(page.getByTestId('user-email')).toHaveText(`${login}@oidc.example.test`);
  await page.getByRole('menuitem', { name: ru.shell.user.signOut }).click();
  await expect(page.getByText(ru.shell.user.signedOut)).toBeVisible();

  // Signing in again needs no consent: the person exists.
  await page.goto('/sign-in');
  await page.getByRole('button', { name: button }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.getByTestId('user-menu').click();
  await expect(page.getByTestId('user-email')).toHaveText(`${login}@oidc.example.test`);

  // The security page lists the linked account.
  await page.keyboard.press('Escape');
  await page.goto('/profile/security');
  await expect(page.getByTestId('linked-list')).toContainText(providerName);
  await checkA11y('security page with a linked account');
  // The provider's development pages have no favicon and load a web font from the internet, which the test
  // machine cannot reach; our own pages must not miss anything.
  expect(notFound.filter((url) => url.startsWith(new URL(page.url()).origin))).toEqual([]);
  consoleProblems.expectNone([/status of 404/, /fonts\.googleapis/, /net::ERR/]);
});
