import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createVerifiedAccount } from './fixtures/accounts';
import { companyId, deliverOrder, placeOrder, signInAs, tinyPng } from './fixtures/orders';
import { demoCompanies, demoPeople } from './fixtures/people';
import { texts } from './fixtures/texts';

const ru = texts.ru;
const admin = ru['orders-admin'];
const aftercare = ru['order-aftercare'];
const firstLoad = { timeout: 30_000 };

/** A value unique to this run and project, so the desktop and phone runs never meet. */
const unique = (prefix: string, project: string) =>
  `${prefix}-${project}-${Date.now().toString(36)}`.toUpperCase();

/** Picks an option of a Mantine select by its label. */
async function choose(page: Page, scope: Locator, label: string, option: string) {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The item of a back-office queue with this number. */
const queueItem = (page: Page, kind: 'returns' | 'claims', number: string) =>
  page.getByTestId(`${kind}-item`).filter({ hasText: number });

test('[BACK OFFICE] orders: the manager filters orders and opens the returns and claims queues', async ({
  page,
  signInAsOperator,
  checkA11y,
  consoleProblems,
}) => {
  test.slow(); // three pages, each checked by axe, on a machine shared with other runs
  await signInAsOperator();
  await page.goto('/admin/orders');
  await expect(page.getByRole('heading', { level: 1, name: admin.title })).toBeVisible();
  await page.getByLabel(admin.mine).check({ force: true });
  // Other journeys place orders on the same server: ask for a number no order has.
  await page.getByLabel(admin.number).fill('K-1999-000000');
  await expect(page.getByText(admin.empty)).toBeVisible();
  await checkA11y('orders list');
  await page.waitForLoadState('networkidle');
  await page.goto('/admin/returns');
  await expect(page.getByRole('heading', { level: 1, name: admin.returns.title })).toBeVisible();
  await choose(page, page.locator('main'), admin.status, aftercare.returnStatus.closed);
  await expect(page.getByText(admin.returns.empty)).toBeVisible();
  await checkA11y('returns queue');
  await page.waitForLoadState('networkidle');
  await page.goto('/admin/claims');
  await expect(page.getByRole('heading', { level: 1, name: admin.claims.title })).toBeVisible();
  await choose(page, page.locator('main'), admin.status, aftercare.claimStatus.resolved);
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

test('[BACK OFFICE] a manager ships an order in two shipments with tracking numbers and tracking events (with coordinates), and the buyer follows it on the tracking page and sees the map', async ({
  page,
  baseURL,
  signInAsOperator,
  checkA11y,
  consoleProblems,
}, testInfo) => {
  test.slow();
  const base = baseURL as string;
  await signInAs(page, base, demoPeople.customer);
  const order = await placeOrder(page, base, '/me', 2);
  const line = order.lines[0];
  if (!line) throw new Error('the order has no lines');
  const tracks = [unique('TRK1', testInfo.project.name), unique('TRK2', testInfo.project.name)];

  await page.context().clearCookies();
  await signInAsOperator();
  await page.goto(`/admin/orders/${order.id}`);
  await expect(
    page.getByRole('heading', { level: 1, name: admin.order.replace('{{number}}', order.number) }),
  ).toBeVisible(firstLoad);
  await page
    .getByRole('button', { name: admin.moveTo.replace('{{status}}', admin.statuses.assembling) })
    .click();
  await expect(page.getByText(admin.statuses.assembling, { exact: true })).toBeVisible();
  await checkA11y('back-office order');

  // Two shipments: one piece each, different carriers and tracking numbers, an expected date on the first.
  const expected = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
  for (const [i, carrier] of ['СДЭК', 'Деловые линии'].entries()) {
    await page.getByLabel(admin.ship.quantityOf.replace('{{name}}', line.name)).fill('1');
    await page.getByLabel(admin.ship.carrier).fill(carrier);
    await page.getByLabel(admin.ship.tracking).fill(tracks[i] as string);
    if (i === 0) await page.getByLabel(admin.ship.expected).fill(expected);
    await page.getByRole('button', { name: admin.ship.submit }).click();
    await expect(page.getByTestId('admin-shipment')).toHaveCount(i + 1);
  }
  await expect(page.getByRole('button', { name: admin.ship.submit })).toHaveCount(0);

  // Tracking events with coordinates on the first shipment: Moscow, then Kazan.
  const first = page.getByTestId('admin-shipment').filter({ hasText: tracks[0] as string });
  for (const [place, lat, lon] of [
    ['Москва', '55.7558', '37.6173'],
    ['Казань', '55.7963', '49.1088'],
  ] as const) {
    await first.getByLabel(admin.track.location).fill(place);
    await first.getByLabel(admin.track.lat).fill(lat);
    await first.getByLabel(admin.track.lon).fill(lon);
    await first
      .getByRole('button', { name: new RegExp(admin.track.submit.replace('{{number}}', '')) })
      .click();
    await expect(first.getByLabel(admin.track.location)).toHaveValue('');
  }
  await checkA11y('back-office order with shipments');

  // The buyer follows the order.
  await signInAs(page, base, demoPeople.customer);
  await page.goto(`/orders/${order.id}`);
  await expect(page.getByTestId('order-status')).toHaveText(ru.orders.status.shipped, firstLoad);
  const links = page.getByTestId('order-aftercare');
  await expect(links.getByRole('link', { name: aftercare.links.return })).toHaveCount(0);
  await expect(page.getByText(ru.orders.event.shipment).first()).toBeVisible();
  await checkA11y('order with shipments');
  await links.getByRole('link', { name: aftercare.links.track }).click();

  await expect(page.getByRole('heading', { level: 1, name: aftercare.tracking.title })).toBeVisible(
    firstLoad,
  );
  await expect(page.getByTestId('shipment')).toHaveCount(2);
  const tracked = page.getByTestId('shipment').filter({ hasText: tracks[0] as string });
  const map = tracked.getByTestId('route-map');
  await expect(map).toBeVisible();
  await expect(map.getByTestId('route-point')).toHaveCount(2);
  await expect(map).toContainText('Казань');
  await expect(tracked.getByText(aftercare.tracking.last.replace('{{place}}', 'Казань'))).toBeVisible();
  await expect(
    tracked.getByText(new RegExp(aftercare.tracking.expected.replace('{{date}}', ''))),
  ).toBeVisible();
  await expect(tracked.getByRole('listitem').filter({ hasText: 'Москва' })).toContainText(
    aftercare.shipmentStatus.in_transit,
  );
  await expect(page.getByTestId('shipment').filter({ hasText: tracks[1] as string })).toContainText(
    aftercare.shipmentStatus.handed_over,
  );
  await checkA11y('tracking page');
  consoleProblems.expectNone();
});

test('[CABINET] a customer returns an item with a photo', async ({
  page,
  baseURL,
  signInAsOperator,
  checkA11y,
  consoleProblems,
}, testInfo) => {
  test.slow();
  const base = baseURL as string;
  await signInAs(page, base, demoPeople.customer);
  const order = await placeOrder(page, base, '/me', 2);
  await deliverOrder(base, order);
  const line = order.lines[0];
  if (!line) throw new Error('the order has no lines');
  const reason = unique('Не подошёл размер', testInfo.project.name);

  await page.goto(`/orders/${order.id}`);
  await expect(page.getByTestId('order-status')).toHaveText(ru.orders.status.delivered, firstLoad);
  await checkA11y('delivered order');
  await page.getByTestId('order-aftercare').getByRole('link', { name: aftercare.links.return }).click();

  await expect(page.getByRole('heading', { level: 1, name: aftercare.returns.new })).toBeVisible(firstLoad);
  await page.getByLabel(aftercare.form.quantityOf.replace('{{name}}', line.name)).fill('1');
  await page.getByLabel(aftercare.returns.reason).fill(reason);
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: tinyPng() });
  await expect(page.getByText('photo.png')).toBeVisible();
  await checkA11y('return form');
  await page.getByRole('button', { name: aftercare.returns.submit }).click();

  await expect(page.getByRole('heading', { level: 1, name: aftercare.returns.title })).toBeVisible(firstLoad);
  const mine = page.getByTestId('return').filter({ hasText: reason });
  await expect(mine).toContainText(aftercare.returnStatus.requested);
  await expect(mine.getByRole('link', { name: 'photo.png' })).toBeVisible();
  const number = `${order.number}-R1`;
  await expect(mine).toContainText(number);
  await checkA11y('my returns');
  await page.goto(`/orders/${order.id}`);
  await expect(page.getByTestId('order-return').filter({ hasText: number })).toContainText(
    aftercare.returnStatus.requested,
    firstLoad,
  );
  await expect(page.getByText(`${number}: ${aftercare.returnStatus.requested}`)).toBeVisible();

  // The manager approves, receives the goods and refunds. The order page is left before its cookie goes: its
  // requests still in flight would otherwise be refused.
  await page.goto('about:blank');
  await page.context().clearCookies();
  await signInAsOperator();
  await page.goto('/admin/returns');
  await expect(page.getByRole('heading', { level: 1, name: admin.returns.title })).toBeVisible(firstLoad);
  const item = queueItem(page, 'returns', number);
  await expect(item.getByRole('link', { name: 'photo.png' })).toBeVisible();
  await checkA11y('returns queue with a request');
  for (const next of ['approved', 'received', 'refunded'] as const) {
    await expect(item.getByRole('combobox', { name: admin.nextStatus })).toHaveValue(
      aftercare.returnStatus[next],
    );
    if (next === 'approved') await item.getByLabel(admin.returns.answer).fill('Ждём товар на складе');
    await item.getByRole('button', { name: admin.save }).click();
    await expect(item.getByText(aftercare.returnStatus[next], { exact: true })).toBeVisible();
  }

  await signInAs(page, base, demoPeople.customer);
  await page.goto('/returns');
  await expect(page.getByTestId('return').filter({ hasText: reason })).toContainText(
    aftercare.returnStatus.refunded,
    firstLoad,
  );
  consoleProblems.expectNone();
});

test('[COMPANY] a company files a claim with a photo and the manager answers', async ({
  page,
  baseURL,
  signInAsOperator,
  checkA11y,
  consoleProblems,
}, testInfo) => {
  test.slow();
  const base = baseURL as string;
  await signInAs(page, base, demoPeople.buyer);
  const orgId = await companyId(page, demoCompanies.dealer);
  const order = await placeOrder(page, base, `/orgs/${orgId}`, 2);
  await deliverOrder(base, order);
  const line = order.lines[0];
  if (!line) throw new Error('the order has no lines');
  const description = unique('Пришла одна коробка вместо двух', testInfo.project.name);
  const answer = `Довезём недостающее ${testInfo.project.name}`;

  await page.goto(`/orgs/${orgId}/orders/${order.id}`);
  await expect(page.getByTestId('order-status')).toHaveText(ru.orders.status.delivered, firstLoad);
  const links = page.getByTestId('order-aftercare');
  await expect(links.getByRole('link', { name: aftercare.links.return })).toHaveCount(0);
  await links.getByRole('link', { name: aftercare.links.claim }).click();

  await expect(page.getByRole('heading', { level: 1, name: aftercare.claims.new })).toBeVisible(firstLoad);
  await choose(page, page.locator('form'), aftercare.claims.kind, aftercare.claimKinds.shortage);
  await page.getByLabel(aftercare.form.quantityOf.replace('{{name}}', line.name)).fill('1');
  await page.getByLabel(aftercare.claims.description).fill(description);
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name: 'box.png', mimeType: 'image/png', buffer: tinyPng() });
  await checkA11y('claim form');
  await page.getByRole('button', { name: aftercare.claims.submit }).click();

  const number = `${order.number}-C1`;
  await expect(
    page.getByRole('heading', { level: 1, name: aftercare.claims.one.replace('{{number}}', number) }),
  ).toBeVisible(firstLoad);
  await expect(page.getByText(aftercare.claimStatus.submitted)).toBeVisible();
  await expect(page.getByRole('link', { name: 'box.png' })).toBeVisible();
  await expect(page.getByText(aftercare.claims.noAnswer)).toBeVisible();
  await checkA11y('claim');

  // The manager takes the claim into review and accepts it with an answer.
  await page.context().clearCookies();
  await signInAsOperator();
  await page.goto('/admin/claims');
  await expect(page.getByRole('heading', { level: 1, name: admin.claims.title })).toBeVisible(firstLoad);
  const item = queueItem(page, 'claims', number);
  await expect(item).toContainText(description);
  await expect(item.getByRole('link', { name: 'box.png' })).toBeVisible();
  await checkA11y('claims queue with a claim');
  await item.getByRole('button', { name: admin.save }).click();
  await expect(item.getByText(aftercare.claimStatus.in_review, { exact: true })).toBeVisible();
  await choose(page, item, admin.nextStatus, aftercare.claimStatus.accepted);
  await item.getByLabel(admin.claims.answer).fill(answer);
  await item.getByRole('button', { name: admin.save }).click();
  await expect(item.getByText(aftercare.claimStatus.accepted, { exact: true })).toBeVisible();

  // The buyer reads the answer, on the claim and on the order.
  await signInAs(page, base, demoPeople.buyer);
  await page.goto(`/orgs/${orgId}/orders/${order.id}`);
  const claim = page.getByTestId('order-claim').filter({ hasText: number });
  await expect(claim).toContainText(aftercare.claimStatus.accepted, firstLoad);
  await checkA11y('order with a claim');
  await claim.getByRole('link', { name: number }).click();
  await expect(page.getByText(answer)).toBeVisible(firstLoad);
  await expect(page.getByText(aftercare.claimStatus.accepted)).toBeVisible();
  consoleProblems.expectNone();
});
