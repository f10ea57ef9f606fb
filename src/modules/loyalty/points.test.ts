import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../server/core/db.js';
import { demoPeople } from '../companies/companies.testkit.js';
import { type OrdersTestApp, ordersTestApp } from '../orders/orders.testkit.js';
import { ensureAccount } from './accounts.service.js';
import { ledgerSum } from './points.ledger.js';
import { ledgerConsistent, onOrderStatusChanged, reverseReturnedLines } from './points.orders.js';
import { spendPointsOnOrder } from './points.service.js';

let o: OrdersTestApp;
let customerId: string;
let admin: string;
let support: string;
const me = '/api/v1/me/orders';

beforeAll(async () => {
  o = await ordersTestApp();
  admin = await o.k.cookieOf(demoPeople.admin.email);
  support = await o.k.cookieOf(demoPeople.support.email);
  const [row] = await queryRows<{ id: string }>(
    o.k.t.db,
    sql`select id from users where email = ${demoPeople.customer.email}`,
  );
  customerId = row?.id ?? '';
  for (const v of o.variants) await o.setStock(v.id, 50);
});
afterAll(async () => o?.k.t.close());

const as = (cookie: string | undefined) => o.k.as(cookie);
const balance = () => ledgerSum(o.k.t.db, customerId);
async function consistent() {
  const { sum, remaining } = await ledgerConsistent(o.k.t.db, customerId);
  expect(sum).toBe(remaining);
}
async function setStatus(orderId: string, status: string) {
  const res = await as(o.k.operator)('POST', `/api/v1/admin/orders/${orderId}/status`, { status });
  expect(res.statusCode, res.body).toBe(200);
}
/** Moves a just-placed order to `paid` (an order in stock may start confirmed). */
async function toPaid(order: { id: string; status: string }) {
  if (order.status === 'new') await setStatus(order.id, 'confirmed');
  await setStatus(order.id, 'paid');
}
const entriesOf = (orderId: string) =>
  queryRows<{ kind: string; points: number; order_number: string | null; shortfall: number }>(
    o.k.t.db,
    sql`select kind, points, order_number, shortfall from loyalty_point_entries where order_id = ${orderId} order by created_at, id`,
  );

describe('my bonuses', () => {
  it('shows the demo balance with the expiry schedule, and the history explains each movement', async () => {
    const res = await as(o.customer)('GET', '/api/v1/me/loyalty');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.balance).toBe(890);
    expect(body.pointValue).toBe(100);
    expect(body.balanceValue).toBe(89_000);
    expect(body.expiringSoon).toBe(390);
    expect(body.expiring[0].points).toBe(150);
    expect(body.tier).toMatchObject({ current: null });
    const history = (await as(o.customer)('GET', '/api/v1/me/loyalty/history?limit=3')).json();
    expect(history.items).toHaveLength(3);
    expect(history.nextCursor).toBeTruthy();
    const rest = (
      await as(o.customer)('GET', `/api/v1/me/loyalty/history?limit=10&cursor=${history.nextCursor}`)
    ).json();
    const kinds = [...history.items, ...rest.items].map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['bonus', 'accrual', 'redemption', 'expiration']));
    expect((await as(o.customer)('GET', '/api/v1/me/loyalty/history?cursor=broken')).statusCode).toBe(400);
    expect((await as(undefined)('GET', '/api/v1/me/loyalty')).statusCode).toBe(401);
  });

  it('a new member gets the welcome bonus once, and sees only their own points', async () => {
    const buyer = (await as(o.buyer)('GET', '/api/v1/me/loyalty')).json();
    expect(buyer.balance).toBe(500);
    expect((await as(o.buyer)('GET', '/api/v1/me/loyalty')).json().balance).toBe(500);
    const history = (await as(o.buyer)('GET', '/api/v1/me/loyalty/history')).json();
    expect(history.items).toHaveLength(1);
    expect(history.items[0].reason).toBe('Приветственный бонус');
  });

  it('takes a birth date once', async () => {
    const put = (d: string) => as(o.buyer)('PUT', '/api/v1/me/loyalty/birthday', { birthDate: d });
    expect((await put('not-a-date')).statusCode).toBe(400);
    expect((await put('2999-01-01')).statusCode).toBe(400);
    expect((await put('1990-05-17')).statusCode).toBe(200);
    expect((await put('1990-05-17')).statusCode).toBe(200);
    expect((await put('1991-05-17')).statusCode).toBe(409);
    expect((await as(o.buyer)('GET', '/api/v1/me/loyalty')).json().birthDate).toBe('1990-05-17');
  });
});

describe('points and orders', () => {
  it('pays part of an order with points, accrues once when paid, and reverses both on cancellation', async () => {
    const before = await balance();
    const v = o.variants[0]?.id as string;
    const placed = await o.place(o.customer, me, {
      ...o.pickupOrder([{ variantId: v, quantity: 2 }]),
      bonusPoints: 50,
    });
    expect(placed.statusCode, placed.body).toBe(201);
    const order = placed.json();
    expect(order.discountTotal).toBe(5000);
    expect(await balance()).toBe(before - 50);
    await o.k.t.drainJobs();
    expect((await entriesOf(order.id))[0]?.order_number).toBe(order.number);

    await toPaid(order);
    await o.k.t.drainJobs();
    const paidNet = order.itemsTotal - order.discountTotal;
    const accrued = Math.floor((paidNet * 300) / 10_000 / 100);
    let entries = await entriesOf(order.id);
    expect(entries.filter((e) => e.kind === 'accrual').map((e) => e.points)).toEqual([accrued]);
    expect(await balance()).toBe(before - 50 + accrued);
    // A redelivered event and a later status earn nothing more.
    await onOrderStatusChanged(
      o.k.t.db,
      { orderId: order.id, personId: customerId, companyId: null, to: 'paid', number: order.number },
      new Date(),
    );
    expect(await balance()).toBe(before - 50 + accrued);

    await setStatus(order.id, 'cancelled');
    await o.k.t.drainJobs();
    entries = await entriesOf(order.id);
    expect(entries.map((e) => e.kind)).toEqual([
      'redemption',
      'accrual',
      'redemption_reversal',
      'accrual_reversal',
    ]);
    expect(await balance()).toBe(before);
    await onOrderStatusChanged(
      o.k.t.db,
      { orderId: order.id, personId: customerId, companyId: null, to: 'cancelled', number: order.number },
      new Date(),
    );
    expect(await balance()).toBe(before);
    await consistent();
  });

  it('refuses more points than the balance with the balance in the message', async () => {
    const v = o.variants[1]?.id as string;
    const res = await o.place(o.customer, me, {
      ...o.pickupOrder([{ variantId: v, quantity: 40 }]),
      bonusPoints: 1_000_000,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('bonusPoints');
    expect(res.json().errors[0].message).toMatch(/\d/);
  });

  it('50 concurrent checkouts spending the same points: as many succeed as the balance pays for, never below zero', async () => {
    const v = o.variants[4]?.id as string;
    await o.setStock(v, 100_000);
    const start = await balance();
    const per = Math.max(1, Math.floor(start / 4));
    // Enough goods for the points' share of each order to take `per` points (the preview says how many it may).
    let quantity = 1;
    for (;;) {
      const preview = await as(o.customer)('POST', '/api/v1/me/checkout/discounts', {
        lines: [{ variantId: v, quantity }],
      });
      expect(preview.statusCode, preview.body).toBe(200);
      if (preview.json().bonus.maxPoints >= per) break;
      quantity *= 2;
    }
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        o.place(
          o.customer,
          me,
          { ...o.pickupOrder([{ variantId: v, quantity }]), bonusPoints: per },
          `points-race-${i}-00000`,
        ),
      ),
    );
    const placed = results.filter((r) => r.statusCode === 201);
    const refused = results.filter((r) => r.statusCode === 400 && r.json().errors[0].path === 'bonusPoints');
    expect(placed).toHaveLength(Math.floor(start / per));
    expect(refused).toHaveLength(50 - placed.length);
    expect(await balance()).toBe(start - placed.length * per);
    expect(await balance()).toBeGreaterThanOrEqual(0);
    await consistent();
    for (const r of placed) await setStatus(r.json().id, 'cancelled');
    await o.k.t.drainJobs();
    expect(await balance()).toBe(start);
  }, 120_000);

  it('a refunded return takes back accrued points and gives back spent ones in proportion', async () => {
    const [a, b] = [o.variants[2]?.id as string, o.variants[3]?.id as string];
    const placed = await o.place(o.customer, me, {
      ...o.pickupOrder([
        { variantId: a, quantity: 2 },
        { variantId: b, quantity: 1 },
      ]),
      bonusPoints: 20,
    });
    expect(placed.statusCode, placed.body).toBe(201);
    const order = placed.json();
    await toPaid(order);
    await o.k.t.drainJobs();
    const entries = await entriesOf(order.id);
    const accrued = entries.find((e) => e.kind === 'accrual')?.points ?? 0;
    const lines = order.lines as { id: string; lineTotal: number; discount: number; quantity: number }[];
    const net = (l: { lineTotal: number; discount: number }) => l.lineTotal - l.discount;
    const itemsNet = lines.reduce((s, l) => s + net(l), 0);
    const first = lines[0] as (typeof lines)[number];
    const before = await balance();
    const event = {
      returnId: '01900000-0000-7000-8000-000000000001',
      orderId: order.id,
      personId: customerId,
      companyId: null,
      lines: [{ lineId: first.id, quantity: 1 }],
    };
    const fraction = net(first) / 2 / itemsNet;
    const result = await o.k.t.db.transaction((tx) => reverseReturnedLines(tx, event, new Date()));
    expect(result).toEqual({
      returned: Math.round(20 * fraction),
      takenBack: Math.round(accrued * fraction),
    });
    expect(await balance()).toBe(before + result.returned - result.takenBack);
    // Redelivery changes nothing.
    await o.k.t.db.transaction((tx) => reverseReturnedLines(tx, event, new Date()));
    expect(await balance()).toBe(before + result.returned - result.takenBack);
    await consistent();
  });

  it('a take-back larger than the balance takes what is there and records the shortfall', async () => {
    const v = o.variants[0]?.id as string;
    const [buyerRow] = await queryRows<{ id: string }>(
      o.k.t.db,
      sql`select id from users where email = ${demoPeople.employee.email}`,
    );
    const employee = await o.k.cookieOf(demoPeople.employee.email);
    const placed = await o.place(employee, me, o.pickupOrder([{ variantId: v, quantity: 5 }]));
    expect(placed.statusCode, placed.body).toBe(201);
    const order = placed.json();
    const personId = buyerRow?.id as string;
    await toPaid(order);
    await o.k.t.drainJobs();
    const have = await ledgerSum(o.k.t.db, personId);
    expect(have).toBeGreaterThan(500); // welcome + accrual
    // Spend everything but 10 points elsewhere, then cancel: the take-back finds only 10.
    await ensureAccount(o.k.t.db, personId);
    await o.k.t.db.transaction((tx) =>
      spendPointsOnOrder(tx, {
        personId,
        orderId: '01900000-0000-7000-8000-0000000000aa',
        points: have - 10,
        payable: 100_000_000,
        now: new Date(),
      }),
    );
    await setStatus(order.id, 'cancelled');
    await o.k.t.drainJobs();
    expect(await ledgerSum(o.k.t.db, personId)).toBe(0);
    const takeBack = (await entriesOf(order.id)).find((e) => e.kind === 'accrual_reversal');
    expect(takeBack?.points).toBe(-10);
    expect(takeBack?.shortfall).toBeGreaterThan(0);
  });
});

describe('back office', () => {
  it('adjusts a balance with a reason, by loyalty.manage only, audited', async () => {
    const url = `/api/v1/admin/loyalty/people/${customerId}/adjustments`;
    expect((await as(o.customer)('POST', url, { points: 10, reason: 'Жалоба' })).statusCode).toBe(403);
    expect((await as(support)('POST', url, { points: 10, reason: 'Жалоба' })).statusCode).toBe(403);
    expect((await as(admin)('POST', url, { points: 10 })).statusCode).toBe(400);
    expect((await as(admin)('POST', url, { points: 10, reason: '  ' })).statusCode).toBe(400);
    expect((await as(admin)('POST', url, { points: 0, reason: 'Ноль' })).statusCode).toBe(400);
    const before = await balance();
    const ok = await as(admin)('POST', url, { points: 25, reason: 'Компенсация за задержку' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ kind: 'adjustment', points: 25, reason: 'Компенсация за задержку' });
    const tooMuch = await as(admin)('POST', url, { points: -1_000_000, reason: 'Ошибка' });
    expect(tooMuch.statusCode).toBe(400);
    const minus = await as(admin)('POST', url, { points: -5, reason: 'Ошибочное начисление' });
    expect(minus.statusCode).toBe(201);
    expect(await balance()).toBe(before + 20);
    const audit = await queryRows<{ n: number }>(
      o.k.t.db,
      sql`select count(*)::int as n from audit_log where action = 'loyalty.adjustment' and subject = ${customerId}`,
    );
    expect(audit[0]?.n).toBe(2);
    expect(
      (
        await as(admin)('POST', '/api/v1/admin/loyalty/people/nobody/adjustments', {
          points: 1,
          reason: 'Тест',
        })
      ).statusCode,
    ).toBe(404);
    await consistent();
  });

  it('finds a person, shows their ledger, and keeps it from other people', async () => {
    const found = await as(admin)('GET', `/api/v1/admin/loyalty/people?q=${demoPeople.customer.email}`);
    expect(found.json()).toEqual({ personId: customerId });
    const ledger = await as(admin)('GET', `/api/v1/admin/loyalty/people/${customerId}?limit=5`);
    expect(ledger.statusCode).toBe(200);
    expect(ledger.json().entries.items).toHaveLength(5);
    expect(ledger.json().cardNumber).toMatch(/^2\d{12}$/);
    const byCard = await as(admin)('GET', `/api/v1/admin/loyalty/people?q=${ledger.json().cardNumber}`);
    expect(byCard.json()).toEqual({ personId: customerId });
    expect((await as(admin)('GET', '/api/v1/admin/loyalty/people?q=nobody@nowhere.test')).statusCode).toBe(
      404,
    );
    expect((await as(o.customer)('GET', `/api/v1/admin/loyalty/people/${customerId}`)).statusCode).toBe(403);
    // The buyer's own history never includes the customer's movements.
    const buyerHistory = (await as(o.buyer)('GET', '/api/v1/me/loyalty/history?limit=100')).json();
    expect(buyerHistory.items.some((e: { reason: string }) => e.reason.includes('Ленинском'))).toBe(false);
  });

  it('edits the rules and reports issued, spent, expired, liability and tiers, also as xlsx', async () => {
    const settings = (await as(admin)('GET', '/api/v1/admin/loyalty/settings')).json();
    expect(settings).toMatchObject({
      pointValue: 100,
      baseAccrualBp: 300,
      maxShareBp: 3000,
      lifetimeDays: 365,
    });
    expect(
      (await as(admin)('PUT', '/api/v1/admin/loyalty/settings', { ...settings, maxShareBp: 20_000 }))
        .statusCode,
    ).toBe(400);
    expect((await as(o.customer)('PUT', '/api/v1/admin/loyalty/settings', settings)).statusCode).toBe(403);
    const saved = await as(admin)('PUT', '/api/v1/admin/loyalty/settings', {
      ...settings,
      welcomePoints: 400,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await as(admin)('GET', '/api/v1/admin/loyalty/settings')).json().welcomePoints).toBe(400);
    await as(admin)('PUT', '/api/v1/admin/loyalty/settings', settings);

    const from = new Date(Date.now() - 450 * 86_400_000).toISOString().slice(0, 10);
    const report = await as(admin)('GET', `/api/v1/admin/loyalty/reports?from=${from}`);
    expect(report.statusCode, report.body).toBe(200);
    const body = report.json();
    const total = (k: string) =>
      body.months.reduce((s: number, m: Record<string, number>) => s + (m[k] ?? 0), 0);
    expect(total('issued')).toBeGreaterThan(0);
    expect(total('spent')).toBeGreaterThan(0);
    expect(total('expired')).toBeGreaterThanOrEqual(100);
    const [sum] = await queryRows<{ n: number }>(
      o.k.t.db,
      sql`select sum(points)::int as n from loyalty_point_entries`,
    );
    expect(body.liability).toEqual({ points: sum?.n, kopecks: (sum?.n ?? 0) * 100 });
    expect(body.tiers.reduce((s: number, t: { accounts: number }) => s + t.accounts, 0)).toBeGreaterThan(0);
    expect((await as(admin)('GET', '/api/v1/admin/loyalty/reports?from=2026-13-01')).statusCode).toBe(400);
    expect(
      (await as(admin)('GET', '/api/v1/admin/loyalty/reports?from=2026-05-01&to=2026-01-01')).statusCode,
    ).toBe(400);
    const xlsx = await as(admin)('GET', `/api/v1/admin/loyalty/reports.xlsx?from=${from}&lang=en`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await as(o.customer)('GET', '/api/v1/admin/loyalty/reports')).statusCode).toBe(403);
  });
});
