import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures';
import { operatorClient } from './fixtures/operator';
import { signInAs as signIn } from './fixtures/orders';
import { demoCompanies, demoPeople } from './fixtures/people';
import { texts } from './fixtures/texts';

/**
 * The acceptance journey of issue 5 (orders) for a dealer: 50 stocked products pasted into quick order, checkout
 * on invoice, approval by the company's approver, two shipments by the back office, tracking, repeat the order.
 * The products, their prices and stock come in through the catalog import API (the back office's own tool);
 * every step a person takes goes through the UI.
 */

const ru = texts.ru;
const o = ru.orders;
const carts = ru.carts;
const admin = ru['orders-admin'];
const firstLoad = { timeout: 30_000 };
const productCount = 50;
const transferBase = '/api/v1/admin/catalog/transfer';

/** Waits until a catalog transfer leaves the running statuses and returns it. */
async function settled(api: APIRequestContext, id: string) {
  for (let i = 0; i < 240; i++) {
    const transfer = await (await api.get(`${transferBase}/transfers/${id}`)).json();
    if (!['queued', 'uploaded', 'validating', 'applying', 'exporting'].includes(transfer.status))
      return transfer;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`transfer ${id} did not finish`);
}

/** Imports a CSV of one kind (products, prices, stock) through the back office's import API, all rows. */
async function importCsv(baseURL: string, kind: string, rows: (string | number)[][]) {
  const api = await operatorClient(baseURL);
  const headers = { Origin: new URL(baseURL).origin };
  const csv = rows.map((r) => r.join(';')).join('\n');
  const res = await api.post(`${transferBase}/imports?kind=${kind}`, {
    headers,
    multipart: { file: { name: `${kind}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') } },
  });
  expect(res.status(), await res.text()).toBe(202);
  const checked = await settled(api, (await res.json()).id);
  expect(checked, `${kind} import check`).toMatchObject({ status: 'validated', errorCount: 0 });
  const applied = await api.post(`${transferBase}/imports/${checked.id}/apply`, {
    headers,
    data: { mode: 'all' },
  });
  expect(applied.status(), await applied.text()).toBe(202);
  expect((await settled(api, checked.id)).status).toBe('done');
}

test('[COMPANY] orders: a dealer pastes 50 SKUs, the order is approved, shipped twice, tracked and repeated', async ({
  page,
  baseURL,
  checkA11y,
  signInAsOperator,
}, testInfo) => {
  test.slow();
  test.setTimeout(300_000);
  const base = baseURL as string;
  const origin = new URL(base).origin;
  const run = `${testInfo.project.name.slice(0, 1).toUpperCase()}${Date.now().toString(36).toUpperCase()}`;
  const skuOf = (i: number) => `DLR-${run}-${String(i + 1).padStart(2, '0')}`;
  const nameOf = (i: number) => `Фитинг дилерский ${run} № ${i + 1}`;
  const priceOf = (i: number) => 100 + i; // roubles
  const qtyOf = (i: number) => 2 + (i % 4);

  // The catalog: 50 products with retail and dealer prices, in stock at every warehouse.
  const products: (string | number)[][] = [['sku', 'name', 'unit', 'pack_size', 'min_order', 'status']];
  const prices: (string | number)[][] = [['sku', 'price_list', 'min_qty', 'price']];
  const stock: (string | number)[][] = [['sku', 'warehouse', 'on_hand']];
  for (let i = 0; i < productCount; i++) {
    products.push([skuOf(i), nameOf(i), 'шт', 1, 1, 'active']);
    prices.push([skuOf(i), 'retail', 1, priceOf(i)], [skuOf(i), 'dealer', 1, priceOf(i)]);
    for (const warehouse of ['Москва', 'Санкт-Петербург', 'Екатеринбург'])
      stock.push([skuOf(i), warehouse, 500]);
  }
  await importCsv(base, 'products', products);
  await importCsv(base, 'prices', prices);
  await importCsv(base, 'stock', stock);

  // The company's owner (its admin and approver) sets a rule: the buyer's orders above 1 000 ₽ need approval.
  await signIn(page, base, demoPeople.owner);
  const me = await (await page.request.get('/api/v1/me')).json();
  const orgId: string = me.contexts.companies.find(
    (c: { name: string }) => c.name === demoCompanies.dealer,
  ).id;
  const rule = await page.request.post(`/api/v1/orgs/${orgId}/approval-rules`, {
    headers: { Origin: origin },
    data: { name: `Дилер ${run}: больше 1 000 ₽`, amountOver: 100_000, roles: ['buyer'] },
  });
  expect(rule.ok(), await rule.text()).toBe(true);
  const ruleId: string = (await rule.json()).id;

  try {
    // The buyer: a new company cart, 50 lines pasted into quick order, the preview, then into the cart.
    await signIn(page, base, demoPeople.buyer);
    await page.goto(`/orgs/${orgId}/carts`);
    await expect(page.getByRole('heading', { level: 1, name: carts.companyTitle })).toBeVisible(firstLoad);
    const cartName = `Заказ дилера ${run}`;
    await page.getByTestId('new-cart-name').fill(cartName);
    await page.getByRole('button', { name: carts.company.create }).click();
    await expect(page.getByRole('heading', { level: 1, name: cartName })).toBeVisible(firstLoad);
    const pasted = Array.from({ length: productCount }, (_, i) => `${skuOf(i)} ${qtyOf(i)}`).join('\n');
    await page.getByTestId('quick-order-text').fill(pasted);
    await page.getByTestId('quick-order-preview').click();
    await expect(page.getByTestId('quick-order-matched')).toHaveCount(productCount, firstLoad);
    await checkA11y('quick order preview of 50 lines');
    await page.getByTestId('quick-order-add').click();
    await expect(page.getByTestId('cart-line')).toHaveCount(productCount, firstLoad);
    await expect(
      page
        .getByTestId('cart-line')
        .filter({ hasText: skuOf(7) })
        .getByTestId('cart-line-quantity'),
    ).toHaveValue(String(qtyOf(7)));
    await checkA11y('company cart of 50 lines');

    // Checkout on invoice: the order waits for approval.
    await page.getByTestId('cart-checkout').first().click();
    await expect(page).toHaveURL(new RegExp(`/orgs/${orgId}/checkout\\?cart=`), firstLoad);
    await expect(page.getByRole('heading', { level: 1, name: o.checkout.title })).toBeVisible(firstLoad);
    await expect(page.getByText(o.checkout.approvalExpected)).toBeVisible(firstLoad);
    await page.getByRole('radio', { name: o.payment.invoice }).check();
    await checkA11y('checkout');
    await page.getByTestId('checkout-place').click();
    await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/, firstLoad);
    await expect(page.getByTestId('order-status')).toHaveText(o.status.awaiting_approval);
    await expect(page.getByTestId('order-line')).toHaveCount(productCount);
    const orderPath = new URL(page.url()).pathname;
    const orderId = orderPath.split('/').pop() as string;
    const heading = await page.getByRole('heading', { level: 1 }).textContent();
    const orderNumber = /K-\d{4}-\d{6}/.exec(heading ?? '')?.[0] as string;
    expect(orderNumber, 'order number in the heading').toBeTruthy();

    // The approver finds it in the approvals inbox and approves it.
    await signIn(page, base, demoPeople.owner);
    await page.goto(`/orgs/${orgId}/approvals`);
    await expect(page.getByRole('heading', { level: 1, name: o.approvals.title })).toBeVisible(firstLoad);
    const card = page.getByTestId('order-card').filter({ hasText: orderNumber });
    await expect(card).toBeVisible(firstLoad);
    await checkA11y('approvals inbox');
    await card.click();
    await expect(page).toHaveURL(new RegExp(`${orderPath}$`), firstLoad);
    const box = page.getByTestId('approval-box');
    await expect(box).toBeVisible(firstLoad);
    await box.getByRole('button', { name: o.approval.approve }).click();
    await expect(page.getByTestId('order-status')).toHaveText(o.status.confirmed);

    // The back office: assembling, then two shipments with tracking numbers.
    await page.context().clearCookies();
    await signInAsOperator();
    await page.goto(`/admin/orders/${orderId}`);
    await expect(
      page.getByRole('heading', { level: 1, name: admin.order.replace('{{number}}', orderNumber) }),
    ).toBeVisible(firstLoad);
    await page
      .getByRole('button', { name: admin.moveTo.replace('{{status}}', admin.statuses.assembling) })
      .click();
    const shipForm = page.getByRole('button', { name: admin.ship.submit });
    await expect(shipForm).toBeVisible(firstLoad);
    await checkA11y('back-office order');
    const tracking = [`TRK${run}A`, `TRK${run}B`];
    // First shipment: the first half of the lines.
    for (let i = productCount / 2; i < productCount; i++)
      await page.getByLabel(admin.ship.quantityOf.replace('{{name}}', nameOf(i)), { exact: true }).fill('0');
    await page.getByLabel(admin.ship.carrier).fill('СДЭК');
    await page.getByLabel(admin.ship.tracking).fill(tracking[0] as string);
    await shipForm.click();
    await expect(page.getByTestId('admin-shipment')).toHaveCount(1, firstLoad);
    // Second shipment: what is left.
    await expect(
      page.getByLabel(admin.ship.quantityOf.replace('{{name}}', nameOf(0)), { exact: true }),
    ).toHaveCount(0);
    await page.getByLabel(admin.ship.carrier).fill('Деловые линии');
    await page.getByLabel(admin.ship.tracking).fill(tracking[1] as string);
    await shipForm.click();
    await expect(page.getByTestId('admin-shipment')).toHaveCount(2, firstLoad);
    await expect(shipForm).toHaveCount(0);

    // The buyer tracks both shipments.
    await signIn(page, base, demoPeople.buyer);
    await page.goto(`${orderPath}/tracking`);
    const shipments = page.getByTestId('shipment');
    await expect(shipments).toHaveCount(2, firstLoad);
    await expect(shipments.filter({ hasText: tracking[0] as string })).toHaveCount(1);
    await expect(shipments.filter({ hasText: tracking[1] as string })).toHaveCount(1);
    await checkA11y('tracking of two shipments');

    // Before the repeat, one product leaves the assortment and another gets a new price.
    await importCsv(base, 'products', [
      ['sku', 'name', 'unit', 'status'],
      [skuOf(0), nameOf(0), 'шт', 'archived'],
    ]);
    await importCsv(base, 'prices', [
      ['sku', 'price_list', 'min_qty', 'price'],
      [skuOf(1), 'retail', 1, priceOf(1) + 50],
      [skuOf(1), 'dealer', 1, priceOf(1) + 50],
    ]);

    // Repeat: the order's lines land in a cart; the report names the archived and the re-priced product.
    await page.goto(orderPath);
    await expect(page.getByTestId('order-status')).toHaveText(o.status.shipped, firstLoad);
    await checkA11y('shipped order');
    await page.getByTestId('order-repeat').click();
    await expect(page).toHaveURL(new RegExp(`/orgs/${orgId}/carts/[0-9a-f-]{36}$`), firstLoad);
    const report = page.getByTestId('repeat-report');
    await expect(report).toBeVisible();
    await expect(report).toContainText(o.repeat.unavailable);
    await expect(report).toContainText(skuOf(0));
    await expect(report).toContainText(o.repeat.repriced);
    await expect(report).toContainText(skuOf(1));
    await expect(page.getByTestId('cart-line').filter({ hasText: `DLR-${run}-` })).toHaveCount(
      productCount - 1,
      firstLoad,
    );
    await expect(
      page
        .getByTestId('cart-line')
        .filter({ hasText: skuOf(9) })
        .getByTestId('cart-line-quantity'),
    ).toHaveValue(String(qtyOf(9)));
    await checkA11y('cart after repeat');
  } finally {
    await signIn(page, base, demoPeople.owner);
    await page.request.delete(`/api/v1/orgs/${orgId}/approval-rules/${ruleId}`, {
      headers: { Origin: origin },
    });
  }
});
