import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { signInAs as signIn } from './fixtures/orders';
import { demoCompanies, demoPeople } from './fixtures/people';
import { texts } from './fixtures/texts';

const o = texts.ru.orders;
const firstLoad = { timeout: 30_000 };

/** A demo variant sold one at a time, from the catalog of the scope (`/me` or `/orgs/:id`). */
async function sellableVariant(page: Page, scope: string): Promise<string> {
  const res = await page.request.get(
    `/api/v1${scope}/catalog/products?q=${encodeURIComponent('Картридж')}&limit=50`,
  );
  expect(res.ok(), await res.text()).toBe(true);
  const items = (await res.json()).items as {
    variantId: string | null;
    packSize: number;
    minOrderQty: number;
  }[];
  const found = items.find((i) => i.variantId && i.packSize === 1 && i.minOrderQty === 1);
  if (!found?.variantId) throw new Error('no sellable demo variant');
  return found.variantId;
}

test('[CABINET] orders: a customer checks out, pays with the development provider and sees the order paid', async ({
  page,
  baseURL,
  checkA11y,
}) => {
  test.slow();
  await signIn(page, baseURL as string, demoPeople.customer);
  const variantId = await sellableVariant(page, '/me');
  await page.goto(`/checkout?lines=${variantId}:1`);
  await expect(page.getByRole('heading', { level: 1, name: o.checkout.title })).toBeVisible(firstLoad);
  await page.getByRole('radio', { name: o.payment.card_online }).check();
  await checkA11y('checkout');
  await page.getByTestId('checkout-place').click();

  await expect(page).toHaveURL(/dev-pay/, firstLoad);
  await page.getByLabel(/Card number/).fill('4242 4242 4242 4242');
  await page.getByRole('button', { name: /Pay/ }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/, firstLoad);
  // The provider's notification arrives asynchronously (a queued webhook): reload until the order is paid.
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.getByTestId('order-status').textContent({ timeout: 15_000 });
      },
      { timeout: 40_000, intervals: [1000, 2000, 3000] },
    )
    .toBe(o.status.paid);
  await checkA11y('paid order');
});

test('[COMPANY] orders: a buyer places an order that goes to approval and the approver approves it', async ({
  page,
  baseURL,
  checkA11y,
}, testInfo) => {
  test.slow();
  await signIn(page, baseURL as string, demoPeople.owner);
  const me = await (await page.request.get('/api/v1/me')).json();
  const dealer = me.contexts.companies.find((c: { name: string }) => c.name === demoCompanies.dealer);
  const rule = await page.request.post(`/api/v1/orgs/${dealer.id}/approval-rules`, {
    headers: { Origin: new URL(baseURL as string).origin },
    data: { name: `e2e ${testInfo.project.name}`, amountOver: 0, roles: ['buyer'] },
  });
  expect(rule.ok(), await rule.text()).toBe(true);
  await page.goto(`/orgs/${dealer.id}/approval-rules`);
  await expect(page.getByRole('heading', { level: 1, name: o.rules.title })).toBeVisible(firstLoad);
  await checkA11y('approval rules');

  await signIn(page, baseURL as string, demoPeople.buyer);
  const variantId = await sellableVariant(page, `/orgs/${dealer.id}`);
  await page.goto(`/orgs/${dealer.id}/checkout?lines=${variantId}:1`);
  await expect(page.getByText(o.checkout.approvalExpected)).toBeVisible(firstLoad);
  await page.getByRole('radio', { name: o.payment.invoice }).check();
  await page.getByTestId('checkout-place').click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/, firstLoad);
  await expect(page.getByTestId('order-status')).toHaveText(o.status.awaiting_approval);
  const orderUrl = new URL(page.url()).pathname;

  await signIn(page, baseURL as string, demoPeople.owner);
  await page.goto(`/orgs/${dealer.id}/approvals`);
  await expect(page.getByRole('heading', { level: 1, name: o.approvals.title })).toBeVisible(firstLoad);
  await checkA11y('approvals inbox');
  await page.goto(orderUrl);
  const box = page.getByTestId('approval-box');
  await expect(box).toBeVisible(firstLoad);
  await checkA11y('order waiting for approval');
  await box.getByRole('button', { name: o.approval.approve }).click();
  await expect(page.getByTestId('order-status')).toHaveText(o.status.confirmed);
  await page.request.delete(`/api/v1/orgs/${dealer.id}/approval-rules/${(await rule.json()).id}`, {
    headers: { Origin: new URL(baseURL as string).origin },
  });
});
