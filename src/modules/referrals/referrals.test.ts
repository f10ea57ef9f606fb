import { and, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../server/core/db.js';
import { publishEvent } from '../../server/core/jobs/queue.js';
import { setPassword } from '../identity/passwords.js';
import { notifications } from '../notifications/notifications.tables.js';
import {
  type AftercareTestApp,
  aftercareTestApp,
  createTestOrder,
  demoPeople,
  stockedProducts,
  type TestProduct,
} from '../orders/aftercare.testkit.js';
import { orders } from '../orders/orders.tables.js';
import { devTestCards } from '../payments/dev-pay.page.js';
import { startPayment } from '../payments/payments.service.js';
import { savedPaymentMethods } from '../payments/payments.tables.js';
import { ensurePerson } from '../people/people.service.js';
import { addressKey, mailboxOf } from './referrals.fraud.js';
import { onFriendOrderStatus } from './referrals.reward.js';
import { referrals } from './referrals.tables.js';

let k: AftercareTestApp;
let product: TestProduct;
let cheap: TestProduct;
let operator: string;
const password = 'demo-password-for-tests';
const me = '/api/v1/me/referrals';

beforeAll(async () => {
  k = await aftercareTestApp();
  operator = await k.t.operator();
  const [p] = await stockedProducts(k.t.db, 1);
  if (!p) throw new Error('no product');
  product = p; // 1 000 ₽, above the default minimum of 500 ₽
  cheap = { ...p, price: 100_00 };
});
afterAll(async () => k?.t.close());

let counter = 0;
/** A fresh signed-in person. */
async function person(name: string, extra: { email?: string; phone?: string } = {}) {
  counter += 1;
  const email = extra.email ?? `ref.person${counter}.${uuidv7().slice(-6)}@example.ru`;
  const id = await ensurePerson(k.t.db, {
    name,
    email,
    emailVerified: true,
    ...(extra.phone ? { phone: extra.phone } : {}),
  });
  await setPassword(k.t.db, id, password);
  const cookie = await k.cookieOf(email);
  return { id, email, cookie, call: k.as(cookie) };
}
type Person = Awaited<ReturnType<typeof person>>;

async function codeOf(p: Person): Promise<string> {
  const res = await p.call('GET', me);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().code;
}

/** A referrer and a friend who joined by the referrer's code. */
async function pair(referrerExtra = {}, friendExtra = {}) {
  const referrer = await person('Ольга Смирнова', referrerExtra);
  const friend = await person('Анна Петрова', friendExtra);
  const claim = await friend.call('POST', `${me}/claim`, { code: await codeOf(referrer) });
  expect(claim.statusCode, claim.body).toBe(201);
  return { referrer, friend, referralId: claim.json().id as string };
}

/** An order of the friend in a status, with the event its status change publishes, delivered to the jobs. */
async function friendOrder(
  friendId: string,
  status: 'new' | 'paid' | 'delivered' | 'cancelled',
  options: { item?: TestProduct; companyId?: string; phone?: string; address?: string } = {},
) {
  const order = await createTestOrder(k.t.db, {
    personId: friendId,
    status,
    lines: [{ product: options.item ?? product, quantity: 1 }],
    ...(options.companyId ? { companyId: options.companyId } : {}),
  });
  const phone = options.phone ?? `+7916${String(1000000 + counter * 7919).slice(-7)}`;
  const address = options.address ?? `Казань, ул. Баумана, ${counter}`;
  await k.t.db.execute(
    sql`update orders set delivery = delivery || ${JSON.stringify({ phone, address })}::jsonb where id = ${order.id}`,
  );
  await moved(order.id, friendId, status, options.companyId ?? null);
  return order;
}

async function moved(orderId: string, personId: string, to: string, companyId: string | null = null) {
  await publishEvent(k.t.db, 'orders.status_changed', { orderId, from: 'new', to, personId, companyId });
  await k.t.drainJobs();
}

async function referral(id: string) {
  const [row] = await k.t.db.select().from(referrals).where(eq(referrals.id, id));
  return row;
}

const notes = (userId: string, kind: string) =>
  k.t.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));

describe('my code and link', () => {
  it('gives every person one short unambiguous code and a link to it', async () => {
    const p = await person('Пётр Сидоров');
    const first = await p.call('GET', me);
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body.code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{7}$/);
    expect(body.link).toBe(`${k.origin}/r/${body.code}`);
    expect(body).toMatchObject({ invited: [], joinedBy: null, canClaim: true });
    expect(body.terms).toEqual({
      enabled: true,
      referrerPoints: 500,
      friendPoints: 300,
      minOrderAmount: 500_00,
    });
    expect((await p.call('GET', me)).json().code).toBe(body.code);
  });

  it('shows the offer of a link publicly, the inviter by first name and initial only', async () => {
    const p = await person('Пётр Сидоров');
    const code = await codeOf(p);
    const res = await k.as(undefined)('GET', `/api/v1/public/referrals/${code.toLowerCase()}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      code,
      referrer: 'Пётр С.',
      enabled: true,
      friendPoints: 300,
      minOrderAmount: 500_00,
    });
    expect((await k.as(undefined)('GET', '/api/v1/public/referrals/NOPE777')).statusCode).toBe(404);
  });

  it('needs a signed-in person', async () => {
    expect((await k.as(undefined)('GET', me)).statusCode).toBe(401);
    expect((await k.as(undefined)('POST', `${me}/claim`, { code: 'AAAAAAA' })).statusCode).toBe(401);
  });
});

describe('claiming a code', () => {
  it('joins once, tells the inviter in-app and by e-mail, and lists the friend by first name and initial', async () => {
    const { referrer, friend, referralId } = await pair();
    await k.t.drainJobs();
    expect(await notes(referrer.id, 'referrals.joined')).toHaveLength(1);
    const mail = await k.latestMailTo(referrer.email);
    expect(mail?.subject).toBe('Друг принял ваше приглашение');
    expect(mail?.text).toContain('Анна П.');
    const list = (await referrer.call('GET', me)).json();
    expect(list.invited).toMatchObject([{ id: referralId, friend: 'Анна П.', status: 'joined' }]);
    const mine = (await friend.call('GET', me)).json();
    expect(mine).toMatchObject({ joinedBy: { id: referralId, referrer: 'Ольга С.' }, canClaim: false });
  });

  it('refuses with a reason: an unknown code, my own code, a second code, a code after my first order', async () => {
    const { referrer, friend } = await pair();
    const reason = (res: { statusCode: number; json(): { errors: { path: string; message: string }[] } }) => {
      expect(res.statusCode).toBe(400);
      return res.json().errors[0] as { path: string; message: string };
    };
    expect(reason(await friend.call('POST', `${me}/claim`, { code: 'ZZZZ-ZZZ' }))).toEqual({
      path: 'code',
      message: 'unknown_code',
    });
    const own = await referrer.call('POST', `${me}/claim`, { code: await codeOf(referrer) });
    expect(reason(own).message).toBe('own_code');
    const another = await person('Игорь Ветров');
    const twice = await friend.call('POST', `${me}/claim`, { code: await codeOf(another) });
    expect(reason(twice).message).toBe('already_claimed');
    const buyer = await person('Сергей Лебедев');
    await createTestOrder(k.t.db, { personId: buyer.id, status: 'new', lines: [{ product, quantity: 1 }] });
    expect((await buyer.call('GET', me)).json().canClaim).toBe(false);
    const late = await buyer.call('POST', `${me}/claim`, { code: await codeOf(referrer) });
    expect(reason(late).message).toBe('after_first_order');
    expect(reason(await friend.call('POST', `${me}/claim`, {})).path).toBe('body.code');
  });

  it('takes one claim out of many sent at once', async () => {
    const referrer = await person('Ольга Смирнова');
    const other = await person('Игорь Ветров');
    const friend = await person('Анна Петрова');
    const codes = [await codeOf(referrer), await codeOf(other)];
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => friend.call('POST', `${me}/claim`, { code: codes[i % 2] })),
    );
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.statusCode === 400)).toHaveLength(5);
    const rows = await k.t.db.select().from(referrals).where(eq(referrals.friendId, friend.id));
    expect(rows).toHaveLength(1);
  });
});

describe('access', () => {
  it('shows a referral to its two sides only, and the back office to loyalty managers', async () => {
    const { referrer, friend, referralId } = await pair();
    expect((await referrer.call('GET', `${me}/${referralId}`)).statusCode).toBe(200);
    expect((await friend.call('GET', `${me}/${referralId}`)).json()).toMatchObject({ referrer: 'Ольга С.' });
    const stranger = await person('Чужой Человек');
    expect((await stranger.call('GET', `${me}/${referralId}`)).statusCode).toBe(404);
    expect((await stranger.call('GET', `${me}/not-an-id`)).statusCode).toBe(404);
    expect((await stranger.call('GET', '/api/v1/admin/referrals')).statusCode).toBe(403);
    const admin = k.as(await k.cookieOf(demoPeople.admin.email));
    const list = await admin('GET', '/api/v1/admin/referrals?status=joined&limit=100');
    expect(list.statusCode, list.body).toBe(200);
    const found = list.json().items.find((r: { id: string }) => r.id === referralId);
    expect(found).toMatchObject({ status: 'joined', friend: { id: friend.id, email: friend.email } });
    expect(list.json().counts.joined).toBeGreaterThan(0);
    expect((await admin('GET', '/api/v1/admin/referrals?status=bogus')).statusCode).toBe(400);
  });
});

describe('the reward', () => {
  it('rewards both once when the friend’s first personal order is paid, and tells the inviter', async () => {
    const { referrer, friend, referralId } = await pair();
    const placed = await friendOrder(friend.id, 'new');
    expect(await referral(referralId)).toMatchObject({ status: 'ordered', orderId: placed.id });
    // The first order is paid: both rewarded.
    await k.t.db.update(orders).set({ status: 'paid' }).where(eq(orders.id, placed.id));
    await moved(placed.id, friend.id, 'paid');
    const row = await referral(referralId);
    expect(row).toMatchObject({
      status: 'rewarded',
      rejectReason: null,
      orderNumber: placed.number,
      referrerPoints: 500,
      friendPoints: 300,
    });
    // The event again, a later status, a second order: nothing changes.
    await moved(placed.id, friend.id, 'paid');
    await k.t.db.update(orders).set({ status: 'delivered' }).where(eq(orders.id, placed.id));
    await moved(placed.id, friend.id, 'delivered');
    await friendOrder(friend.id, 'paid');
    expect(await referral(referralId)).toEqual(row);
    expect(await notes(referrer.id, 'referrals.rewarded')).toHaveLength(1);
    const mail = await k.latestMailTo(referrer.email);
    expect(mail?.subject).toBe('Бонусы за приглашённого друга');
    const seen = (await referrer.call('GET', me)).json().invited[0];
    expect(seen).toMatchObject({ status: 'rewarded', referrerPoints: 500, friend: 'Анна П.' });
  });

  it('decides once under concurrent and redelivered events', async () => {
    const { friend, referralId } = await pair();
    const order = await createTestOrder(k.t.db, {
      personId: friend.id,
      status: 'paid',
      lines: [{ product, quantity: 1 }],
    });
    await k.t.db.execute(
      sql`update orders set delivery = delivery || '{"phone": "+79165550101", "address": "Тула, ул. Ленина, 5"}'::jsonb where id = ${order.id}`,
    );
    const now = new Date('2026-12-01T10:00:00Z');
    const event = { orderId: order.id, to: 'paid', personId: friend.id, companyId: null };
    await Promise.all(Array.from({ length: 5 }, () => onFriendOrderStatus(k.t.db, event, now)));
    await onFriendOrderStatus(k.t.db, event, new Date('2026-12-02T10:00:00Z'));
    const row = await referral(referralId);
    expect(row).toMatchObject({ status: 'rewarded' });
    expect(row?.decidedAt?.toISOString()).toBe(now.toISOString());
    const [jobs] = await queryRows<{ n: number }>(
      k.t.db,
      sql`select count(*)::int as n from jobs where name = 'referrals.notifyReferrer' and payload->>'referralId' = ${referralId} and payload->>'news' = 'rewarded'`,
    );
    expect(Number(jobs?.n)).toBe(1);
  });

  it('ignores company orders and a cancelled first order, and takes delivered or completed too', async () => {
    const { friend, referralId } = await pair();
    const [company] = await queryRows<{ id: string }>(k.t.db, sql`select id from companies limit 1`);
    await friendOrder(friend.id, 'paid', { companyId: company?.id as string });
    expect((await referral(referralId))?.status).toBe('joined');
    const first = await friendOrder(friend.id, 'new');
    expect((await referral(referralId))?.status).toBe('ordered');
    await k.t.db.update(orders).set({ status: 'cancelled' }).where(eq(orders.id, first.id));
    await moved(first.id, friend.id, 'cancelled');
    expect(await referral(referralId)).toMatchObject({ status: 'joined', orderId: null });
    await friendOrder(friend.id, 'delivered');
    expect((await referral(referralId))?.status).toBe('rewarded');
  });

  it('pays nothing for a first order below the minimum', async () => {
    const { friend, referralId } = await pair();
    await friendOrder(friend.id, 'paid', { item: cheap });
    expect(await referral(referralId)).toMatchObject({
      status: 'rejected',
      rejectReason: 'below_minimum',
      referrerPoints: 0,
    });
  });

  it('follows the settings the back office changes', async () => {
    const admin = k.as(await k.cookieOf(demoPeople.admin.email));
    const terms = { enabled: true, referrerPoints: 700, friendPoints: 200, minOrderAmount: 100_00 };
    expect(
      (await admin('PUT', '/api/v1/admin/referrals/settings', { ...terms, referrerPoints: -1 })).statusCode,
    ).toBe(400);
    expect((await admin('PUT', '/api/v1/admin/referrals/settings', terms)).statusCode).toBe(200);
    const { friend, referralId } = await pair();
    await friendOrder(friend.id, 'paid', { item: cheap });
    expect(await referral(referralId)).toMatchObject({
      status: 'rewarded',
      referrerPoints: 700,
      friendPoints: 200,
    });
    const off = await admin('PUT', '/api/v1/admin/referrals/settings', { ...terms, enabled: false });
    expect(off.json()).toMatchObject({ enabled: false });
    const other = await person('Игорь Ветров');
    const newcomer = await person('Вера Павлова');
    const refused = await newcomer.call('POST', `${me}/claim`, { code: await codeOf(other) });
    expect(refused.json().errors[0].message).toBe('programme_off');
    await admin('PUT', '/api/v1/admin/referrals/settings', {
      enabled: true,
      referrerPoints: 500,
      friendPoints: 300,
      minOrderAmount: 500_00,
    });
    expect((await operatorGet('/api/v1/admin/referrals/settings')).json().referrerPoints).toBe(500);
  });
});

const operatorGet = (url: string) => k.t.app.inject({ url, headers: { cookie: operator } });

describe('fraud checks', () => {
  it('normalises mailboxes and addresses', () => {
    expect(mailboxOf('Ivan.Petrov+shop@GoogleMail.com')).toBe('ivanpetrov@gmail.com');
    expect(mailboxOf('ivan-petrov@ya.ru')).toBe(mailboxOf('ivan.petrov@yandex.ru'));
    expect(mailboxOf('ivan.petrov@mail.ru')).not.toBe(mailboxOf('ivanpetrov@mail.ru'));
    expect(addressKey('420111, Казань, ул. Баумана, д. 5, кв./оф. 7')).toBe(addressKey('казань баумана 5 7'));
  });

  it('rejects the same person under another account (the same mailbox)', async () => {
    const tag = uuidv7().slice(-6);
    const { friend, referralId } = await pair(
      { email: `olga.${tag}@gmail.com` },
      { email: `olga${tag}+2@gmail.com` },
    );
    await friendOrder(friend.id, 'paid');
    expect(await referral(referralId)).toMatchObject({ status: 'rejected', rejectReason: 'same_person' });
  });

  it('rejects the same phone', async () => {
    const phone = `+7916${String(Date.now()).slice(-7)}`;
    const { friend, referralId, referrer } = await pair({ phone });
    await friendOrder(friend.id, 'paid', { phone: `8 ${phone.slice(2, 5)} ${phone.slice(5)}` });
    expect(await referral(referralId)).toMatchObject({ status: 'rejected', rejectReason: 'same_phone' });
    expect((await referrer.call('GET', me)).json().invited[0]).toMatchObject({
      status: 'rejected',
      rejectReason: 'same_phone',
    });
  });

  it('rejects the same card: the friend paid with a card the inviter saved', async () => {
    const { referrer, friend, referralId } = await pair();
    await k.t.db.insert(savedPaymentMethods).values({
      id: uuidv7(),
      personId: referrer.id,
      provider: 'dev',
      providerToken: `devpm_${uuidv7()}`,
      cardLast4: devTestCards.success.slice(-4),
      expiryMonth: 11,
      expiryYear: 2031,
    });
    const order = await createTestOrder(k.t.db, {
      personId: friend.id,
      status: 'awaiting_payment',
      paymentMethod: 'card_online',
      paymentState: 'unpaid',
      lines: [{ product, quantity: 1 }],
    });
    await k.t.db.execute(
      sql`update orders set delivery = delivery || '{"phone": "+79165550202", "address": "Омск, ул. Мира, 9"}'::jsonb where id = ${order.id}`,
    );
    const payment = await startPayment(k.t.db, k.ctx, {
      subjectType: 'order',
      subjectId: order.id,
      amount: order.total,
      description: 'Заказ',
      payer: { personId: friend.id },
      returnUrl: `${k.origin}/orders/${order.id}`,
      idempotencyKey: uuidv7(),
    });
    await k.t.db.update(orders).set({ paymentId: payment.id }).where(eq(orders.id, order.id));
    await k.t.app.inject({
      method: 'POST',
      url: new URL(payment.confirmationUrl as string).pathname,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ card: devTestCards.success, expiry: '11/31' }).toString(),
    });
    await k.t.drainJobs(); // the webhook, then the order's payment event moves it to paid
    const [paid] = await k.t.db.select().from(orders).where(eq(orders.id, order.id));
    expect(paid?.status).toBe('paid');
    expect(await referral(referralId)).toMatchObject({ status: 'rejected', rejectReason: 'same_card' });
  });

  it('passes a different card', async () => {
    const { referrer, friend, referralId } = await pair();
    await k.t.db.insert(savedPaymentMethods).values({
      id: uuidv7(),
      personId: referrer.id,
      provider: 'dev',
      providerToken: `devpm_${uuidv7()}`,
      cardLast4: '1111',
      expiryMonth: 1,
      expiryYear: 2030,
    });
    await friendOrder(friend.id, 'paid');
    expect((await referral(referralId))?.status).toBe('rewarded');
  });

  it('rejects the same delivery address as the inviter’s earlier order', async () => {
    const { referrer, friend, referralId } = await pair();
    const earlier = await createTestOrder(k.t.db, {
      personId: referrer.id,
      status: 'completed',
      lines: [{ product, quantity: 1 }],
    });
    await k.t.db.execute(
      sql`update orders set delivery = delivery || '{"phone": "+79165550303", "address": "644000, Омск, ул. Ленина, д. 12, кв./оф. 4"}'::jsonb where id = ${earlier.id}`,
    );
    await friendOrder(friend.id, 'paid', { address: 'Омск, Ленина, 12, кв./оф. 4' });
    expect(await referral(referralId)).toMatchObject({ status: 'rejected', rejectReason: 'same_address' });
  });
});

describe('personal data', () => {
  it('exports the code and referrals and erases them', async () => {
    const { referrer, referralId } = await pair();
    const { referralsPersonalData } = await import('./referrals.personal-data.js');
    const provider = referralsPersonalData[0];
    if (!provider) throw new Error('no provider');
    const ctx = {
      db: k.t.db,
      storage: {} as never,
      userId: referrer.id,
      person: { email: referrer.email, name: 'x', phone: null },
    };
    const exported = (await provider.export(ctx)) as { code: string; referrals: { role: string }[] };
    expect(exported.code).toMatch(/^[A-Z0-9]{7}$/);
    expect(exported.referrals).toMatchObject([{ role: 'referrer', status: 'joined' }]);
    await provider.erase(ctx);
    expect(await referral(referralId)).toBeUndefined();
    expect(((await provider.export(ctx)) as { code: string | null }).code).toBeNull();
  });
});
