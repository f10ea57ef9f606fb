import { and, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueJob } from '../../server/core/jobs/queue.js';
import { auditLog } from '../audit/audit.tables.js';
import { type CompaniesTestApp, companiesTestApp, demoPeople } from '../companies/companies.testkit.js';
import { notifications } from '../notifications/notifications.tables.js';
import { orderReturns, orders } from '../orders/orders.tables.js';
import { findPersonByEmail } from '../people/people.service.js';
import { users } from '../people/people.tables.js';
import { accountByCard, ensureAccount } from './accounts.service.js';
import { cardNumberOf, isCardNumber } from './card-number.js';
import { pointsBalance } from './points.service.js';
import { recalculateTiersJob } from './tiers.jobs.js';
import { recalculateTiers } from './tiers.recalculate.js';
import { spendWindow, tierChangesAt, tierOf, tierProgressOf } from './tiers.service.js';

let k: CompaniesTestApp;
let customerId: string;
let buyerId: string;
let customer: string;
let support: string;
let admin: string;

const day = 86_400_000;
/** A fixed clock: the daily run at 03:00 UTC. */
const now = new Date('2026-06-15T03:00:00.000Z');
const daysBefore = (d: number, from = now) => new Date(from.getTime() - d * day);
let seq = 0;

/** An order as the orders module stores it, placed at `createdAt` (only what the spend aggregate reads matters). */
async function order(
  personId: string,
  createdAt: Date,
  total: number,
  extra: Partial<typeof orders.$inferInsert> = {},
): Promise<string> {
  const id = uuidv7();
  seq++;
  await k.t.db.insert(orders).values({
    id,
    number: `T-2026-${String(seq).padStart(6, '0')}`,
    personId,
    placedByName: 'Test',
    status: 'completed',
    paymentState: 'paid',
    paymentMethod: 'card_online',
    itemsTotal: total,
    total,
    paidAmount: total,
    lineCount: 1,
    delivery: {} as never,
    idempotencyKey: `tiers-${seq}`,
    createdAt,
    ...extra,
  });
  return id;
}

const tierNotes = (personId: string) =>
  k.t.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, personId), eq(notifications.kind, 'loyalty.tier')))
    .orderBy(notifications.createdAt);

/** Runs the scheduled job as the runner would, with the clock given in its payload. */
async function runJob(at: Date) {
  await enqueueJob(k.t.db, recalculateTiersJob, { now: at.toISOString() });
  await k.t.drainJobs();
}

beforeAll(async () => {
  k = await companiesTestApp();
  customerId = (await findPersonByEmail(k.t.db, demoPeople.customer.email))?.id as string;
  buyerId = (await findPersonByEmail(k.t.db, demoPeople.buyer.email))?.id as string;
  customer = await k.cookieOf(demoPeople.customer.email);
  support = await k.cookieOf(demoPeople.support.email);
  admin = await k.cookieOf(demoPeople.admin.email);
}, 60_000);

afterAll(async () => {
  await k?.t.close();
});

describe('spend over the rolling period', () => {
  it('counts an order placed exactly period-days ago and not one a day older', async () => {
    expect(spendWindow(now, 365).since.toISOString()).toBe('2025-06-15T03:00:00.000Z');
    await order(customerId, daysBefore(365), 1_000_000); // exactly on the boundary: counts
    await order(buyerId, daysBefore(366), 1_000_000); // a day older: does not
    const changes = await tierChangesAt(k.t.db, now);
    expect(changes.find((c) => c.personId === customerId)).toMatchObject({
      spend: 1_000_000,
      from: null,
      to: 'silver',
    });
    expect(changes.find((c) => c.personId === buyerId)).toBeUndefined();
    // A millisecond later the boundary order has left the period.
    const later = await tierChangesAt(k.t.db, new Date(now.getTime() + 1));
    expect(later.find((c) => c.personId === customerId)).toBeUndefined();
  });

  it('leaves out company orders, unpaid and cancelled orders and future ones; takes refunds off', async () => {
    const person = buyerId;
    await order(person, daysBefore(10), 9_000_000, { companyId: uuidv7() });
    await order(person, daysBefore(10), 9_000_000, { status: 'new', paymentState: 'unpaid', paidAmount: 0 });
    await order(person, daysBefore(10), 9_000_000, { status: 'cancelled' });
    await order(person, daysBefore(10), 9_000_000, {
      status: 'assembling',
      paymentState: 'unpaid',
      paidAmount: 0,
    });
    await order(person, new Date(now.getTime() + day), 9_000_000);
    expect((await tierProgressOf(k.t.db, person, now)).spend).toBe(0);
    // A cash order delivered and unpaid in the system counts; so does a paid one being assembled.
    await order(person, daysBefore(5), 600_000, {
      status: 'delivered',
      paymentState: 'unpaid',
      paidAmount: 0,
    });
    await order(person, daysBefore(5), 300_000, { status: 'assembling' });
    // A card refund (on the order) and a refunded return of a cash order (on the return only).
    await order(person, daysBefore(4), 500_000, {
      refundedAmount: 200_000,
      paymentState: 'partially_refunded',
    });
    const cash = await order(person, daysBefore(3), 400_000, { paymentMethod: 'cash_on_delivery' });
    await k.t.db.insert(orderReturns).values({
      id: uuidv7(),
      number: `R-${seq}`,
      orderId: cash,
      personId: person,
      status: 'refunded',
      reason: 'test',
      amount: 100_000,
      refundedAmount: 100_000,
    } as never);
    expect((await tierProgressOf(k.t.db, person, now)).spend).toBe(600_000 + 300_000 + 300_000 + 300_000);
  });
});

describe('the recalculation job', () => {
  it('upgrades and downgrades at the period boundary and notifies each change once', async () => {
    await k.t.db.update(users).set({ locale: 'en' }).where(eq(users.id, buyerId));
    await runJob(now);
    expect(await tierOf(k.t.db, customerId)).toMatchObject({
      code: 'silver',
      accrualBp: 300,
      names: { en: 'Silver' },
    });
    expect((await tierOf(k.t.db, buyerId))?.code).toBe('silver'); // 15 000 ₽ ≥ 10 000 ₽
    expect(await tierNotes(customerId)).toHaveLength(1);
    expect((await tierNotes(customerId))[0]).toMatchObject({
      titleRu: 'Ваш уровень повышен: «Серебряный»',
      link: '/loyalty/card',
    });
    const ruMail = await k.latestMailTo(demoPeople.customer.email);
    expect(ruMail?.subject).toBe('Поздравляем: ваш уровень — «Серебряный»');
    expect((await k.latestMailTo(demoPeople.buyer.email))?.subject).toBe(
      'Congratulations: you are now Silver',
    );

    // The same day again (a retried job, the manual button): nothing changes, nobody hears twice.
    await runJob(now);
    await runJob(now);
    expect(await tierNotes(customerId)).toHaveLength(1);

    // A new big order: up to Gold, one more notification.
    await order(customerId, daysBefore(1), 4_000_000);
    await runJob(now);
    expect((await tierOf(k.t.db, customerId))?.code).toBe('gold');
    expect(await tierNotes(customerId)).toHaveLength(2);

    // A day later the boundary order (10 000 ₽) leaves the period: 40 000 ₽ is Silver again.
    const tomorrow = new Date(now.getTime() + day);
    await runJob(tomorrow);
    await runJob(tomorrow);
    expect((await tierOf(k.t.db, customerId))?.code).toBe('silver');
    const notes = await tierNotes(customerId);
    expect(notes).toHaveLength(3);
    expect(notes[2]?.titleRu).toBe('Ваш уровень теперь «Серебряный»');
    expect((await k.latestMailTo(demoPeople.customer.email))?.subject).toBe(
      'Ваш уровень в программе лояльности — «Серебряный»',
    );

    // Everything out of the period: no tier, told once.
    const farLater = new Date(now.getTime() + 400 * day);
    expect(await recalculateTiers(k.t.db, farLater, 'http://x')).toMatchObject({
      downgraded: 2,
      upgraded: 0,
    });
    expect(await recalculateTiers(k.t.db, farLater, 'http://x')).toMatchObject({ changed: 0 });
    expect(await tierOf(k.t.db, customerId)).toBeNull();
    expect(await tierNotes(customerId)).toHaveLength(4);
    await runJob(now); // back to the fixed day for the tests below
  });

  it('reports progress to the next tier', async () => {
    const progress = await tierProgressOf(k.t.db, customerId, now);
    expect(progress).toMatchObject({ spend: 5_000_000, periodDays: 365, current: { code: 'gold' } });
    expect(progress.next).toMatchObject({ code: 'platinum', minSpend: 15_000_000, spendLeft: 10_000_000 });
  });

  it('follows the period setting', async () => {
    const res = await k.as(k.operator)('PUT', '/api/v1/admin/loyalty/tiers/settings', { periodDays: 30 });
    expect(res.statusCode, res.body).toBe(200);
    expect((await tierProgressOf(k.t.db, customerId, now)).spend).toBe(4_000_000);
    await k.as(k.operator)('PUT', '/api/v1/admin/loyalty/tiers/settings', { periodDays: 365 });
  });
});

describe('the loyalty card', () => {
  it('opens the account on first view and shows the QR code and the barcode', async () => {
    const res = await k.as(customer)('GET', '/api/v1/me/loyalty/card');
    expect(res.statusCode, res.body).toBe(200);
    const card = res.json();
    expect(isCardNumber(card.number)).toBe(true);
    expect(card.holderName).toBe(demoPeople.customer.name);
    expect(card.qrSvg).toMatch(/^<svg/);
    expect(card.barcodeSvg).toMatch(/^<svg/);
    expect(card.tier?.code).toBe('gold');
    expect(card.progress.next.code).toBe('platinum');
    expect((await k.as(customer)('GET', '/api/v1/me/loyalty/card')).json().number).toBe(card.number);
    expect((await k.as(undefined)('GET', '/api/v1/me/loyalty/card')).statusCode).toBe(401);
  });
});

describe('the till lookup', () => {
  const lookup = (cookie: string | undefined, number: string) =>
    k.as(cookie)('GET', `/api/v1/admin/loyalty/cards/${encodeURIComponent(number)}`);

  it('finds the person by card for staff with loyalty.till and audits it', async () => {
    const { cardNumber } = await ensureAccount(k.t.db, customerId);
    const res = await lookup(support, cardNumber);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      number: cardNumber,
      name: demoPeople.customer.name,
      phone: '+7 *** ***-**-02',
      email: 'c***@demo.kabinet.local',
      tier: { code: 'gold' },
      // The demo customer's seeded points, as the ledger sums them.
      balance: (await pointsBalance(k.t.db, customerId)).points,
      status: 'active',
    });
    expect(res.json().balance).toBeGreaterThan(0);
    expect(JSON.stringify(res.json())).not.toContain(demoPeople.customer.email);
    const audited = await k.t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'loyalty.card_lookup'), eq(auditLog.subject, customerId)));
    expect(audited).toHaveLength(1);
    expect((await lookup(admin, cardNumber.replace(/^(\d)(\d{6})/, '$1 $2 '))).statusCode).toBe(200);
  });

  it('refuses people without the permission (403) and strangers (401)', async () => {
    const { cardNumber } = await ensureAccount(k.t.db, customerId);
    expect((await lookup(customer, cardNumber)).statusCode).toBe(403);
    expect((await lookup(undefined, cardNumber)).statusCode).toBe(401);
  });

  it('answers 400 with the reason for a malformed number and 404 for an unknown card', async () => {
    const short = await lookup(support, '12345');
    expect(short.statusCode).toBe(400);
    expect(short.json().detail).toMatch(/13 digits/);
    expect(short.json().errors[0].path).toBe('params.number');
    const check = await lookup(support, '2000000000016');
    expect(check.statusCode).toBe(400);
    expect(check.json().detail).toMatch(/check digit/);
    expect((await lookup(support, '4006381333931')).json().detail).toMatch(/start with 2/);
    expect((await lookup(support, 'x'.repeat(100))).statusCode).toBe(400);
    const unknown = cardNumberOf(99_999_999);
    expect(await accountByCard(k.t.db, unknown)).toBeNull();
    expect((await lookup(support, unknown)).statusCode).toBe(404);
  });
});

describe('tier admin', () => {
  const base = '/api/v1/admin/loyalty/tiers';
  const body = {
    names: { ru: 'Бриллиантовый', en: 'Diamond' },
    minSpend: 50_000_000,
    accrualBp: 1000,
    position: 4,
  };

  it('lists, creates, changes and deletes tiers (loyalty.manage)', async () => {
    const list = await k.as(admin)('GET', base);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((t: { code: string }) => t.code)).toEqual(['silver', 'gold', 'platinum']);
    expect(list.json().periodDays).toBe(365);
    expect(list.json().items[1].holders).toBe(1);

    const created = await k.as(admin)('POST', base, { code: 'diamond', ...body });
    expect(created.statusCode, created.body).toBe(201);
    expect((await k.as(admin)('POST', base, { code: 'diamond', ...body })).statusCode).toBe(409);
    expect((await k.as(admin)('POST', base, { code: 'Bad Code', ...body })).statusCode).toBe(400);
    expect((await k.as(admin)('POST', base, { code: 'settings', ...body })).statusCode).toBe(400);
    expect((await k.as(admin)('POST', base, { code: 'x', ...body, accrualBp: 20_000 })).statusCode).toBe(400);

    const changed = await k.as(admin)('PUT', `${base}/diamond`, { ...body, minSpend: 40_000_000 });
    expect(changed.json()).toMatchObject({ code: 'diamond', minSpend: 40_000_000, name: 'Бриллиантовый' });
    expect((await k.as(admin)('PUT', `${base}/nope`, body)).statusCode).toBe(404);
    expect((await k.as(admin)('DELETE', `${base}/diamond`)).statusCode).toBe(204);
    expect((await k.as(admin)('DELETE', `${base}/diamond`)).statusCode).toBe(404);
    expect((await k.as(admin)('PUT', `${base}/settings`, { periodDays: 0 })).statusCode).toBe(400);
  });

  it('recalculates on demand', async () => {
    const res = await k.as(admin)('POST', `${base}/recalculate`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toHaveProperty('changed');
    const audited = await k.t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'loyalty.tiers_recalculated'));
    expect(audited).toHaveLength(1);
  });

  it('is closed to staff without loyalty.manage and to customers', async () => {
    expect((await k.as(support)('GET', base)).statusCode).toBe(403);
    expect((await k.as(customer)('GET', base)).statusCode).toBe(403);
    expect((await k.as(customer)('POST', `${base}/recalculate`)).statusCode).toBe(403);
    expect((await k.as(support)('PUT', `${base}/settings`, { periodDays: 30 })).statusCode).toBe(403);
  });
});
