import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import type { CheckoutLine } from '../orders/index.js';
import { adjustWithPromotions } from './promotions.adjust.js';
import { promoCodes, promoRedemptions, promotions } from './promotions.tables.js';

// The ledger is the points helper's; here it pays 1 kopeck per point up to half of what is payable.
vi.mock('../loyalty/points.service.js', () => ({
  awardPoints: async () => ({ awarded: false }),
  pointsBalance: async () => ({ points: 1000, expiring: [] }),
  spendPointsOnOrder: async (_db: unknown, i: { points: number; payable: number }) => {
    const amount = Math.min(i.points, Math.floor(i.payable / 2));
    return { points: amount, amount, limitedBy: amount < i.points ? 'share' : null };
  },
}));

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
}, 60_000);
afterAll(async () => t?.close());

const now = new Date('2026-03-01T10:00:00Z');
const cat = uuidv7();
const line = (lineTotal: number, extra: Partial<CheckoutLine> = {}): CheckoutLine => ({
  variantId: uuidv7(),
  productId: uuidv7(),
  categoryPath: [],
  quantity: 1,
  unitPrice: lineTotal,
  lineTotal,
  priceSource: 'default',
  discounted: false,
  ...extra,
});
const person = { personId: uuidv7(), personName: 'Test', companyId: null };

async function promo(code: string, terms: Partial<typeof promotions.$inferInsert>) {
  const id = uuidv7();
  await t.db.insert(promotions).values({ id, name: code, kind: 'percent', value: 1000, ...terms });
  await t.db.insert(promoCodes).values({ id: uuidv7(), promotionId: id, code });
  return id;
}

const adjust = (
  lines: CheckoutLine[],
  promoCode?: string,
  bonusPoints?: number,
  orderId: string | null = null,
) =>
  adjustWithPromotions(t.db, {
    orderId,
    owner: person,
    lines,
    itemsTotal: lines.reduce((s, l) => s + l.lineTotal, 0),
    deliveryCost: 0,
    promoCode,
    bonusPoints,
    now,
  });

describe('the checkout adjuster', () => {
  it('splits a percent to the kopeck over three lines (largest remainder)', async () => {
    await promo('THIRD', { kind: 'percent', value: 3333 });
    const r = await adjust([line(100), line(100), line(101)], 'third');
    expect(r.discounts).toEqual([{ kind: 'promo', code: 'THIRD', label: 'Промокод THIRD', amount: 100 }]);
    expect(r.lineDiscounts).toEqual([33, 33, 34]);
  });

  it('stacking: discounted and contract lines are skipped unless the promotion says otherwise', async () => {
    await promo('PLAIN', { kind: 'fixed', value: 500 });
    await promo('ALLIN', { kind: 'fixed', value: 500, appliesToContract: true, appliesToDiscounted: true });
    const lines = [line(1000), line(1000, { discounted: true }), line(1000, { priceSource: 'contract' })];
    expect((await adjust(lines, 'PLAIN')).lineDiscounts).toEqual([500, 0, 0]);
    expect((await adjust(lines, 'ALLIN')).lineDiscounts).toEqual([167, 167, 166]);
    await expect(adjust([line(1000, { discounted: true })], 'PLAIN')).rejects.toMatchObject({
      errors: [{ path: 'promoCode', message: expect.stringMatching(/^already_discounted:/) }],
    });
  });

  it('a category promotion takes only the lines whose category path contains it', async () => {
    await promo('CAT20', { value: 2000, target: 'categories', targetIds: [cat] });
    const r = await adjust([line(5000, { categoryPath: [uuidv7(), cat] }), line(5000)], 'CAT20');
    expect(r.lineDiscounts).toEqual([1000, 0]);
  });

  it('bonus points pay part of what the promo left, spread over the lines’ remaining totals', async () => {
    await promo('TEN', { value: 1000 });
    const r = await adjust([line(3000), line(1001)], 'TEN', 5000);
    const promoAmount = Math.round(4001 * 0.1);
    const payable = 4001 - promoAmount;
    expect(r.discounts[0]?.amount).toBe(promoAmount);
    expect(r.discounts[1]).toEqual({
      kind: 'bonus',
      label: 'Оплата баллами',
      amount: Math.floor(payable / 2),
      points: Math.floor(payable / 2),
    });
    const sum = r.lineDiscounts.reduce((s, d) => s + d, 0);
    expect(sum).toBe(promoAmount + Math.floor(payable / 2));
  });

  it('records the redemption with an order id, not in a preview', async () => {
    await promo('REC', { value: 500 });
    await adjust([line(2000)], 'REC');
    expect(await t.db.$count(promoRedemptions)).toBe(0);
    const orderId = uuidv7();
    await adjust([line(2000)], 'REC', undefined, orderId);
    const [row] = await t.db.select().from(promoRedemptions);
    expect(row).toMatchObject({ orderId, amount: 100, personId: person.personId, releasedAt: null });
  });
});
