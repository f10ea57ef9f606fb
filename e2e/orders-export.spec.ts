import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { signInAs as signIn } from './fixtures/orders';
import { demoPeople } from './fixtures/people';
import { texts } from './fixtures/texts';

const o = texts.ru.orders;
const firstLoad = { timeout: 30_000 };

/** Places a personal pickup order of one demo cartridge through the API; returns its id and number. */
async function placeOrder(page: Page, baseURL: string, project: string) {
  const origin = new URL(baseURL).origin;
  const found = await page.request.get(
    `/api/v1/me/catalog/products?q=${encodeURIComponent('Картридж')}&limit=50`,
  );
  expect(found.ok(), await found.text()).toBe(true);
  const items = (await found.json()).items as {
    variantId: string | null;
    packSize: number;
    minOrderQty: number;
  }[];
  const variantId = items.find((i) => i.variantId && i.packSize === 1 && i.minOrderQty === 1)?.variantId;
  if (!variantId) throw new Error('no sellable demo variant');
  const lines = [{ variantId, quantity: 1 }];
  const options = await page.request.post('/api/v1/me/checkout/options', {
    headers: { Origin: origin },
    data: { lines },
  });
  expect(options.ok(), await options.text()).toBe(true);
  const quotes = (await options.json()).deliveryQuotes as { methodId: string; kind: string }[];
  const pickup = quotes.find((q) => q.kind === 'pickup') ?? quotes[0];
  if (!pickup) throw new Error('no delivery quote');
  const placed = await page.request.post('/api/v1/me/orders', {
    headers: { Origin: origin, 'Idempotency-Key': `e2e-export-${project}-${Date.now()}` },
    data: { lines, delivery: { methodId: pickup.methodId }, paymentMethod: 'cash_on_delivery' },
  });
  expect(placed.ok(), await placed.text()).toBe(true);
  return (await placed.json()) as { id: string; number: string };
}

/** Clicks a download link and returns the file's name and bytes. */
async function download(page: Page, testId: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await (file as Download).path();
  return { name: (file as Download).suggestedFilename(), data: await readFile(path) };
}

test('[CABINET] orders: a customer downloads an order as PDF and Excel', async ({
  page,
  baseURL,
  checkA11y,
}, testInfo) => {
  test.slow();
  await signIn(page, baseURL as string, demoPeople.customer);
  const order = await placeOrder(page, baseURL as string, testInfo.project.name);
  await page.goto(`/orders/${order.id}`);
  await expect(
    page.getByRole('heading', { level: 1, name: o.detail.title.replace('{{number}}', order.number) }),
  ).toBeVisible(firstLoad);
  await expect(page.getByTestId('order-download-pdf')).toBeVisible();
  await checkA11y('order with downloads');

  const pdf = await download(page, 'order-download-pdf');
  expect(pdf.name).toBe(`Заказ ${order.number}.pdf`);
  expect(pdf.data.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.data.length).toBeGreaterThan(5_000);

  const xlsx = await download(page, 'order-download-xlsx');
  expect(xlsx.name).toBe(`Заказ ${order.number}.xlsx`);
  expect(xlsx.data.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  expect(xlsx.data.length).toBeGreaterThan(3_000);
});

test('[BACKOFFICE] orders: a manager downloads a customer order as PDF', async ({
  page,
  baseURL,
}, testInfo) => {
  test.slow();
  await signIn(page, baseURL as string, demoPeople.customer);
  const order = await placeOrder(page, baseURL as string, `${testInfo.project.name}-admin`);
  await signIn(page, baseURL as string, demoPeople.admin);
  await page.goto(`/admin/orders/${order.id}`);
  await expect(page.getByTestId('order-download-pdf')).toBeVisible(firstLoad);
  const pdf = await download(page, 'order-download-pdf');
  expect(pdf.name).toBe(`Заказ ${order.number}.pdf`);
  expect(pdf.data.subarray(0, 5).toString('latin1')).toBe('%PDF-');
});
