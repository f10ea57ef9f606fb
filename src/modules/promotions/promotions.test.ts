import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../server/core/db.js';
import { demoPeople } from '../companies/companies.testkit.js';
import { type PromotionsTestApp, promotionsTestApp } from './promotions.testkit.js';

let p: PromotionsTestApp;
let a: string;
let b: string;
let priceA: number;
let priceB: number;
const me = '/api/v1/me';
const org = () => `/api/v1/orgs/${p.dealerId}`;
const day = 86_400_000;

beforeAll(async () => {
  p = await promotionsTestApp();
  a = p.variants[0]?.id as string;
  b = p.variants[1]?.id as string;
  for (const v of p.variants) await p.setStock(v.id, 10_000);
  const res = await p.preview(p.customer, me, {
    lines: [
      { variantId: a, quantity: 1 },
      { variantId: b, quantity: 1 },
    ],
  });
  expect(res.statusCode, res.body).toBe(200);
  const lines = res.json().lineDiscounts as number[];
  expect(lines).toEqual([0, 0]);
  const one = async (variantId: string) =>
    (await p.preview(p.customer, me, { lines: [{ variantId, quantity: 1 }] })).json().itemsTotal as number;
  priceA = await one(a);
  priceB = await one(b);
}, 90_000);
afterAll(async () => p?.k.t.close());

const twoLines = (qa = 1, qb = 1) => [
  { variantId: a, quantity: qa },
  { variantId: b, quantity: qb },
];

describe('promo-code refusals: each reason is a 400 on promoCode', () => {
  it('unknown code', async () => {
    const res = await p.preview(p.customer, me, { lines: twoLines(), promoCode: 'NO-SUCH-CODE' });
    expect(res.statusCode).toBe(400);
    expect(p.reasonOf(res)).toBe('unknown');
    // An inactive promotion's code is unknown too.
    const off = await p.promotion({ active: false });
    expect(p.reasonOf(await p.preview(p.customer, me, { lines: twoLines(), promoCode: off.code }))).toBe(
      'unknown',
    );
  });

  it('not started and expired', async () => {
    const later = await p.promotion({ startsAt: new Date(Date.now() + 5 * day).toISOString() });
    const res = await p.preview(p.customer, me, { lines: twoLines(), promoCode: later.code });
    expect(res.statusCode).toBe(400);
    expect(p.reasonOf(res)).toBe('not_started');
    const gone = await p.preview(p.customer, me, { lines: twoLines(), promoCode: 'summer500' });
    expect(p.reasonOf(gone)).toBe('expired');
    expect(gone.json().errors.find((e: { path: string }) => e.path === 'promoCode.endsAt')).toBeTruthy();
  });

  it('not for these goods (products and categories)', async () => {
    const other = p.variants[2]?.product_id as string;
    const promo = await p.promotion({ target: 'products', targetIds: [other] });
    const res = await p.preview(p.customer, me, { lines: twoLines(), promoCode: promo.code });
    expect(p.reasonOf(res)).toBe('not_for_goods');
    const cat = await p.promotion({
      target: 'categories',
      targetIds: ['00000000-0000-7000-8000-000000000001'],
    });
    expect(p.reasonOf(await p.preview(p.customer, me, { lines: twoLines(), promoCode: cat.code }))).toBe(
      'not_for_goods',
    );
  });

  it('minimum not reached, saying how much is missing', async () => {
    const promo = await p.promotion({ minOrderAmount: priceA + priceB + 12_345 });
    const res = await p.preview(p.customer, me, { lines: twoLines(), promoCode: promo.code });
    expect(res.statusCode).toBe(400);
    expect(p.reasonOf(res)).toBe('min_amount');
    expect(res.json().errors).toContainEqual({ path: 'promoCode.missing', message: '12345' });
  });

  it('already used by this person, and exhausted in total', async () => {
    const once = await p.promotion({ perPersonLimit: 1 });
    const placed = await p.place(p.customer, `${me}/orders`, {
      ...p.pickupOrder(twoLines()),
      promoCode: once.code,
    });
    expect(placed.statusCode, placed.body).toBe(201);
    const again = await p.preview(p.customer, me, { lines: twoLines(), promoCode: once.code });
    expect(p.reasonOf(again)).toBe('already_used');
    // Another person may still use it.
    expect((await p.preview(p.buyer, org(), { lines: twoLines(), promoCode: once.code })).statusCode).toBe(
      200,
    );

    const one = await p.promotion({ usageLimit: 1 });
    const first = await p.place(p.customer, `${me}/orders`, {
      ...p.pickupOrder(twoLines()),
      promoCode: one.code,
    });
    expect(first.statusCode, first.body).toBe(201);
    const res = await p.place(p.buyer, `${org()}/orders`, {
      ...p.pickupOrder(twoLines(), 'invoice'),
      promoCode: one.code.toLowerCase(),
    });
    expect(res.statusCode).toBe(400);
    expect(p.reasonOf(res)).toBe('exhausted');
  });

  it('a personal code of another person; a used single-use code', async () => {
    const promo = await p.promotion({ publicCode: null });
    const [buyer] = await queryRows<{ id: string }>(
      p.k.t.db,
      sql`select id from users where email = ${demoPeople.buyer.email}`,
    );
    const buyerId = buyer?.id as string;
    const batch = await p.call(p.k.operator, 'POST', `/api/v1/admin/promotions/${promo.id}/batches`, {
      count: 3,
      personIds: [buyerId],
    });
    expect(batch.statusCode, batch.body).toBe(201);
    const csv = await p.call(
      p.k.operator,
      'GET',
      `/api/v1/admin/promotions/${promo.id}/batches/${batch.json().id}/codes.csv`,
    );
    const rows = csv.body.replace('\uFEFF', '').trim().split('\r\n').slice(1);
    const cells = rows.map((r) => r.split(';'));
    const buyerCode = cells.find((c) => c[1] === demoPeople.buyer.email)?.[0];
    const freeCode = cells.find((c) => c[1] === '')?.[0];
    expect(buyerCode && freeCode).toBeTruthy();
    const res = await p.preview(p.customer, me, { lines: twoLines(), promoCode: buyerCode });
    expect(p.reasonOf(res)).toBe('other_person');
    const used = await p.place(p.customer, `${me}/orders`, {
      ...p.pickupOrder(twoLines()),
      promoCode: freeCode,
    });
    expect(used.statusCode, used.body).toBe(201);
    const twice = await p.preview(p.buyer, org(), { lines: twoLines(), promoCode: freeCode });
    expect(p.reasonOf(twice)).toBe('already_used');
  });

  it('not combinable with bonus points', async () => {
    const promo = await p.promotion({ combinableWithPoints: false });
    const res = await p.preview(p.customer, me, {
      lines: twoLines(),
      promoCode: promo.code,
      bonusPoints: 10,
    });
    expect(p.reasonOf(res)).toBe('not_with_points');
    expect((await p.preview(p.customer, me, { lines: twoLines(), promoCode: promo.code })).statusCode).toBe(
      200,
    );
  });

  it('not for this kind of customer', async () => {
    const retail = await p.promotion({ audience: 'retail' });
    expect(p.reasonOf(await p.preview(p.buyer, org(), { lines: twoLines(), promoCode: retail.code }))).toBe(
      'wrong_customer',
    );
    const company = await p.promotion({ audience: 'company' });
    expect(p.reasonOf(await p.preview(p.customer, me, { lines: twoLines(), promoCode: company.code }))).toBe(
      'wrong_customer',
    );
  });

  it('not for contract prices (a dealer line at its contract price)', async () => {
    // A variant with a price in the dealer's contract list: its line's price source is the contract.
    const [contract] = await queryRows<{ variant_id: string }>(
      p.k.t.db,
      sql`select pr.variant_id from prices pr join price_lists pl on pl.id = pr.price_list_id
          join product_variants v on v.id = pr.variant_id join products pd on pd.id = v.product_id
          where pl.code = 'contract-vodoservis' and pd.pack_size = 1 and pd.min_order_qty = 1 and pd.status = 'active'
            and v.status = 'active' and pd.visible_group_ids is null order by v.sku limit 1`,
    );
    expect(contract).toBeTruthy();
    const variantId = contract?.variant_id as string;
    await p.setStock(variantId, 100);
    const promo = await p.promotion({ audience: 'both' });
    const lines = [{ variantId, quantity: 1 }];
    const res = await p.preview(p.buyer, org(), { lines, promoCode: promo.code });
    expect(res.statusCode, res.body).toBe(400);
    expect(p.reasonOf(res)).toBe('contract_prices');
    const allowed = await p.promotion({ audience: 'both', appliesToContract: true });
    const ok = await p.preview(p.buyer, org(), { lines, promoCode: allowed.code });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().amount).toBeGreaterThan(0);
  });
});

describe('applying a code', () => {
  it('is case-insensitive; the preview equals what placing records, to the kopeck', async () => {
    const promo = await p.promotion({ kind: 'percent', value: 777 });
    const lines = twoLines(3, 2);
    const preview = await p.preview(p.customer, me, { lines, promoCode: ` ${promo.code.toLowerCase()} ` });
    expect(preview.statusCode, preview.body).toBe(200);
    const v = preview.json();
    const items = 3 * priceA + 2 * priceB;
    expect(v.itemsTotal).toBe(items);
    expect(v.amount).toBe(Math.round((items * 777) / 10_000));
    expect(v.lineDiscounts.reduce((s: number, d: number) => s + d, 0)).toBe(v.amount);
    expect(v.bonus).toEqual({ balance: expect.any(Number), maxPoints: expect.any(Number) });
    const placed = await p.place(p.customer, `${me}/orders`, {
      ...p.pickupOrder(lines),
      promoCode: promo.code,
    });
    expect(placed.statusCode, placed.body).toBe(201);
    const order = placed.json();
    expect(order.discountTotal).toBe(v.amount);
    expect(order.discounts).toEqual(v.discounts);
    expect(order.discounts[0]).toMatchObject({ kind: 'promo', code: promo.code });
    expect(order.lines.map((l: { discount: number }) => l.discount)).toEqual(v.lineDiscounts);
    expect(order.total).toBe(order.itemsTotal - v.amount + order.deliveryCost);
  });

  it('a fixed amount is capped at the eligible total and split over eligible lines only', async () => {
    const productA = p.variants[0]?.product_id as string;
    const big = await p.promotion({
      kind: 'fixed',
      value: 10 ** 9,
      target: 'products',
      targetIds: [productA],
    });
    const res = await p.preview(p.customer, me, { lines: twoLines(2, 1), promoCode: big.code });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().amount).toBe(2 * priceA);
    expect(res.json().lineDiscounts).toEqual([2 * priceA, 0]);
    const small = await p.promotion({ kind: 'fixed', value: 101 });
    const split = (await p.preview(p.customer, me, { lines: twoLines(1, 1), promoCode: small.code })).json();
    expect(split.amount).toBe(101);
    expect(split.lineDiscounts.reduce((s: number, d: number) => s + d, 0)).toBe(101);
  });

  it('bonus points pay for personal orders only', async () => {
    const res = await p.preview(p.buyer, org(), { lines: twoLines(), bonusPoints: 5 });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('bonusPoints');
    expect((await p.preview(p.buyer, org(), { lines: twoLines() })).json().bonus).toBeNull();
  });

  it('another company’s scope is 404; bad input is 400', async () => {
    const res = await p.preview(p.customer, org(), { lines: twoLines() });
    expect([403, 404]).toContain(res.statusCode);
    const owner = await p.k.cookieOf(demoPeople.owner.email);
    expect((await p.preview(owner, org(), { lines: twoLines() })).statusCode).toBe(200);
    expect((await p.preview(p.customer, me, {})).statusCode).toBe(400);
    expect((await p.preview(p.customer, me, { lines: twoLines(), bonusPoints: -1 })).statusCode).toBe(400);
  });
});

describe('usage limits under concurrency, and release on cancel', () => {
  it('20 concurrent orders with a code limited to 5 uses: exactly 5 get it', async () => {
    const promo = await p.promotion({ usageLimit: 5 });
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        p.place(p.customer, `${me}/orders`, { ...p.pickupOrder(twoLines()), promoCode: promo.code }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(5);
    expect(results.filter((r) => r.statusCode === 400).map((r) => p.reasonOf(r))).toEqual(
      Array(15).fill('exhausted'),
    );
    const [row] = await queryRows<{ n: number }>(
      p.k.t.db,
      sql`select count(*)::int as n from promo_redemptions where promotion_id = ${promo.id}::uuid`,
    );
    expect(row?.n).toBe(5);
  }, 60_000);

  it('a cancelled order gives its use back', async () => {
    const promo = await p.promotion({ usageLimit: 1 });
    const placed = await p.place(p.customer, `${me}/orders`, {
      ...p.pickupOrder(twoLines()),
      promoCode: promo.code,
    });
    expect(placed.statusCode, placed.body).toBe(201);
    expect(p.reasonOf(await p.preview(p.customer, me, { lines: twoLines(), promoCode: promo.code }))).toBe(
      'exhausted',
    );
    const cancelled = await p.call(p.customer, 'POST', `${me}/orders/${placed.json().id}/cancel`, {});
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    await p.k.t.drainJobs();
    expect((await p.preview(p.customer, me, { lines: twoLines(), promoCode: promo.code })).statusCode).toBe(
      200,
    );
  });
});

describe('back office', () => {
  it('lists, edits, reports usage; needs loyalty.manage', async () => {
    const promo = await p.promotion({ kind: 'fixed', value: 5000 });
    expect((await p.call(p.customer, 'GET', '/api/v1/admin/promotions')).statusCode).toBe(403);
    const edited = await p.call(p.k.operator, 'PUT', `/api/v1/admin/promotions/${promo.id}`, {
      name: 'Renamed',
      kind: 'fixed',
      value: 6000,
      publicCode: `${promo.code}X`,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ name: 'Renamed', value: 6000, publicCode: `${promo.code}X` });
    expect(p.reasonOf(await p.preview(p.customer, me, { lines: twoLines(), promoCode: promo.code }))).toBe(
      'unknown',
    );
    const taken = await p.call(p.k.operator, 'POST', '/api/v1/admin/promotions', {
      name: 'dup',
      kind: 'percent',
      value: 100,
      publicCode: 'welcome10',
    });
    expect(taken.statusCode).toBe(409);
    const bad = await p.call(p.k.operator, 'POST', '/api/v1/admin/promotions', {
      name: 'bad',
      kind: 'percent',
      value: 20_000,
    });
    expect(bad.statusCode).toBe(400);
    const list = (await p.call(p.k.operator, 'GET', '/api/v1/admin/promotions')).json();
    expect(list.items.some((i: { publicCode: string }) => i.publicCode === 'WELCOME10')).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    const report = await p.call(
      p.k.operator,
      'GET',
      `/api/v1/admin/promotions/report?from=2020-01-01&to=${today}`,
    );
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json().totals.uses).toBeGreaterThan(0);
    expect(report.json().byPromotion.length).toBeGreaterThan(0);
    expect((await p.call(p.k.operator, 'GET', '/api/v1/admin/promotions/nope')).statusCode).toBe(404);
  });

  it('generates unambiguous unique codes and exports them as CSV with a BOM', async () => {
    const promo = await p.promotion();
    const batch = await p.call(p.k.operator, 'POST', `/api/v1/admin/promotions/${promo.id}/batches`, {
      count: 50,
      prefix: 'vip',
    });
    expect(batch.statusCode, batch.body).toBe(201);
    const csv = await p.call(
      p.k.operator,
      'GET',
      `/api/v1/admin/promotions/${promo.id}/batches/${batch.json().id}/codes.csv`,
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const codes = csv.body
      .replace('\uFEFF', '')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((r) => r.split(';')[0]);
    expect(new Set(codes).size).toBe(50);
    for (const c of codes) expect(c).toMatch(/^VIP[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/);
    const list = await p.call(p.k.operator, 'GET', `/api/v1/admin/promotions/${promo.id}/batches`);
    expect(list.json().items[0]).toMatchObject({ size: 50, used: 0 });
  });
});
