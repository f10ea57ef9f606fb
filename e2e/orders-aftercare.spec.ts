import { expect, test } from './fixtures';
import { createVerifiedAccount } from './fixtures/accounts';
import { texts } from './fixtures/texts';

const ru = texts.ru;
const admin = ru['orders-admin'];
const aftercare = ru['order-aftercare'];

// Placement is not on this branch yet, so no order can be created through the API: these journeys cover the
// pages' empty states. The shipping, tracking-map, return-with-photo and claim journeys need an order-placing
// seed path (see docs/orders.md, "Aftercare") and are left for when placement is merged.

test('[BACK OFFICE] orders: the manager filters orders and opens the returns and claims queues', async ({
  page,
  signInAsOperator,
  checkA11y,
  consoleProblems,
}) => {
  await signInAsOperator();
  await page.goto('/admin/orders');
  await expect(page.getByRole('heading', { level: 1, name: admin.title })).toBeVisible();
  await expect(page.getByText(admin.empty)).toBeVisible();
  await page.getByLabel(admin.mine).check({ force: true });
  await page.getByLabel(admin.number).fill('K-2026');
  await expect(page.getByText(admin.empty)).toBeVisible();
  await checkA11y('orders list');
  await page.waitForLoadState('networkidle');
  await page.goto('/admin/returns');
  await expect(page.getByRole('heading', { level: 1, name: admin.returns.title })).toBeVisible();
  await expect(page.getByText(admin.returns.empty)).toBeVisible();
  await checkA11y('returns queue');
  await page.waitForLoadState('networkidle');
  await page.goto('/admin/claims');
  await expect(page.getByText(admin.claims.empty)).toBeVisible();
  await checkA11y('claims queue');
  consoleProblems.expectNone();
});

test('[CABINET] returns: a person opens their return requests', async ({
  page,
  baseURL,
  checkA11y,
  consoleProblems,
}, testInfo) => {
  test.slow(); // the fresh account waits for its confirmation e-mail
  await createVerifiedAccount(page, baseURL as string, testInfo.project.name);
  await page.goto('/returns');
  await expect(page.getByRole('heading', { level: 1, name: aftercare.returns.title })).toBeVisible();
  await expect(page.getByText(aftercare.returns.empty)).toBeVisible();
  await checkA11y('returns list');
  consoleProblems.expectNone();
});
