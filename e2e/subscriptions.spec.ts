import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { signInAs } from './fixtures/orders';
import { demoPeople } from './fixtures/people';
import { texts } from './fixtures/texts';

const s = texts.ru.subscriptions;
const firstLoad = { timeout: 30_000 };
const origin = (baseURL: string) => ({ Origin: new URL(baseURL).origin });

/** Sellable demo products (one piece at a time); each project takes its own, so the runs do not collide. */
async function productFor(page: Page, project: string): Promise<{ id: string; variantId: string }> {
  const res = await page.request.get(
    `/api/v1/me/catalog/products?q=${encodeURIComponent('Картридж')}&limit=50`,
  );
  expect(res.ok(), await res.text()).toBe(true);
  const items = (
    (await res.json()).items as {
      id: string;
      variantId: string | null;
      packSize: number;
      minOrderQty: number;
    }[]
  ).filter((i) => i.variantId && i.packSize === 1 && i.minOrderQty === 1);
  const found = items[project === 'phone' ? 2 : 1] ?? items[0];
  if (!found?.variantId) throw new Error('no sellable demo product');
  return { id: found.id, variantId: found.variantId };
}

/**
 * Gives the signed-in customer a saved card the way a person gets one: an order paid by card on the development
 * provider's page with «remember the card»; the provider's notification arrives asynchronously.
 */
async function ensureSavedCard(page: Page, baseURL: string, variantId: string) {
  const cards = async () =>
    (await (await page.request.get('/api/v1/me/payment-methods')).json()).items as unknown[];
  if ((await cards()).length > 0) return;
  const lines = [{ variantId, quantity: 1 }];
  const options = await (
    await page.request.post('/api/v1/me/checkout/options', { headers: origin(baseURL), data: { lines } })
  ).json();
  const placed = await page.request.post('/api/v1/me/orders', {
    headers: { ...origin(baseURL), 'Idempotency-Key': `e2e-card-${Date.now()}-${Math.random()}` },
    data: {
      lines,
      delivery: { methodId: options.deliveryQuotes[0].methodId },
      paymentMethod: 'card_online',
      savePaymentMethod: true,
    },
  });
  expect(placed.ok(), await placed.text()).toBe(true);
  const url = (await placed.json()).payment.confirmationUrl as string;
  const paid = await page.request.post(new URL(url).pathname, {
    headers: origin(baseURL),
    form: { card: '4242424242424242', expiry: '12/30' },
    maxRedirects: 0,
  });
  expect(paid.status()).toBe(303);
  await expect
    .poll(async () => (await cards()).length, { timeout: 40_000, intervals: [1000, 2000] })
    .toBeGreaterThan(0);
}

/** Cancels the customer's live subscriptions to a product (a rerun starts clean). */
async function cancelLive(page: Page, baseURL: string, productId: string) {
  const list = (await (await page.request.get('/api/v1/me/subscriptions')).json()).items as {
    id: string;
    productId: string | null;
    status: string;
  }[];
  for (const sub of list.filter((x) => x.productId === productId && x.status !== 'canceled'))
    await page.request.post(`/api/v1/me/subscriptions/${sub.id}/cancel`, {
      headers: origin(baseURL),
      data: {},
    });
}

test('[CABINET] subscriptions: a customer subscribes to a product from its page, skips the next delivery and pauses it', async ({
  page,
  baseURL,
  checkA11y,
}, testInfo) => {
  test.slow();
  await signInAs(page, baseURL as string, demoPeople.customer);
  const product = await productFor(page, testInfo.project.name);
  await ensureSavedCard(page, baseURL as string, product.variantId);
  await cancelLive(page, baseURL as string, product.id);

  await page.goto(`/catalog/products/${product.id}`);
  await page.getByRole('button', { name: s.subscribe }).click(firstLoad);
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel(s.card)).toBeVisible(firstLoad);
  await checkA11y('subscribe dialog');
  await dialog.getByRole('button', { name: s.create, exact: true }).click();

  await expect(page).toHaveURL(/\/subscriptions\/[0-9a-f-]{36}$/, firstLoad);
  await expect(page.getByText(s.status.active).first()).toBeVisible(firstLoad);
  await checkA11y('subscription detail');
  const title = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';

  await page.goto('/subscriptions');
  // The phone and desktop runs share the customer: this run's card is found by its product's name.
  const card = page
    .getByTestId('subscription-item')
    .filter({ has: page.getByRole('link', { name: title.trim(), exact: true }) });
  await expect(card).toBeVisible(firstLoad);
  await checkA11y('subscriptions');
  const before = await card.getByTestId('subscription-next').textContent();
  await card.getByRole('button', { name: s.skip }).click();
  await expect(card.getByTestId('subscription-next')).not.toHaveText(before ?? '', firstLoad);

  await card.getByRole('button', { name: s.pause, exact: true }).click();
  await page.getByRole('menuitem', { name: s.pauseForever }).click();
  await expect(card.getByText(s.status.paused)).toBeVisible(firstLoad);
  await expect(card.getByRole('button', { name: s.resume })).toBeVisible();
  await checkA11y('paused subscription');
  await cancelLive(page, baseURL as string, product.id);
});
