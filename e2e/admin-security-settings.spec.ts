import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { lockSecuritySettings, unlockSecuritySettings } from './fixtures/settings-lock';
import { texts } from './fixtures/texts';

const ru = texts.ru;
const sec = ru['security-settings'];

const allOn = { password: true, phoneCode: true, magicLink: true, passkey: true, external: true };
const noPolicy = { staff: false, orgRoles: [] };

/** Writes a setting back through the API (the operator's cookie, with the Origin the CSRF check wants). */
async function put(request: APIRequestContext, baseURL: string, path: string, body: object) {
  const response = await request.put(path, { data: body, headers: { Origin: new URL(baseURL).origin } });
  expect(response.ok()).toBe(true);
}

async function openPage(page: Page, isMobile: boolean) {
  // The page is reached from the back-office navigation (behind the burger on a phone).
  if (isMobile) await page.getByRole('button', { name: ru.shell.openNavigation }).click();
  await page
    .getByRole('navigation', { name: ru.shell.navigation })
    .getByRole('link', { name: sec.nav })
    .click();
  await expect(page).toHaveURL(/\/admin\/security$/);
  const heading = page.getByRole('heading', { level: 1, name: sec.title });
  await expect(heading).toBeVisible();
  // Off the nav link just clicked: axe then checks the page as it rests, not a link under the pointer.
  await heading.hover();
}

test.describe('[BACK OFFICE] sign-in and security', () => {
  // Both projects (and the e-mail link test) share one server: switch its settings one test at a time, so a
  // test may first wait for another one's turn.
  test.describe.configure({ timeout: 120_000 });
  test.beforeEach(async ({ baseURL }) => lockSecuritySettings(baseURL));
  test.afterEach(() => unlockSecuritySettings());

  test('[BACK OFFICE] sign-in and security: an operator switches the e-mail link off and on, and the sign-in page follows', async ({
    page,
    browser,
    baseURL,
    isMobile,
    signInAsOperator,
    checkA11y,
    consoleProblems,
  }) => {
    await signInAsOperator();
    await openPage(page, isMobile);
    const methods = page.getByTestId('sign-in-methods');
    const magicLink = methods.getByRole('switch', { name: sec.methods.magicLink.label });
    await expect(magicLink).toBeChecked();
    await expect(methods.getByText(sec.methods.magicLink.description)).toBeVisible();
    await checkA11y('sign-in and security');

    // A visitor's sign-in page, in a browser of its own.
    const visitor = await browser.newContext({ baseURL, locale: 'ru-RU' });
    const signIn = await visitor.newPage();
    try {
      await magicLink.click();
      await expect(page.getByText(sec.methods.saved)).toBeVisible();
      await expect(magicLink).not.toBeChecked();
      const options = await (await page.request.get('/api/v1/public/sign-in-options')).json();
      expect(options.methods).toMatchObject({ magicLink: false, password: true });

      await signIn.goto('/sign-in');
      const choice = signIn.getByTestId('sign-in-method');
      await expect(choice.getByText(ru.identity.methods.password, { exact: true })).toBeVisible();
      await expect(choice.getByText(ru.identity.methods.magicLink, { exact: true })).toHaveCount(0);

      await magicLink.click();
      await expect(magicLink).toBeChecked();
      await signIn.reload();
      await expect(choice.getByText(ru.identity.methods.magicLink, { exact: true })).toBeVisible();
    } finally {
      await put(page.request, baseURL as string, '/api/v1/admin/settings/sign-in-methods', allOn);
      await visitor.close();
    }
    consoleProblems.expectNone();
  });

  test('[BACK OFFICE] sign-in and security: an operator requires 2FA of approvers and clears the rule again', async ({
    page,
    baseURL,
    isMobile,
    signInAsOperator,
    checkA11y,
    consoleProblems,
  }) => {
    await signInAsOperator();
    await openPage(page, isMobile);
    const form = page.getByTestId('two-factor-policy');
    const approver = form.getByRole('checkbox', { name: ru.companies.roles.approver });
    const save = form.getByRole('button', { name: sec.twoFactor.save });
    await expect(form.getByRole('switch', { name: sec.twoFactor.staff })).not.toBeChecked();
    await expect(approver).not.toBeChecked();
    // Nothing changed yet: nothing to save.
    await expect(save).toBeDisabled();

    try {
      await approver.check();
      await save.click();
      await expect(page.getByText(sec.twoFactor.saved)).toBeVisible();
      await checkA11y('sign-in and security with a saved 2FA rule');
      const saved = await (await page.request.get('/api/v1/admin/settings/two-factor-policy')).json();
      expect(saved).toEqual({ staff: false, orgRoles: ['approver'] });

      // The rule survives a reload; then it is cleared again.
      await page.reload();
      await expect(approver).toBeChecked();
      await approver.uncheck();
      await save.click();
      await expect(save).toBeDisabled();
      const cleared = await (await page.request.get('/api/v1/admin/settings/two-factor-policy')).json();
      expect(cleared).toEqual(noPolicy);
    } finally {
      await put(page.request, baseURL as string, '/api/v1/admin/settings/two-factor-policy', noPolicy);
    }
    consoleProblems.expectNone();
  });
});

test('[BACK OFFICE] sign-in and security: a visitor without the permission sees the no-access state', async ({
  page,
  checkA11y,
}) => {
  await page.goto('/admin/security');
  await expect(page.getByTestId('no-access')).toContainText(sec.noAccess.title);
  await expect(page.getByRole('switch')).toHaveCount(0);
  await checkA11y('sign-in and security without access');
});
