import type { APIRequestContext, Page } from '@playwright/test';
import { tinyPng } from '../src/modules/documents/testkit/tiny-png';
import { expect, test } from './fixtures';
import { lockSecuritySettings, unlockSecuritySettings } from './fixtures/settings-lock';
import { texts } from './fixtures/texts';

const ru = texts.ru;
const s = ru['seller-settings'];
const PATH = '/api/v1/admin/settings/seller';
const LOGO = `${PATH}/logo`;

interface Requisites {
  inn: string;
  name: string;
  bank: { bic: string; name: string; corrAccount: string; account: string };
  [key: string]: unknown;
}

async function openPage(page: Page, isMobile: boolean) {
  // The page is reached from the back-office navigation (behind the burger on a phone).
  if (isMobile) await page.getByRole('button', { name: ru.shell.openNavigation }).click();
  await page
    .getByRole('navigation', { name: ru.shell.navigation })
    .getByRole('link', { name: s.nav })
    .click();
  await expect(page).toHaveURL(/\/admin\/seller$/);
  const heading = page.getByRole('heading', { level: 1, name: s.title });
  await expect(heading).toBeVisible();
  await heading.hover();
}

const originOf = (baseURL: string) => ({ Origin: new URL(baseURL).origin });

async function readRequisites(request: APIRequestContext): Promise<Requisites> {
  const response = await request.get(PATH);
  expect(response.ok()).toBe(true);
  return (await response.json()) as Requisites;
}

test.describe('[BACK OFFICE] seller requisites', () => {
  // Portal-wide settings that other specs' invoices print: one test at a time changes them, under the lock
  // the other settings specs use, and puts them back.
  test.describe.configure({ timeout: 120_000 });
  test.beforeEach(async ({ baseURL }) => lockSecuritySettings(baseURL));
  test.afterEach(() => unlockSecuritySettings());

  test('[BACK OFFICE] seller requisites: an operator sees the requisites, is stopped on a wrong BIC, saves and uploads a logo', async ({
    page,
    baseURL,
    isMobile,
    signInAsOperator,
    checkA11y,
    consoleProblems,
  }) => {
    await signInAsOperator();
    const original = await readRequisites(page.request);
    const originalLogo = await page.request.get(LOGO);
    const logoBefore = originalLogo.ok() ? await originalLogo.body() : null;
    try {
      await openPage(page, isMobile);
      const form = page.getByTestId('seller-form');
      const bic = form.getByLabel(s.fields.bic, { exact: true });
      await expect(form.getByLabel(s.fields.inn, { exact: true })).toHaveValue(original.inn);
      await expect(form.getByLabel(s.fields.name, { exact: true })).toHaveValue(original.name);
      await expect(bic).toHaveValue(original.bank.bic);
      await checkA11y('seller requisites');

      // A wrong BIC is pointed out under the field as soon as the field is left, and not sent.
      await bic.fill('123456789');
      await bic.blur();
      await expect(bic).toHaveAttribute('aria-invalid', 'true');
      await expect(bic).toHaveAccessibleDescription(s.problems.bic);
      await form.getByRole('button', { name: s.save }).click();
      await expect(page.getByTestId('fix-fields')).toBeVisible();
      expect((await readRequisites(page.request)).bank.bic).toBe(original.bank.bic);

      // What the server refuses is shown under its field too: a request that slips a wrong BIC past the
      // form gets the server's 400, and nothing changes.
      await bic.fill(original.bank.bic);
      await page.route(PATH, async (route) => {
        if (route.request().method() !== 'PUT') return route.continue();
        const body = JSON.parse(route.request().postData() ?? '{}');
        await route.continue({ postData: JSON.stringify({ ...body, bank: { ...body.bank, bic: '123' } }) });
      });
      await form.getByRole('button', { name: s.save }).click();
      await expect(bic).toHaveAttribute('aria-invalid', 'true');
      await expect(bic).toHaveAccessibleDescription(/04/);
      await page.unroute(PATH);
      expect((await readRequisites(page.request)).bank.bic).toBe(original.bank.bic);
      await checkA11y('seller requisites with a refused field');

      // Fixed, it saves.
      await bic.fill('');
      await bic.fill(original.bank.bic);
      await expect(bic).not.toHaveAttribute('aria-invalid', 'true');
      await form.getByRole('button', { name: s.save }).click();
      await expect(page.getByText(s.saved)).toBeVisible();
      expect(await readRequisites(page.request)).toEqual(original);

      // The logo: uploaded, shown, removed.
      if (logoBefore) {
        await page.getByRole('button', { name: s.logo.remove }).click();
        await expect(page.getByTestId('no-logo')).toBeVisible();
      }
      await expect(page.getByTestId('no-logo')).toBeVisible();
      const png = tinyPng(120, 40);
      await page
        .locator('input[type="file"]')
        .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
      await expect(page.getByText(s.logo.uploaded)).toBeVisible();
      const logo = page.getByRole('img', { name: s.logo.alt });
      await expect(logo).toBeVisible();
      expect(await logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(120);
      expect((await (await page.request.get(LOGO)).body()).equals(png)).toBe(true);
      await checkA11y('seller requisites with a logo');

      // Not an image: refused with the server's words, the logo stays.
      await page
        .locator('input[type="file"]')
        .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('not a picture') });
      await expect(page.getByTestId('logo-problem')).toBeVisible();
      await expect(logo).toBeVisible();

      await page.getByRole('button', { name: s.logo.remove }).click();
      await expect(page.getByTestId('no-logo')).toBeVisible();
      expect((await page.request.get(LOGO)).status()).toBe(404);
    } finally {
      await page.unroute(PATH);
      const headers = originOf(baseURL as string);
      const restored = await page.request.put(PATH, { data: original, headers });
      expect(restored.ok()).toBe(true);
      if (logoBefore) {
        await page.request.put(LOGO, {
          headers,
          multipart: { file: { name: 'logo', mimeType: 'application/octet-stream', buffer: logoBefore } },
        });
      } else {
        await page.request.delete(LOGO, { headers });
      }
    }
    // Without a logo its GET answers 404, which the browser reports in the console.
    consoleProblems.expectNone([/status of 404/, /status of 400/]);
  });
});
