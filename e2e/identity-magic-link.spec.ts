import { totpCode } from '../src/test/totp';
import { expect, test } from './fixtures';
import { createVerifiedAccount } from './fixtures/accounts';
import { linkIn, waitForMail } from './fixtures/mail';
import { demoPeople } from './fixtures/people';
import { lockSecuritySettings, unlockSecuritySettings } from './fixtures/settings-lock';
import { texts } from './fixtures/texts';

const ru = texts.ru;

test.describe('[PUBLIC] sign-in by e-mail link', () => {
  // admin-security-settings.spec.ts switches the e-mail link off for a moment: never at the same time.
  test.describe.configure({ timeout: 90_000 });
  test.beforeEach(async ({ baseURL }) => lockSecuritySettings(baseURL));
  test.afterEach(() => unlockSecuritySettings());
  test('[PUBLIC] the link from the e-mail signs in once', async ({ page, baseURL, checkA11y }, testInfo) => {
    // One person per project, so the two projects never read each other's mail.
    const person = testInfo.project.name === 'phone' ? demoPeople.buyer : demoPeople.customer;
    await page.goto('/sign-in');
    await page
      .getByTestId('sign-in-method')
      .getByText(ru.identity.methods.magicLink, { exact: true })
      .click();
    const form = page.getByTestId('magic-link-sign-in');
    await form.getByLabel(ru.identity.fields.email).fill(person.email);
    await form.getByRole('button', { name: ru.identity.magicLink.submit }).click();
    await expect(page.getByTestId('magic-link-sent')).toContainText(person.email);
    await checkA11y('magic link sent');

    const mail = await waitForMail(baseURL as string, person.email, 'Ссылка для входа в Kabinet');
    const link = linkIn(mail.text, '/api/v1/auth/magic-link/verify', baseURL as string);
    await page.goto(link);
    await expect(page).toHaveURL(/\/$/);
    await page.goto('/sign-in');
    await expect(page.getByTestId('signed-in')).toContainText(person.name);

    // The same link a second time (signed out) does not sign in: the form says the link is spent.
    await page.context().clearCookies();
    await page.goto(link);
    await expect(page).toHaveURL(/\/sign-in\?magicLink=invalid/);
    await expect(page.getByTestId('magic-link-invalid')).toHaveText(ru.identity.magicLink.invalid);
    await checkA11y('magic link spent');
  });

  test('[PUBLIC] a person with two-factor authentication is sent back to sign in with the password and code', async ({
    page,
    baseURL,
    checkA11y,
  }, testInfo) => {
    test.slow(); // waits for two e-mails sent by background jobs
    const account = await createVerifiedAccount(page, baseURL as string, testInfo.project.name);
    const origin = { Origin: new URL(baseURL as string).origin };
    const enabled = await page.request.post('/api/v1/auth/two-factor/enable', {
      headers: origin,
      data: { password: account.password },
    });
    expect(enabled.ok(), await enabled.text()).toBe(true);
    const { totpURI } = (await enabled.json()) as { totpURI: string };
    const confirmed = await page.request.post('/api/v1/auth/two-factor/verify-totp', {
      headers: origin,
      data: { code: totpCode(totpURI) },
    });
    expect(confirmed.ok(), await confirmed.text()).toBe(true);
    await page.context().clearCookies();

    await page.goto('/sign-in');
    await page
      .getByTestId('sign-in-method')
      .getByText(ru.identity.methods.magicLink, { exact: true })
      .click();
    const form = page.getByTestId('magic-link-sign-in');
    await form.getByLabel(ru.identity.fields.email).fill(account.email);
    await form.getByRole('button', { name: ru.identity.magicLink.submit }).click();
    await expect(page.getByTestId('magic-link-sent')).toContainText(account.email);
    const mail = await waitForMail(baseURL as string, account.email, 'Ссылка для входа в Kabinet');
    await page.goto(linkIn(mail.text, '/api/v1/auth/magic-link/verify', baseURL as string));
    await expect(page).toHaveURL(/\/sign-in\?error=TWO_FACTOR_USE_PASSWORD/);
    await expect(page.getByTestId('sign-in-error')).toHaveText(ru.identity.signIn.useTwoFactor);
    await expect(page.getByTestId('user-menu')).toBeVisible();
    await expect(page.getByTestId('signed-in')).toHaveCount(0);
    await checkA11y('sign-in after a refused link');
  });
});
