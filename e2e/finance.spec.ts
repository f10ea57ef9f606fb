import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { operatorClient } from './fixtures/operator';
import { companyId, signInAs } from './fixtures/orders';
import { demoCompanies, demoPeople } from './fixtures/people';
import { texts } from './fixtures/texts';

/**
 * Issue 6's journey on the company finances page: the dealer has a deferred order shipped, the page shows the
 * debt; the company accountant requests an invoice for it; the back office records the payment against that
 * invoice; after a reload the payment is in the list, the debt fell and the invoice is paid. The order is
 * placed by the dealer's owner (an accountant does not order).
 * Other specs ship dealer orders in parallel, so it checks its own order and payment, and compares figures
 * read before.
 */

const f = texts.ru.finance;
const firstLoad = { timeout: 30_000 };
const origin = (baseURL: string) => ({ Origin: new URL(baseURL).origin });
const bare = (s: string | null) => (s ?? '').replace(/\s/g, '');
const rub = (kopecks: number) =>
  new Intl.NumberFormat('ru', { style: 'currency', currency: 'RUB' }).format(kopecks / 100);

interface Summary {
  balance: number;
  receivable: number;
  overdue: number;
}

async function summaryOf(page: Page, orgId: string): Promise<Summary> {
  const res = await page.request.get(`/api/v1/orgs/${orgId}/finance/summary`);
  expect(res.ok(), await res.text()).toBe(true);
  return res.json();
}

/** A deferred order of one demo product placed through the API by the signed-in owner. */
async function placeDeferredOrder(page: Page, baseURL: string, orgId: string) {
  const scope = `/orgs/${orgId}`;
  const catalog = await page.request.get(
    `/api/v1${scope}/catalog/products?q=${encodeURIComponent('Картридж')}&limit=50`,
  );
  expect(catalog.ok()).toBe(true);
  const items = (await catalog.json()).items as {
    variantId: string | null;
    packSize: number;
    minOrderQty: number;
  }[];
  const variant = items.find((i) => i.variantId && i.packSize === 1 && i.minOrderQty === 1);
  if (!variant?.variantId) throw new Error('no sellable demo variant');
  const lines = [{ variantId: variant.variantId, quantity: 1 }];
  const options = await page.request.post(`/api/v1${scope}/checkout/options`, {
    headers: origin(baseURL),
    data: { lines },
  });
  const offer = (await options.json()) as {
    deliveryQuotes: { methodId: string }[];
    paymentMethods: string[];
  };
  expect(offer.paymentMethods).toContain('deferred');
  const placed = await page.request.post(`/api/v1${scope}/orders`, {
    headers: {
      ...origin(baseURL),
      'Idempotency-Key': `e2e-fin-${Date.now()}-${Math.random().toString(36).slice(2)}`,
    },
    data: { lines, delivery: { methodId: offer.deliveryQuotes[0]?.methodId }, paymentMethod: 'deferred' },
  });
  expect(placed.ok(), await placed.text()).toBe(true);
  return (await placed.json()) as {
    id: string;
    number: string;
    total: number;
    lines: { id: string; quantity: number }[];
  };
}

test('[COMPANY] finances: the accountant sees a shipped deferred order as debt; the payment of its invoice lowers it', async ({
  page,
  baseURL,
  checkA11y,
}, testInfo) => {
  test.setTimeout(180_000);
  const base = baseURL as string;
  const staff = await operatorClient(base);

  await signInAs(page, base, demoPeople.owner);
  const orgId = await companyId(page, demoCompanies.dealer);
  const order = await placeDeferredOrder(page, base, orgId);
  await page.context().clearCookies();
  await signInAs(page, base, demoPeople.accountant);

  // The back office ships it in full: the company's account is debited, the order goes on the schedule.
  const detail = await (await staff.get(`/api/v1/admin/orders/${order.id}`)).json();
  if (detail.status === 'awaiting_approval')
    await staff.post(`/api/v1/admin/orders/${order.id}/status`, {
      headers: origin(base),
      data: { status: 'confirmed' },
    });
  const assembling = await staff.post(`/api/v1/admin/orders/${order.id}/status`, {
    headers: origin(base),
    data: { status: 'assembling' },
  });
  expect(assembling.ok(), await assembling.text()).toBe(true);
  const shipped = await staff.post(`/api/v1/admin/orders/${order.id}/shipments`, {
    headers: origin(base),
    data: { lines: order.lines.map((l) => ({ lineId: l.id, quantity: l.quantity })) },
  });
  expect(shipped.ok(), await shipped.text()).toBe(true);
  const scheduleRow = async () =>
    (await (await page.request.get(`/api/v1/orgs/${orgId}/finance/schedule`)).json()).items.find(
      (i: { orderId: string }) => i.orderId === order.id,
    );
  await expect.poll(async () => (await scheduleRow())?.dueDate ?? null, firstLoad).not.toBeNull();

  await page.goto(`/orgs/${orgId}/finance`);
  await expect(page.getByRole('heading', { level: 1, name: f.title })).toBeVisible(firstLoad);
  const row = page.getByTestId('finance-schedule-row').filter({ hasText: order.number });
  await expect(row).toBeVisible(firstLoad);
  await expect(row).toContainText(f.schedule.onTime);
  const before = await summaryOf(page, orgId);
  expect(before.receivable).toBeGreaterThanOrEqual(order.total);
  await expect(page.getByTestId('finance-chart')).toBeVisible();
  await expect(page.getByTestId('finance-balance')).toBeVisible();
  await checkA11y('company finances with a debt');

  // The accountant asks for an invoice for the order; the back office records the payment against it.
  const invoice = await page.request.post(`/api/v1/orgs/${orgId}/documents/invoices`, {
    headers: origin(base),
    data: { orderId: order.id },
  });
  expect(invoice.ok(), await invoice.text()).toBe(true);
  const invoiceId = (await invoice.json()).id as string;
  const number = `E2E-${testInfo.project.name.slice(0, 1)}${Date.now().toString(36)}`;
  const paid = await staff.post(`/api/v1/admin/companies/${orgId}/payments`, {
    headers: origin(base),
    data: { amount: order.total, paidOn: new Date().toISOString().slice(0, 10), number, invoiceId },
  });
  expect(paid.status(), await paid.text()).toBe(201);

  await page.reload();
  const payment = page.getByTestId('finance-payment').filter({ hasText: number });
  await expect(payment).toBeVisible(firstLoad);
  await expect(payment).toContainText(order.number);
  expect(bare(await payment.getByTestId('finance-payment-amount').textContent())).toBe(
    bare(rub(order.total)),
  );
  await expect(page.getByTestId('finance-schedule-row').filter({ hasText: order.number })).toHaveCount(0);
  const after = await summaryOf(page, orgId);
  expect(await scheduleRow()).toBeUndefined();
  const paidInvoice = await page.request.get(`/api/v1/orgs/${orgId}/documents/${invoiceId}`);
  expect((await paidInvoice.json()).status).toBe('paid');
  // Other specs may ship dealer orders meanwhile; this order's debt is gone and the account fell by the payment.
  expect(after.receivable).toBeLessThanOrEqual(before.receivable);
  await expect
    .poll(async () => bare(await page.getByTestId('finance-balance-value').textContent()), firstLoad)
    .toBe(bare(rub(Math.abs((await summaryOf(page, orgId)).balance))));
  // The chart's period switch: a year is drawn a point a week.
  const yearly = page.waitForResponse((r) => r.url().includes('/finance/debt-history') && r.ok());
  await page.getByText(f.chart.year, { exact: true }).click();
  expect((await (await yearly).json()).step).toBe('week');
  await expect(page.getByRole('radio', { name: f.chart.year })).toBeChecked();
  await expect(page.getByTestId('finance-chart')).toBeVisible(firstLoad);
  await checkA11y('company finances after the payment');
});
