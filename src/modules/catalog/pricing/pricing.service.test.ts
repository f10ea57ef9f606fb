import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { ensureCompany, updateCompany } from '../../companies/companies.service.js';
import { createCustomerGroup } from '../../companies/customer-groups.service.js';
import { users } from '../../people/people.tables.js';
import { ensureDefaultPriceList } from '../catalog.service.js';
import { priceLines } from './pricing.service.js';
import { type PricingFactory, pricingFactory } from './pricing.testkit.js';
import type { PricingContext } from './pricing.types.js';

// The rule through the real loader and database, with a fixed clock (ctx.at); the routes have their own tests.
const at = new Date('2026-06-15T12:00:00Z');
const day = 86_400_000;
const daysAgo = (days: number) => new Date(at.getTime() - days * day);
const inDays = (days: number) => new Date(at.getTime() + days * day);

let t: TestApp;
let f: PricingFactory;
let retail: string;
let groupId: string;
let companyId: string;
let otherCompanyId: string;
let userId: string;
let parent: { id: string; path: string[] };
let child: { id: string; path: string[] };

const guest: () => PricingContext = () => ({
  scope: 'public',
  userId: null,
  companyId: null,
  customerGroupId: null,
  at,
});
const company = (): PricingContext => ({ scope: 'org', userId, companyId, customerGroupId: groupId, at });
const person = (): PricingContext => ({ scope: 'me', userId, companyId: null, customerGroupId: null, at });

const one = async (ctx: PricingContext, variantId: string, quantity = 1) => {
  const [priced] = await priceLines(t.db, ctx, [{ productId: '', variantId, quantity }]);
  return priced ?? null;
};

/** A fresh product in the child category with a retail price of 1 000 ₽ (unless told otherwise). */
const product = async (opts: { brand?: string; retail?: Record<number, number> } = {}) => {
  const p = await f.product(child.id, opts.brand ? { brand: opts.brand } : {});
  await f.price(retail, p.variantId, opts.retail ?? { 1: 100_000 });
  return p;
};

beforeAll(async () => {
  t = await buildTestApp();
  f = pricingFactory(t.db);
  retail = await ensureDefaultPriceList(t.db);
  groupId = await createCustomerGroup(t.db, { name: 'Опт (тест)' });
  companyId = await ensureCompany(t.db, {
    name: 'A',
    legalName: 'ООО A',
    kinds: ['client'],
    inn: '7707083893',
  });
  otherCompanyId = await ensureCompany(t.db, {
    name: 'B',
    legalName: 'ООО B',
    kinds: ['client'],
    inn: '6671043211',
  });
  await updateCompany(t.db, companyId, { customerGroupId: groupId });
  userId = 'pricing-test-person';
  await t.db
    .insert(users)
    .values({ id: userId, name: 'Покупатель', email: 'p@example.ru', emailVerified: true });
  parent = await f.category();
  child = await f.category(parent);
});
afterAll(async () => t?.close());

describe('list price source', () => {
  it('contract beats group beats default; a list without the variant falls back to the next source', async () => {
    const group = await f.list('Опт');
    const contract = await f.list('Договор A');
    await f.assign(group, { customerGroupId: groupId });
    await f.assign(contract, { companyId });
    const a = await product();
    const b = await product();
    const c = await product();
    await f.price(group, a.variantId, { 1: 90_000 });
    await f.price(contract, a.variantId, { 1: 80_000 });
    await f.price(group, b.variantId, { 1: 95_000 });
    expect(await one(company(), a.variantId)).toMatchObject({
      unitPrice: 80_000,
      basePrice: 100_000,
      rule: { source: 'contract', priceListId: contract, priceListName: 'Договор A' },
    });
    expect((await one(company(), b.variantId))?.rule).toMatchObject({ source: 'group', priceListId: group });
    expect(await one(company(), c.variantId)).toMatchObject({
      unitPrice: 100_000,
      rule: { source: 'default' },
    });
    // Another company without assignments and a guest see the default list.
    const other: PricingContext = { ...company(), companyId: otherCompanyId, customerGroupId: null };
    expect((await one(other, a.variantId))?.unitPrice).toBe(100_000);
    expect((await one(guest(), a.variantId))?.rule.source).toBe('default');
  });

  it('prices a whole page in one call, in order, with null for a variant nobody prices', async () => {
    const a = await product();
    const unpriced = await f.product(child.id);
    const lines = [a, unpriced, a].map((p, i) => ({
      productId: p.productId,
      variantId: p.variantId,
      quantity: i + 1,
    }));
    const priced = await priceLines(t.db, guest(), lines);
    expect(priced.map((p) => p?.total ?? null)).toEqual([100_000, null, 300_000]);
  });
});

describe('quantity breaks', () => {
  it('uses the greatest break not above the quantity, exactly at its boundary', async () => {
    const a = await product({ retail: { 1: 10_000, 50: 9_000, 100: 8_000 } });
    const at49 = await one(guest(), a.variantId, 49);
    const at50 = await one(guest(), a.variantId, 50);
    expect(at49).toMatchObject({ unitPrice: 10_000, total: 490_000, rule: { breakMinQty: null } });
    expect(at50).toMatchObject({ unitPrice: 9_000, total: 450_000, rule: { breakMinQty: 50 } });
    expect((await one(guest(), a.variantId, 99.999))?.unitPrice).toBe(9_000);
    expect((await one(guest(), a.variantId, 100))?.unitPrice).toBe(8_000);
    expect(at49?.breaks).toEqual([
      { minQty: 1, unitPrice: 10_000, listPrice: 10_000 },
      { minQty: 50, unitPrice: 9_000, listPrice: 9_000 },
      { minQty: 100, unitPrice: 8_000, listPrice: 8_000 },
    ]);
  });
});

describe('discounts', () => {
  it('apply by scope: everything, a category (and its parent), a brand, a product', async () => {
    const byScope = await Promise.all([product(), product(), product({ brand: 'Аквафор' }), product()]);
    const [forAll, forCategory, forBrand, forProduct] = byScope;
    const other = await ensureCompany(t.db, {
      name: 'C',
      legalName: 'ООО C',
      kinds: ['client'],
      inn: '5262087657',
    });
    const ctx = (): PricingContext => ({ ...company(), companyId: other, customerGroupId: null });
    await f.discount({ companyId: other, scope: 'category', categoryId: parent.id, percentBp: 500 });
    await f.discount({ companyId: other, scope: 'brand', brand: 'аквафор', percentBp: 700 });
    await f.discount({
      companyId: other,
      scope: 'product',
      productId: forProduct?.productId,
      percentBp: 900,
    });
    expect((await one(ctx(), forCategory?.variantId as string))?.rule.discount).toMatchObject({
      percentBp: 500,
      scope: 'category',
    });
    expect((await one(ctx(), forBrand?.variantId as string))?.unitPrice).toBe(93_000);
    expect((await one(ctx(), forProduct?.variantId as string))?.unitPrice).toBe(91_000);
    await f.discount({ companyId: other, scope: 'all', percentBp: 300 });
    // The biggest single discount wins, no stacking: 5% on the category beats 3% on everything.
    expect((await one(ctx(), forAll?.variantId as string))?.unitPrice).toBe(95_000);
    // A category discount on the child does not reach a product of the parent category itself.
    const inParent = await f.product(parent.id);
    await f.price(retail, inParent.variantId, { 1: 100_000 });
    await f.discount({ companyId: other, scope: 'category', categoryId: child.id, percentBp: 2000 });
    expect((await one(ctx(), inParent.variantId))?.rule.discount?.percentBp).toBe(500);
    expect((await one(ctx(), forAll?.variantId as string))?.rule.discount?.percentBp).toBe(2000);
  });

  it('a person’s discount applies when they buy for themselves, not for a company', async () => {
    const a = await product();
    await f.discount({ userId, scope: 'all', percentBp: 1000, name: 'Постоянный покупатель' });
    expect(await one(person(), a.variantId)).toMatchObject({
      unitPrice: 90_000,
      rule: { discount: { name: 'Постоянный покупатель', percentBp: 1000 } },
    });
    expect((await one(guest(), a.variantId))?.unitPrice).toBe(100_000);
    const forOther: PricingContext = { ...company(), companyId: otherCompanyId, customerGroupId: null };
    expect((await one(forOther, a.variantId))?.rule.discount).toBeNull();
  });

  it('respect dates, the active flag and their minimum quantity', async () => {
    const a = await product();
    const g = await createCustomerGroup(t.db, { name: 'Даты' });
    const ctx: PricingContext = { ...guest(), scope: 'org', companyId: otherCompanyId, customerGroupId: g };
    const base = { customerGroupId: g, scope: 'product' as const, productId: a.productId };
    await f.discount({ ...base, percentBp: 4000, startsAt: inDays(1) });
    await f.discount({ ...base, percentBp: 3000, endsAt: daysAgo(1) });
    await f.discount({ ...base, percentBp: 2500, active: false });
    await f.discount({ ...base, percentBp: 1200, minQty: 50 });
    await f.discount({ ...base, percentBp: 500, startsAt: daysAgo(1), endsAt: inDays(1) });
    expect((await one(ctx, a.variantId, 49))?.unitPrice).toBe(95_000);
    const at50 = await one(ctx, a.variantId, 50);
    expect(at50).toMatchObject({ unitPrice: 88_000, rule: { discount: { percentBp: 1200, minQty: 50 } } });
    expect(at50?.breaks).toEqual([
      { minQty: 1, unitPrice: 95_000, listPrice: 100_000 },
      { minQty: 50, unitPrice: 88_000, listPrice: 100_000 },
    ]);
  });

  it('rounds the discounted unit price half up to kopecks, then multiplies', async () => {
    const a = await product({ retail: { 1: 1_250 } });
    const b = await product({ retail: { 1: 1_249 } });
    const g = await createCustomerGroup(t.db, { name: 'Округление' });
    const ctx: PricingContext = { ...guest(), customerGroupId: g };
    await f.discount({ customerGroupId: g, scope: 'all', percentBp: 1234 });
    // 1 250 × 0.8766 = 1 095.75 → 1 096; 1 249 × 0.8766 = 1 094.87… → 1 095.
    expect(await one(ctx, a.variantId, 3)).toMatchObject({ unitPrice: 1_096, total: 3_288 });
    expect(await one(ctx, b.variantId, 2.5)).toMatchObject({ unitPrice: 1_095, total: 2_738 });
  });
});

describe('promotions against discounts', () => {
  it('gives the better of the discounted price and the promotion, and says which won', async () => {
    const a = await product();
    const b = await product();
    const g = await createCustomerGroup(t.db, { name: 'Акции' });
    const ctx: PricingContext = { ...guest(), scope: 'org', companyId: otherCompanyId, customerGroupId: g };
    await f.discount({ customerGroupId: g, scope: 'all', percentBp: 1000 });
    await f.promo({
      productId: a.productId,
      amount: 85_000,
      startsAt: daysAgo(1),
      endsAt: inDays(1),
      name: 'Лето',
    });
    await f.promo({ productId: b.productId, amount: 95_000, startsAt: daysAgo(1), endsAt: inDays(1) });
    expect(await one(ctx, a.variantId)).toMatchObject({
      unitPrice: 85_000,
      rule: { discount: null, promo: { name: 'Лето', endsAt: inDays(1).toISOString() } },
    });
    expect(await one(ctx, b.variantId)).toMatchObject({
      unitPrice: 90_000,
      rule: { discount: { percentBp: 1000 }, promo: null },
    });
    // A guest has no discount: the promotion beats the list price.
    expect((await one(guest(), b.variantId))?.unitPrice).toBe(95_000);
  });

  it('ignores an expired or future promotion and one for another group; a variant promotion beats the product one', async () => {
    const a = await product();
    const g = await createCustomerGroup(t.db, { name: 'Аудитория' });
    const v2 = await f.variant(a.productId);
    await f.price(retail, v2, { 1: 100_000 });
    await f.promo({ productId: a.productId, amount: 10_000, startsAt: daysAgo(10), endsAt: daysAgo(1) });
    await f.promo({ productId: a.productId, amount: 20_000, startsAt: inDays(1), endsAt: inDays(10) });
    await f.promo({
      productId: a.productId,
      amount: 30_000,
      startsAt: daysAgo(1),
      endsAt: inDays(1),
      customerGroupIds: [g],
    });
    expect((await one(guest(), a.variantId))?.rule.promo).toBeNull();
    expect((await one({ ...guest(), customerGroupId: g }, a.variantId))?.unitPrice).toBe(30_000);
    await f.promo({
      productId: a.productId,
      variantId: v2,
      amount: 25_000,
      startsAt: daysAgo(1),
      endsAt: inDays(1),
    });
    expect((await one(guest(), v2))?.unitPrice).toBe(25_000);
    expect((await one(guest(), a.variantId))?.unitPrice).toBe(100_000);
  });
});

describe('the worked example of docs/pricing.md', () => {
  it('gives each row of the table', async () => {
    const filters = await f.category();
    const cartridges = await f.category(filters);
    const dealers = await createCustomerGroup(t.db, { name: 'Дилеры (пример)' });
    const vodo = await ensureCompany(t.db, {
      name: 'ВС',
      legalName: 'ООО ВС',
      kinds: ['client'],
      inn: '7736050003',
    });
    const otherDealer = await ensureCompany(t.db, {
      name: 'Д2',
      legalName: 'ООО Д2',
      kinds: ['client'],
      inn: '7710140679',
    });
    await updateCompany(t.db, vodo, { customerGroupId: dealers });
    await updateCompany(t.db, otherDealer, { customerGroupId: dealers });
    const ivan = 'pricing-example-ivan';
    await t.db
      .insert(users)
      .values({ id: ivan, name: 'Иван', email: 'ivan@example.ru', emailVerified: true });
    const dealerList = await f.list('Дилерская');
    const contract = await f.list('Договор ВС');
    await f.assign(dealerList, { customerGroupId: dealers });
    await f.assign(contract, { companyId: vodo });
    const pp5 = await f.product(cartridges.id, { brand: 'Аквафор' });
    await f.price(retail, pp5.variantId, { 1: 100_000, 50: 90_000 });
    await f.price(dealerList, pp5.variantId, { 1: 80_000 });
    await f.price(contract, pp5.variantId, { 1: 70_000, 50: 65_000 });
    await f.discount({ companyId: vodo, scope: 'category', categoryId: filters.id, percentBp: 500 });
    await f.discount({ customerGroupId: dealers, scope: 'all', percentBp: 1200, minQty: 100 });
    await f.discount({ userId: ivan, scope: 'brand', brand: 'Аквафор', percentBp: 1000 });
    await f.promo({ productId: pp5.productId, amount: 85_000, startsAt: daysAgo(1), endsAt: inDays(3) });

    const ivanCtx: PricingContext = { scope: 'me', userId: ivan, companyId: null, customerGroupId: null, at };
    const vodoCtx: PricingContext = {
      scope: 'org',
      userId: ivan,
      companyId: vodo,
      customerGroupId: dealers,
      at,
    };
    const otherCtx: PricingContext = { ...vodoCtx, companyId: otherDealer };
    const rows: Array<[PricingContext, number, number, string]> = [
      [guest(), 1, 85_000, 'promo'],
      [guest(), 49, 85_000, 'promo'],
      [ivanCtx, 1, 85_000, 'promo'],
      [ivanCtx, 50, 81_000, 'default −1000'],
      [vodoCtx, 1, 66_500, 'contract −500'],
      [vodoCtx, 50, 61_750, 'contract −500'],
      [vodoCtx, 100, 57_200, 'contract −1200'],
      [otherCtx, 1, 80_000, 'group'],
    ];
    for (const [ctx, quantity, unitPrice, rule] of rows) {
      const priced = await one(ctx, pp5.variantId, quantity);
      const shown = priced?.rule.promo
        ? 'promo'
        : `${priced?.rule.source}${priced?.rule.discount ? ` −${priced.rule.discount.percentBp}` : ''}`;
      expect([quantity, priced?.unitPrice, shown]).toEqual([quantity, unitPrice, rule]);
    }
  });
});
