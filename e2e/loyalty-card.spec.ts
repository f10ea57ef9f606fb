import type { Locator, Page } from '@playwright/test';
import zxing from '@zxing/library';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { expect, expectAccessible, submitSignIn, test } from './fixtures';
import { newContextLike } from './fixtures/contexts';
import { demoPeople } from './fixtures/people';
import { texts } from './fixtures/texts';

const ru = texts.ru;
const card = ru['loyalty-card'];

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto('/sign-in');
  await submitSignIn(page, who.email, who.password);
  await expect(page).toHaveURL(/\/$/, { timeout: 30_000 });
}

/** Follows a side-navigation link (through the burger on a phone). */
async function navigate(page: Page, isMobile: boolean, label: string) {
  if (isMobile) await page.getByRole('button', { name: ru.shell.openNavigation }).click();
  await page
    .getByRole('navigation', { name: ru.shell.navigation })
    .getByRole('link', { name: label })
    .click();
}

/** The element as the browser painted it, as a PNG decoded to RGBA. */
async function pixels(element: Locator) {
  const png = PNG.sync.read(await element.screenshot());
  return { data: png.data, width: png.width, height: png.height };
}

/** Reads the QR code in the element's screenshot. */
async function readQr(element: Locator): Promise<string | null> {
  const { data, width, height } = await pixels(element);
  return jsQR(new Uint8ClampedArray(data), width, height)?.data ?? null;
}

/** Reads the EAN-13 barcode in the element's screenshot with ZXing (an independent decoder). */
async function readEan13(element: Locator): Promise<string> {
  const { data, width, height } = await pixels(element);
  const luminance = new Uint8ClampedArray(width * height);
  for (let i = 0; i < width * height; i++)
    luminance[i] = Math.round(
      0.299 * (data[i * 4] ?? 0) + 0.587 * (data[i * 4 + 1] ?? 0) + 0.114 * (data[i * 4 + 2] ?? 0),
    );
  const bitmap = new zxing.BinaryBitmap(
    new zxing.HybridBinarizer(new zxing.RGBLuminanceSource(luminance, width, height)),
  );
  const hints = new Map<zxing.DecodeHintType, unknown>([
    [zxing.DecodeHintType.POSSIBLE_FORMATS, [zxing.BarcodeFormat.EAN_13]],
    [zxing.DecodeHintType.TRY_HARDER, true],
  ]);
  const result = new zxing.MultiFormatReader().decode(bitmap, hints);
  expect(result.getBarcodeFormat()).toBe(zxing.BarcodeFormat.EAN_13);
  return result.getText();
}

test.describe('[CABINET] loyalty card', () => {
  test.describe.configure({ timeout: 180_000 });

  test('[CABINET] loyalty card: a customer shows the card, its QR code and barcode read back as the card number, and the till finds them', async ({
    page,
    browser,
    isMobile,
    baseURL,
    checkA11y,
    consoleProblems,
  }, testInfo) => {
    await signIn(page, demoPeople.customer);
    await navigate(page, isMobile, card.nav);
    await expect(page).toHaveURL(/\/loyalty\/card$/);
    await expect(page.getByRole('heading', { level: 1, name: card.title })).toBeVisible();
    const view = page.getByTestId('loyalty-card');
    await expect(view.getByTestId('loyalty-card-holder')).toHaveText(demoPeople.customer.name);
    const digits = ((await view.getByTestId('loyalty-card-number').textContent()) ?? '').replace(/\s/g, '');
    expect(digits).toMatch(/^2\d{12}$/);
    await expect(view.getByText(card.brightnessTitle, { exact: true })).toBeVisible();

    const qr = view.getByTestId('loyalty-card-qr');
    await qr.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    expect(await readQr(qr)).toBe(digits);
    const barcode = view.getByTestId('loyalty-card-barcode');
    await barcode.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    expect(await readEan13(barcode)).toBe(digits);
    // On a phone the barcode fills the width: a till scanner reads it from arm's length.
    const box = await barcode.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(isMobile ? 280 : 300);
    await checkA11y('loyalty card');

    // At the till: staff type (or scan) the number and find the customer.
    const staff = await newContextLike(browser, testInfo, baseURL as string);
    const till = await staff.newPage();
    await signIn(till, demoPeople.admin);
    await navigate(till, isMobile, card.till.nav);
    await expect(till).toHaveURL(/\/admin\/loyalty\/till$/);
    const input = till.getByRole('textbox', { name: card.till.number });
    await expect(input).toBeFocused();
    // A handheld scanner types the digits and presses Enter.
    await till.keyboard.type('2000000000016');
    await till.keyboard.press('Enter');
    await expect(till.getByTestId('till-invalid')).toContainText('check digit');
    await input.fill('');
    await till.keyboard.type(digits);
    await till.keyboard.press('Enter');
    const result = till.getByTestId('till-result');
    await expect(result.getByTestId('till-name')).toHaveText(demoPeople.customer.name);
    await expect(result).toContainText('+7 *** ***-**-02');
    await expect(result).not.toContainText(demoPeople.customer.email);
    // Without BarcodeDetector (headless Chromium on Linux has none) the camera button stays hidden.
    const hasDetector = await till.evaluate(() => 'BarcodeDetector' in window);
    await expect(till.getByTestId('till-camera')).toHaveCount(hasDetector ? 1 : 0);
    await expectAccessible(till, 'till lookup');
    await staff.close();
    consoleProblems.expectNone();
  });
});

test.describe('[BACK OFFICE] loyalty tiers', () => {
  test.describe.configure({ timeout: 120_000 });

  test('[BACK OFFICE] loyalty tiers: an admin sees the tiers and the period, and recalculates now', async ({
    page,
    isMobile,
    checkA11y,
    consoleProblems,
  }) => {
    const tiers = card.tiers;
    await signIn(page, demoPeople.admin);
    await navigate(page, isMobile, tiers.nav);
    await expect(page).toHaveURL(/\/admin\/loyalty\/tiers$/);
    await expect(page.getByRole('heading', { level: 1, name: tiers.title })).toBeVisible();
    const table = page.getByTestId('tiers-table');
    for (const [code, name] of [
      ['silver', 'Серебряный'],
      ['gold', 'Золотой'],
      ['platinum', 'Платиновый'],
    ])
      await expect(table.getByTestId(`tier-${code}`)).toContainText(name as string);
    await expect(page.getByRole('textbox', { name: tiers.periodDays })).toHaveValue('365');
    await checkA11y('loyalty tiers');
    await page.getByRole('button', { name: tiers.recalculate }).click();
    await expect(page.getByText(/Пересчёт выполнен/)).toBeVisible();
    await page.getByRole('button', { name: tiers.edit.replace('{{name}}', 'Золотой') }).click();
    const dialog = page.getByRole('dialog', { name: tiers.editTitle });
    await expect(dialog.getByRole('textbox', { name: tiers.code })).toHaveValue('gold');
    await checkA11y('loyalty tier editor');
    await dialog.getByRole('button', { name: tiers.cancel }).click();
    await expect(dialog).toBeHidden();
    consoleProblems.expectNone();
  });
});
