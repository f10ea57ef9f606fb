import { expect, test } from './fixtures';
import { signInAs } from './fixtures/orders';
import { demoPeople } from './fixtures/people';
import { texts } from './fixtures/texts';

const o = texts.ru.orders;
const p = texts.ru.promotions;
const firstLoad = { timeout: 30_000 };
/** Kopecks from a ru-RU money string («1 234,50 ₽»). */
const kopecks = (text: string) => Math.round(Number(text.replace(/[^\d,]/g, '').replace(',', '.')) * 100);

test('[CABINET] promo code and points: a customer sees bonuses on the home page, is told why a code is refused, applies the demo code, pays part of the order with points and sees both discounts', async ({
  page,
  baseURL,
  checkA11y,
}) => {
  test.slow();
  await signInAs(page, baseURL as string, demoPeople.customer);
  await page.goto('/');
  await expect(page.getByTestId('home-loyalty-balance')).toHaveText(/\d+\s+балл/, firstLoad);
  // Products worth at least the code's minimum (1 000 ₽).
  const catalog = await page.request.get(
    `/api/v1/me/catalog/products?q=${encodeURIComponent('Картридж')}&limit=50`,
  );
  expect(catalog.ok(), await catalog.text()).toBe(true);
  const items = (await catalog.json()).items as {
    variantId: string | null;
    packSize: number;
    minOrderQty: number;
  }[];
  const variantId = items.find((i) => i.variantId && i.packSize === 1 && i.minOrderQty === 1)?.variantId;
  expect(variantId).toBeTruthy();
  const options = await page.request.post('/api/v1/me/checkout/options', {
    headers: { Origin: new URL(baseURL as string).origin },
    data: { lines: [{ variantId, quantity: 1 }] },
  });
  const unit = (await options.json()).cart.lines[0].unitPrice as number;
  const quantity = Math.max(2, Math.ceil(150_000 / unit));

  await page.goto(`/checkout?lines=${variantId}:${quantity}`);
  await expect(page.getByRole('heading', { level: 1, name: o.checkout.title })).toBeVisible(firstLoad);
  const total = page.getByTestId('checkout-total');
  await expect(total).toBeVisible();
  const before = kopecks((await total.textContent()) ?? '');

  const input = page.getByRole('textbox', { name: p.checkout.code });
  await input.fill('SUMMER500');
  await page.getByTestId('promo-apply').click();
  await expect(page.getByText(p.reasons.expired)).toBeVisible();
  await input.fill('NO-SUCH-CODE');
  await page.getByTestId('promo-apply').click();
  await expect(page.getByText(p.reasons.unknown)).toBeVisible();
  await checkA11y('checkout with a refused code');

  await input.fill('welcome10');
  await page.getByTestId('promo-apply').click();
  await expect(page.getByTestId('promo-applied')).toContainText('WELCOME10');
  await expect.poll(async () => kopecks((await total.textContent()) ?? '')).toBeLessThan(before);
  await checkA11y('checkout with the code applied');
  const withCode = kopecks((await total.textContent()) ?? '');

  // Part of the rest is paid with bonus points (the demo customer has some; a point is worth 1 ₽).
  await expect(page.getByTestId('bonus-block')).toBeVisible();
  await page.getByRole('textbox', { name: p.checkout.points }).fill('50');
  await page.getByRole('button', { name: p.checkout.spend }).click();
  await expect(page.getByTestId('bonus-block')).toContainText(/Списано 50 балл/);
  await expect.poll(async () => kopecks((await total.textContent()) ?? '')).toBe(withCode - 5_000);
  await checkA11y('checkout with points spent');

  await page.getByRole('radio', { name: o.payment.cash_on_delivery }).check();
  await page.getByTestId('checkout-place').click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/, firstLoad);
  await expect(page.getByTestId('order-discount').filter({ hasText: 'WELCOME10' })).toBeVisible();
  await expect(page.getByTestId('order-discount').filter({ hasText: 'Оплата баллами (50)' })).toContainText(
    '50,00',
  );
  await checkA11y('order with a discount');
});

test('[BACKOFFICE] promo codes: the admin sees promotions, their batches and the usage report', async ({
  page,
  baseURL,
  checkA11y,
}) => {
  await signInAs(page, baseURL as string, demoPeople.admin);
  await page.goto('/admin/promotions');
  await expect(page.getByRole('heading', { level: 1, name: p.admin.title })).toBeVisible(firstLoad);
  await expect(page.getByRole('cell', { name: 'WELCOME10' })).toBeVisible();
  await expect(page.getByTestId('promo-report')).toBeVisible();
  await checkA11y('promotions');
  await page.getByRole('button', { name: /Персональный купон/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('link', { name: p.admin.download }).first()).toBeVisible();
  await checkA11y('promotion dialog');
});
