import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createVerifiedAccount } from './fixtures/accounts';
import { texts } from './fixtures/texts';

const ru = texts.ru;

/** Chromium's virtual authenticator (DevTools protocol) stands in for a phone or a security key. */
async function addVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

test('[CABINET] security: a person registers a passkey and signs in with it', async ({
  page,
  baseURL,
  checkA11y,
  consoleProblems,
}, testInfo) => {
  test.slow(); // waits for the confirmation e-mail sent by a background job
  const { cdp, authenticatorId } = await addVirtualAuthenticator(page);
  const account = await createVerifiedAccount(page, baseURL as string, testInfo.project.name);

  await page.goto('/profile/security');
  const section = page.getByRole('region', { name: ru.external.passkeys.title });
  await expect(section.getByText(ru.external.passkeys.empty)).toBeVisible();
  await section.getByRole('button', { name: ru.external.passkeys.add }).click();
  await expect(page.getByText(ru.external.passkeys.added)).toBeVisible();
  await expect(section.getByTestId('passkey-list').getByRole('listitem')).toHaveCount(1);
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  expect(credentials).toHaveLength(1);

  // Rename it.
  await section.getByRole('button', { name: new RegExp(`^${ru.external.passkeys.rename}`) }).click();
  const dialog = page.getByRole('dialog', { name: ru.external.passkeys.renameTitle });
  await dialog.getByRole('textbox', { name: ru.external.passkeys.name, exact: true }).fill('Мой телефон');
  await dialog.getByRole('button', { name: ru.external.passkeys.save }).click();
  await expect(section.getByTestId('passkey-list')).toContainText('Мой телефон');
  await checkA11y('security page with a passkey');

  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: ru.shell.user.signOut }).click();
  await expect(page.getByText(ru.shell.user.signedOut)).toBeVisible();

  await page.goto('/sign-in');
  await page.getByRole('button', { name: ru.external.signIn.passkey }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.getByTestId('user-menu').click();
  await expect(page.getByTestId('user-email')).toHaveText(account.email);
  consoleProblems.expectNone();
});
