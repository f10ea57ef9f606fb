import { describe, expect, it } from 'vitest';
import { discountedUnitPrice, lineTotal } from './pricing.money.js';
import {
  type DiscountRow,
  type ListPriceRow,
  type PricingCandidates,
  type PromoRow,
  resolveLines,
} from './pricing.resolver.js';
import type { PricingContext } from './pricing.types.js';

const at = new Date('2026-06-15T12:00:00Z');
const ctx: PricingContext = { scope: 'org', userId: 'u1', companyId: 'c1', customerGroupId: 'g1', at };
const guest: PricingContext = { scope: 'public', userId: null, companyId: null, customerGroupId: null, at };
const facts = { variantId: 'v1', productId: 'p1', brand: 'Аквафор', categoryPath: ['root', 'leaf'] };

const row = (source: ListPriceRow['source'], minQty: number, amount: number): ListPriceRow => ({
  variantId: 'v1',
  priceListId: `list-${source}`,
  priceListName: source,
  currency: 'RUB',
  source,
  minQty,
  amount,
});
const discount = (over: Partial<DiscountRow>): DiscountRow => ({
  id: `d-${over.percentBp}`,
  name: 'Скидка',
  companyId: 'c1',
  userId: null,
  customerGroupId: null,
  scope: 'all',
  categoryId: null,
  brand: null,
  productId: null,
  percentBp: 1000,
  minQty: 1,
  startsAt: null,
  endsAt: null,
  active: true,
  ...over,
});
const promo = (over: Partial<PromoRow>): PromoRow => ({
  id: 'pr',
  name: 'Акция',
  productId: 'p1',
  variantId: null,
  amount: 1,
  customerGroupIds: null,
  startsAt: new Date(at.getTime() - 1000),
  endsAt: new Date(at.getTime() + 1000),
  ...over,
});
const price = (c: PricingContext, candidates: Partial<PricingCandidates>, quantity = 1) =>
  resolveLines(c, [{ productId: 'p1', variantId: 'v1', quantity }], {
    variants: [facts],
    listPrices: [],
    discounts: [],
    promos: [],
    ...candidates,
  })[0] ?? null;

describe('rounding', () => {
  it('rounds a discounted unit price half up to kopecks', () => {
    expect(discountedUnitPrice(1_000, 1250)).toBe(875);
    expect(discountedUnitPrice(1_005, 5000)).toBe(503); // 502.5 → 503
    expect(discountedUnitPrice(1_003, 5000)).toBe(502); // 501.5 → 502
    expect(discountedUnitPrice(999, 1)).toBe(999); // 998.9001 → 999
    expect(discountedUnitPrice(12_345, 10_000)).toBe(0);
  });
  it('rounds a line total half up, with fractional quantities', () => {
    expect(lineTotal(333, 1.5)).toBe(500); // 499.5 → 500
    expect(lineTotal(1_001, 0.001)).toBe(1);
    expect(lineTotal(10_000, 0.1)).toBe(1_000);
    expect(lineTotal(12_345, 3)).toBe(37_035);
  });
});

describe('the resolver', () => {
  it('picks contract, then group, then default, whichever has the variant', () => {
    const all = [row('default', 1, 300), row('group', 1, 200), row('contract', 1, 100)];
    expect(price(ctx, { listPrices: all })?.rule.source).toBe('contract');
    expect(price(ctx, { listPrices: all.slice(0, 2) })?.rule.source).toBe('group');
    expect(price(ctx, { listPrices: all.slice(0, 1) })).toMatchObject({ unitPrice: 300, basePrice: 300 });
    expect(price(ctx, { listPrices: [row('group', 1, 200)] })?.basePrice).toBeNull();
    expect(price(ctx, { listPrices: [] })).toBeNull();
  });

  it('applies quantity breaks at their exact boundaries, and the first break below all of them', () => {
    const list = [row('default', 10, 900), row('default', 50, 800)];
    expect(price(guest, { listPrices: list }, 49)?.unitPrice).toBe(900);
    expect(price(guest, { listPrices: list }, 50)?.unitPrice).toBe(800);
    expect(price(guest, { listPrices: list }, 2)).toMatchObject({
      unitPrice: 900,
      rule: { breakMinQty: 10 },
    });
  });

  it('takes the biggest single discount, by target, scope, dates and quantity', () => {
    const listPrices = [row('default', 1, 10_000)];
    const later = new Date(at.getTime() + 1);
    const discounts = [
      discount({ percentBp: 500 }),
      discount({ percentBp: 9000, companyId: 'c2' }),
      discount({ percentBp: 8000, scope: 'category', categoryId: 'other' }),
      discount({ percentBp: 7000, active: false }),
      discount({ percentBp: 6500, startsAt: later }),
      discount({ percentBp: 6000, endsAt: at }),
      discount({ percentBp: 5500, companyId: null, userId: 'u1' }),
      discount({ percentBp: 1500, scope: 'category', categoryId: 'root' }),
      discount({ percentBp: 2000, minQty: 10 }),
    ];
    expect(price(ctx, { listPrices, discounts })?.rule.discount).toMatchObject({
      percentBp: 1500,
      scope: 'category',
    });
    expect(price(ctx, { listPrices, discounts }, 10)?.unitPrice).toBe(8_000);
    const brand = discount({ percentBp: 1500, scope: 'brand', brand: ' аквафор ' });
    const product = discount({ percentBp: 1500, scope: 'product', productId: 'p1' });
    expect(price(ctx, { listPrices, discounts: [brand, product] })?.rule.discount?.scope).toBe('product');
    const person: PricingContext = { ...ctx, scope: 'me', companyId: null, customerGroupId: null };
    expect(price(person, { listPrices, discounts })?.rule.discount?.percentBp).toBe(5500);
  });

  it('gives the lower of the discounted price and the promotion; a tie keeps the discount', () => {
    const listPrices = [row('default', 1, 10_000)];
    const discounts = [discount({ percentBp: 1000 })];
    expect(price(ctx, { listPrices, discounts, promos: [promo({ amount: 8_999 })] })).toMatchObject({
      unitPrice: 8_999,
      rule: { discount: null, promo: { id: 'pr' } },
    });
    expect(price(ctx, { listPrices, discounts, promos: [promo({ amount: 9_000 })] })).toMatchObject({
      unitPrice: 9_000,
      rule: { discount: { percentBp: 1000 }, promo: null },
    });
  });

  it('keeps promotions to their dates, audience and variant', () => {
    const listPrices = [row('default', 1, 10_000)];
    const ended = promo({ amount: 100, endsAt: at });
    const notYet = promo({ amount: 200, startsAt: new Date(at.getTime() + 1) });
    const otherGroup = promo({ amount: 300, customerGroupIds: ['g2'] });
    const ourGroup = promo({ amount: 400, customerGroupIds: ['g1'] });
    const otherVariant = promo({ amount: 50, variantId: 'v2' });
    const promos = [ended, notYet, otherGroup, ourGroup, otherVariant];
    expect(price(ctx, { listPrices, promos })?.unitPrice).toBe(400);
    expect(price(guest, { listPrices, promos })?.unitPrice).toBe(10_000);
  });

  it('lists the calculator steps where the price changes, list breaks and discount thresholds alike', () => {
    const listPrices = [row('default', 1, 10_000), row('default', 10, 9_000), row('default', 100, 9_000)];
    const discounts = [discount({ percentBp: 1000, minQty: 50 })];
    expect(price(ctx, { listPrices, discounts })?.breaks).toEqual([
      { minQty: 1, unitPrice: 10_000, listPrice: 10_000 },
      { minQty: 10, unitPrice: 9_000, listPrice: 9_000 },
      { minQty: 50, unitPrice: 8_100, listPrice: 9_000 },
    ]);
  });
});
