import { and, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../server/core/db.js';
import { testSecrets } from '../../test/app.js';
import { demoPeople, origin } from '../companies/companies.testkit.js';
import { notifications } from '../notifications/notifications.tables.js';
import { type OrdersTestApp, ordersTestApp } from '../orders/orders.testkit.js';
import { saveDevCard, setDevCardDeclined } from '../payments/index.js';
import { users } from '../people/people.tables.js';
import { runReorderReminders } from './reminders.service.js';
import { addDays, addMonths, dateOf, usualIntervalDays } from './subscriptions.dates.js';
import { type RunnerContext, runSubscriptions } from './subscriptions.runner.js';
import { reorderReminders, subscriptions } from './subscriptions.tables.js';

let o: OrdersTestApp;
let personId: string;
let cardId: string;
let ctx: RunnerContext;

beforeAll(async () => {
  o = await ordersTestApp();
  const [customer] = await o.k.t.db.select().from(users).where(eq(users.email, demoPeople.customer.email));
  personId = customer?.id as string;
  cardId = await saveDevCard(o.k.t.db, personId);
  ctx = { payments: { config: o.k.t.app.kabinet.config, secrets: testSecrets }, publicUrl: origin };
}, 60_000);
afterAll(async () => o?.k.t.close());

const call = (
  cookie: string | null,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  url: string,
  payload?: object,
) =>
  o.k.t.app.inject({
    method,
    url,
    ...(payload ? { payload } : {}),
    headers: { origin, ...(cookie ? { cookie } : {}) },
  });

const today = () => dateOf(new Date());
const noonOf = (day: string) => new Date(`${day}T12:00:00Z`);

async function subscribe(variantIndex: number, extra: object = {}) {
  const variantId = o.variants[variantIndex]?.id as string;
  await o.setStock(variantId, 50);
  const res = await call(o.customer, 'POST', '/api/v1/me/subscriptions', {
    kind: 'product',
    variantId,
    quantity: 2,
    intervalWeeks: 2,
    deliveryMethodId: o.pickup.id,
    savedMethodId: cardId,
    nextDate: addDays(today(), 1),
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; nextDate: string; variantId: string; history: { kind: string }[] };
}

const ordersByKey = (subId: string) =>
  queryRows<{ id: string; idempotency_key: string; status: string }>(
    o.k.t.db,
    sql`select id, idempotency_key, status from orders where idempotency_key like ${`subscription:${subId}:%`}`,
  );

const detail = async (id: string) => (await call(o.customer, 'GET', `/api/v1/me/subscriptions/${id}`)).json();

/** The customer's newest dev-mailbox message whose subject holds `part`. */
async function mailWithSubject(part: string) {
  await o.k.t.drainJobs();
  const list = await call(
    o.k.operator,
    'GET',
    `/api/v1/admin/dev-mailbox?to=${encodeURIComponent(demoPeople.customer.email)}`,
  );
  const found = list.json().items.find((m: { subject: string }) => m.subject.includes(part));
  expect(found, 'no such mail').toBeTruthy();
  return (await call(o.k.operator, 'GET', `/api/v1/admin/dev-mailbox/${found.id}`)).json() as {
    subject: string;
    text: string;
  };
}

const noticesOf = async (kind: string, subscriptionId?: string) =>
  (
    await o.k.t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, personId), eq(notifications.kind, kind)))
  ).filter(
    (n) => !subscriptionId || (n.data as { subscriptionId?: string }).subscriptionId === subscriptionId,
  );

describe('dates and intervals', () => {
  it('takes the median gap between purchase days and adds months to the month end', () => {
    expect(usualIntervalDays(['2026-01-01', '2026-01-31', '2026-03-02'])).toBe(30);
    expect(usualIntervalDays(['2026-01-01', '2026-01-11', '2026-03-01', '2026-03-31'])).toBe(30);
    expect(usualIntervalDays(['2026-01-01'])).toBeNull();
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
  });
});

describe('subscribing and access', () => {
  it('validates, creates, lists, and hides one person’s subscription from others', async () => {
    expect((await call(null, 'GET', '/api/v1/me/subscriptions')).statusCode).toBe(401);
    const bad = await call(o.customer, 'POST', '/api/v1/me/subscriptions', {
      kind: 'product',
      variantId: o.variants[0]?.id,
      quantity: 1,
      intervalWeeks: 27,
      deliveryMethodId: o.pickup.id,
      savedMethodId: cardId,
    });
    expect(bad.statusCode).toBe(400);
    const notMine = await call(o.buyer, 'POST', '/api/v1/me/subscriptions', {
      kind: 'product',
      variantId: o.variants[0]?.id,
      quantity: 1,
      intervalWeeks: 2,
      deliveryMethodId: o.pickup.id,
      savedMethodId: cardId,
    });
    expect(notMine.statusCode).toBe(400);
    expect(notMine.json().errors[0].path).toBe('savedMethodId');

    const sub = await subscribe(0);
    expect(sub.history.map((h) => h.kind)).toEqual(['created']);
    const again = await call(o.customer, 'POST', '/api/v1/me/subscriptions', {
      kind: 'product',
      variantId: sub.variantId,
      quantity: 1,
      intervalWeeks: 2,
      deliveryMethodId: o.pickup.id,
      savedMethodId: cardId,
    });
    expect(again.statusCode).toBe(409);
    const list = (await call(o.customer, 'GET', '/api/v1/me/subscriptions')).json();
    expect(list.items.some((s: { id: string }) => s.id === sub.id)).toBe(true);

    expect((await call(o.buyer, 'GET', `/api/v1/me/subscriptions/${sub.id}`)).statusCode).toBe(404);
    expect((await call(o.buyer, 'POST', `/api/v1/me/subscriptions/${sub.id}/skip`)).statusCode).toBe(404);
    expect((await call(o.customer, 'GET', `/api/v1/me/subscriptions/${uuidv7()}`)).statusCode).toBe(404);
    expect((await call(o.customer, 'GET', '/api/v1/me/subscriptions/nope')).statusCode).toBe(400);
    expect((await call(o.customer, 'GET', '/api/v1/admin/subscriptions')).statusCode).toBe(403);
    const admin = await call(o.k.operator, 'GET', '/api/v1/admin/subscriptions?status=active');
    expect(admin.statusCode).toBe(200);
    expect(admin.json().items.some((s: { id: string }) => s.id === sub.id)).toBe(true);
    await call(o.customer, 'POST', `/api/v1/me/subscriptions/${sub.id}/cancel`);
  });
});

describe('the runner', () => {
  it('places exactly one paid order per period, even run twice at once and again after a lost update', async () => {
    const sub = await subscribe(1);
    const period = sub.nextDate;
    const now = noonOf(period);
    expect(await runSubscriptions(o.k.t.db, ctx, new Date(now.getTime() - 86_400_000))).toMatchObject({
      charged: 0,
    });
    const [a, b] = await Promise.all([
      runSubscriptions(o.k.t.db, ctx, now),
      runSubscriptions(o.k.t.db, ctx, now),
    ]);
    expect((a?.claimed ?? 0) + (b?.claimed ?? 0)).toBeGreaterThan(0);
    expect(await ordersByKey(sub.id)).toHaveLength(1);
    await runSubscriptions(o.k.t.db, ctx, now);
    let placed = await ordersByKey(sub.id);
    expect(placed).toHaveLength(1);
    const after = await detail(sub.id);
    expect(after.nextDate).toBe(addDays(period, 14));
    expect(after.charges).toEqual([
      expect.objectContaining({ periodDate: period, status: 'paid', attempts: 1 }),
    ]);
    expect(after.history.map((h: { kind: string }) => h.kind)).toContain('charged');
    expect(await noticesOf('subscriptions.charged', sub.id)).toHaveLength(1);

    // A process that died after placing but before moving the date: the rerun finds the same order.
    await o.k.t.db.update(subscriptions).set({ nextDate: period }).where(eq(subscriptions.id, sub.id));
    await runSubscriptions(o.k.t.db, ctx, now);
    placed = await ordersByKey(sub.id);
    expect(placed).toHaveLength(1);
    expect((await detail(sub.id)).nextDate).toBe(addDays(period, 14));
    await o.k.t.drainJobs();
    const order = (await call(o.customer, 'GET', `/api/v1/me/orders/${placed[0]?.id}`)).json();
    expect(order.paymentState).toBe('paid');
    await call(o.customer, 'POST', `/api/v1/me/subscriptions/${sub.id}/cancel`);
  });

  it('skip and pause move the dates; a pause with an end resumes by itself', async () => {
    const sub = await subscribe(2);
    const first = sub.nextDate;
    const skipped = (await call(o.customer, 'POST', `/api/v1/me/subscriptions/${sub.id}/skip`)).json();
    expect(skipped.nextDate).toBe(addDays(first, 14));
    expect(await runSubscriptions(o.k.t.db, ctx, noonOf(first))).toMatchObject({ charged: 0 });

    const until = addDays(first, 30);
    const paused = await call(o.customer, 'POST', `/api/v1/me/subscriptions/${sub.id}/pause`, { until });
    expect(paused.statusCode, paused.body).toBe(200);
    expect(paused.json()).toMatchObject({ status: 'paused', pausedUntil: until, nextDate: until });
    expect(await runSubscriptions(o.k.t.db, ctx, noonOf(addDays(first, 14)))).toMatchObject({ charged: 0 });
    expect(
      (await call(o.customer, 'POST', `/api/v1/me/subscriptions/${sub.id}/pause`, { until: '2020-01-01' }))
        .statusCode,
    ).toBe(400);

    // The pause ends on its date and that day's delivery goes out.
    expect(await runSubscriptions(o.k.t.db, ctx, noonOf(until))).toMatchObject({ charged: 1 });
    const resumed = await detail(sub.id);
    expect(resumed).toMatchObject({ status: 'active', nextDate: addDays(until, 14) });
    expect(resumed.history.map((h: { kind: string }) => h.kind)).toEqual(
      expect.arrayContaining(['skipped', 'paused', 'resumed', 'charged']),
    );

    // Indefinitely: nothing happens until the person resumes.
    await call(o.customer, 'POST', `/api/v1/me/subscriptions/${sub.id}/pause`, {});
    expect(await runSubscriptions(o.k.t.db, ctx, noonOf(addDays(until, 60)))).toMatchObject({ charged: 0 });
    const back = (await call(o.customer, 'POST', `/api/v1/me/subscriptions/${sub.id}/resume`)).json();
    expect(back.status).toBe('active');
    const changed = await call(o.customer, 'PATCH', `/api/v1/me/subscriptions/${sub.id}`, {
      quantity: 3,
      intervalWeeks: 4,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ quantity: 3, intervalWeeks: 4 });
    expect((await call(o.customer, 'PATCH', `/api/v1/me/subscriptions/${sub.id}`, {})).statusCode).toBe(400);
    const canceled = (await call(o.customer, 'POST', `/api/v1/me/subscriptions/${sub.id}/cancel`)).json();
    expect(canceled.status).toBe('canceled');
    expect((await call(o.customer, 'POST', `/api/v1/me/subscriptions/${sub.id}/skip`)).statusCode).toBe(409);
  });

  it('retries a failed payment after 1 and 3 days, tells the person, then pauses with the reason', async () => {
    const declinedCard = await saveDevCard(o.k.t.db, personId, { last4: '0002' });
    const sub = await subscribe(3, { savedMethodId: declinedCard });
    await setDevCardDeclined(o.k.t.db, declinedCard, true);
    const period = sub.nextDate;
    const t0 = noonOf(period);
    expect(await runSubscriptions(o.k.t.db, ctx, t0)).toMatchObject({ failed: 1 });
    let d = await detail(sub.id);
    expect(d).toMatchObject({ status: 'active', failedAttempts: 1, nextDate: period });
    expect(d.retryAt).toBe(new Date(t0.getTime() + 86_400_000).toISOString());
    expect(await noticesOf('subscriptions.payment_failed', sub.id)).toHaveLength(1);
    const mail = await mailWithSubject('не удалось оплатить');
    expect(mail.text).toContain('/subscriptions#notices');

    // Not yet due: nothing happens before the retry time.
    expect(await runSubscriptions(o.k.t.db, ctx, new Date(t0.getTime() + 3_600_000))).toMatchObject({
      claimed: 0,
    });
    expect(await runSubscriptions(o.k.t.db, ctx, new Date(t0.getTime() + 86_400_000))).toMatchObject({
      failed: 1,
    });
    d = await detail(sub.id);
    expect(d.retryAt).toBe(new Date(t0.getTime() + 4 * 86_400_000).toISOString());
    expect(await runSubscriptions(o.k.t.db, ctx, new Date(t0.getTime() + 4 * 86_400_000))).toMatchObject({
      paused: 1,
    });
    d = await detail(sub.id);
    expect(d).toMatchObject({ status: 'paused', pauseReason: 'payment_failed' });
    expect(d.charges[0]).toMatchObject({
      status: 'failed',
      attempts: 3,
      lastError: 'PAYMENT_METHOD_UNUSABLE',
    });
    expect(await noticesOf('subscriptions.paused', sub.id)).toHaveLength(1);
    // The one unpaid order of the period was cancelled; no more were placed.
    const placed = await ordersByKey(sub.id);
    expect(placed).toHaveLength(1);
    expect(placed[0]?.status).toBe('cancelled');
    const failed = (await call(o.k.operator, 'GET', '/api/v1/admin/subscriptions/failed-charges')).json();
    expect(failed.items.some((c: { subscriptionId: string }) => c.subscriptionId === sub.id)).toBe(true);
    await call(o.customer, 'POST', `/api/v1/me/subscriptions/${sub.id}/cancel`);
  });

  it('charges a service plan each period; a failed charge that then succeeds moves on', async () => {
    const created = await call(o.k.operator, 'POST', '/api/v1/admin/subscriptions/plans', {
      nameRu: 'Уборка',
      nameEn: 'Cleaning',
      price: 100_000,
      period: 'month',
    });
    expect(created.statusCode, created.body).toBe(201);
    const plan = created.json();
    expect(
      (
        await call(o.k.operator, 'POST', '/api/v1/admin/subscriptions/plans', {
          ...plan,
          period: 'weeks',
          intervalWeeks: null,
        })
      ).statusCode,
    ).toBe(400);
    const plans = (await call(o.customer, 'GET', '/api/v1/me/subscriptions/plans')).json();
    expect(plans.items.some((p: { id: string }) => p.id === plan.id)).toBe(true);
    const card = await saveDevCard(o.k.t.db, personId, { last4: '1112' });
    const res = await call(o.customer, 'POST', '/api/v1/me/subscriptions', {
      kind: 'plan',
      planId: plan.id,
      savedMethodId: card,
    });
    expect(res.statusCode, res.body).toBe(201);
    const sub = res.json();
    expect(sub.nextDate).toBe(today());
    await setDevCardDeclined(o.k.t.db, card, true);
    const t0 = noonOf(today());
    expect(await runSubscriptions(o.k.t.db, ctx, t0)).toMatchObject({ failed: 1 });
    await setDevCardDeclined(o.k.t.db, card, false);
    expect(await runSubscriptions(o.k.t.db, ctx, new Date(t0.getTime() + 86_400_000))).toMatchObject({
      charged: 1,
    });
    const d = await detail(sub.id);
    expect(d).toMatchObject({ status: 'active', failedAttempts: 0, nextDate: addMonths(today(), 1) });
    expect(d.charges[0]).toMatchObject({ status: 'paid', amount: 100_000, attempts: 2 });
    const [payment] = await queryRows<{ subject_type: string; status: string }>(
      o.k.t.db,
      sql`select subject_type, status from payments where id = ${d.charges[0].paymentId}`,
    );
    expect(payment).toEqual({ subject_type: 'subscription', status: 'succeeded' });
    await call(o.customer, 'POST', `/api/v1/me/subscriptions/${sub.id}/cancel`);
  });

  it('respects the subscription-notices preference for routine notices', async () => {
    const prefs = await call(o.customer, 'PUT', '/api/v1/me/reminders/preferences', {
      subscriptionNotices: false,
    });
    expect(prefs.json()).toEqual({ reorderReminders: true, subscriptionNotices: false });
    const sub = await subscribe(4);
    expect(await runSubscriptions(o.k.t.db, ctx, noonOf(sub.nextDate))).toMatchObject({ charged: 1 });
    expect((await detail(sub.id)).charges[0]).toMatchObject({ status: 'paid' });
    expect(await noticesOf('subscriptions.charged', sub.id)).toHaveLength(0);
    await call(o.customer, 'PUT', '/api/v1/me/reminders/preferences', { subscriptionNotices: true });
    await call(o.customer, 'POST', `/api/v1/me/subscriptions/${sub.id}/cancel`);
  });
});

describe('time to reorder', () => {
  it('learns the usual interval, reminds once per cycle with a one-click cart link, and obeys the switch', async () => {
    const variantId = o.variants[5]?.id as string;
    const productId = o.variants[5]?.product_id as string;
    await o.setStock(variantId, 50);
    const base = new Date();
    const ids: string[] = [];
    for (const daysAgo of [60, 30, 0]) {
      const placed = await o.place(
        o.customer,
        '/api/v1/me/orders',
        o.pickupOrder([{ variantId, quantity: 3 }]),
      );
      expect(placed.statusCode, placed.body).toBe(201);
      ids.push(placed.json().id);
      await o.k.t.db.execute(
        sql`update orders set created_at = ${new Date(base.getTime() - daysAgo * 86_400_000).toISOString()}::timestamptz where id = ${placed.json().id}`,
      );
    }
    const at = (days: number) => new Date(base.getTime() + days * 86_400_000);
    const run = (days: number) => runReorderReminders(o.k.t.db, origin, at(days), { personId });
    const mine = () =>
      o.k.t.db
        .select()
        .from(reorderReminders)
        .where(and(eq(reorderReminders.personId, personId), eq(reorderReminders.productId, productId)));

    await run(29);
    expect(await mine()).toHaveLength(0);
    await run(30);
    await run(31);
    const [reminder] = await mine();
    expect(await mine()).toHaveLength(1);
    expect(reminder).toMatchObject({ intervalDays: 30, quantity: 3, lastPurchase: dateOf(base) });

    const [notice] = (await noticesOf('subscriptions.reorder')).filter(
      (n) => (n.data as { productId?: string }).productId === productId,
    );
    const token = /token=([\w-]+)/.exec(notice?.link ?? '')?.[1] as string;
    expect(token).toBeTruthy();
    expect((await call(o.buyer, 'POST', '/api/v1/me/reminders/reorder', { token })).statusCode).toBe(404);
    const reorder = await call(o.customer, 'POST', '/api/v1/me/reminders/reorder', { token });
    expect(reorder.statusCode, reorder.body).toBe(200);
    expect(reorder.json()).toMatchObject({ added: 1, alreadyUsed: false });
    const cart = (await call(o.customer, 'GET', `/api/v1/me/carts/${reorder.json().cartId}`)).json();
    expect(JSON.stringify(cart)).toContain(variantId);
    expect((await call(o.customer, 'POST', '/api/v1/me/reminders/reorder', { token })).json()).toMatchObject({
      added: 0,
      alreadyUsed: true,
    });
    const listed = (await call(o.customer, 'GET', '/api/v1/me/reminders')).json();
    expect(listed.items.some((r: { productId: string }) => r.productId === productId)).toBe(true);

    // Turned off: no reminder for the next cycle; on again: one.
    await o.k.t.db.delete(reorderReminders).where(eq(reorderReminders.id, reminder?.id as string));
    await call(o.customer, 'PUT', '/api/v1/me/reminders/preferences', { reorderReminders: false });
    await run(32);
    expect(await mine()).toHaveLength(0);
    await call(o.customer, 'PUT', '/api/v1/me/reminders/preferences', { reorderReminders: true });

    // A live subscription for the product replaces the reminder.
    const sub = await subscribe(5);
    await run(33);
    expect(await mine()).toHaveLength(0);
    await call(o.customer, 'POST', `/api/v1/me/subscriptions/${sub.id}/cancel`);
    await run(33);
    expect(await mine()).toHaveLength(1);
  });
});

describe('personal data', () => {
  it('exports the person’s subscriptions and reminders and erases them', async () => {
    const { subscriptionsPersonalData } = await import('./subscriptions.personal-data.js');
    const [provider] = subscriptionsPersonalData;
    const ctx = { db: o.k.t.db, userId: personId } as Parameters<NonNullable<typeof provider>['export']>[0];
    const exported = (await provider?.export(ctx)) as { subscriptions: unknown[]; reminders: unknown[] };
    expect(exported.subscriptions.length).toBeGreaterThan(0);
    expect(JSON.stringify(exported)).not.toContain('token');
    await provider?.erase(ctx);
    expect((await call(o.customer, 'GET', '/api/v1/me/subscriptions')).json().items).toEqual([]);
  });
});
