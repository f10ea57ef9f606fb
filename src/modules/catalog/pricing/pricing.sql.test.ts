import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { ensureCompany } from '../../companies/companies.service.js';
import { createCustomerGroup } from '../../companies/customer-groups.service.js';
import { products, productVariants } from '../catalog.tables.js';
import { effectiveListPriceSql, productFromPriceSql } from './pricing.sql.js';
import { pricingFactory } from './pricing.testkit.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

describe('effectiveListPriceSql: the list price at quantity 1 for sorting and filtering listings', () => {
  it('takes the contract list, then the group list, then the default list, per variant', async () => {
    const f = pricingFactory(t.db);
    const groupId = await createCustomerGroup(t.db, { name: 'Дилеры SQL' });
    const companyId = await ensureCompany(t.db, {
      name: 'SQL',
      legalName: 'ООО SQL',
      kinds: ['client'],
      inn: '7707083893',
    });
    const retail = await f.list('Розница', true);
    const dealer = await f.list('Дилер');
    const contract = await f.list('Контракт');
    await f.assign(dealer, { customerGroupId: groupId });
    await f.assign(contract, { companyId });
    const cat = await f.category();
    const a = await f.product(cat.id);
    const b = await f.product(cat.id);
    const c = await f.product(cat.id);
    const bVariant2 = await f.variant(b.productId);
    await f.price(retail, a.variantId, { 1: 10_000, 10: 9_000 });
    await f.price(dealer, a.variantId, { 1: 8_000 });
    await f.price(contract, a.variantId, { 1: 7_000, 50: 6_000 });
    await f.price(retail, b.variantId, { 1: 20_000 });
    await f.price(dealer, b.variantId, { 5: 15_000 });
    await f.price(retail, bVariant2, { 1: 5_000 });
    // c has no price anywhere.

    const listed = async (ctx: { companyId: string | null; customerGroupId: string | null }) => {
      const rows = await t.db
        .select({ id: productVariants.id, price: effectiveListPriceSql(ctx, productVariants.id) })
        .from(productVariants)
        .innerJoin(products, eq(products.id, productVariants.productId))
        .where(eq(products.categoryId, cat.id))
        .orderBy(asc(effectiveListPriceSql(ctx, productVariants.id)), asc(productVariants.id));
      return Object.fromEntries(rows.map((r) => [r.id, r.price]));
    };
    expect(await listed({ companyId: null, customerGroupId: null })).toEqual({
      [a.variantId]: 10_000,
      [b.variantId]: 20_000,
      [bVariant2]: 5_000,
      [c.variantId]: null,
    });
    // The group list starts at 5 pcs: quantity 1 is priced at its first break (as priceLines does).
    expect(await listed({ companyId: null, customerGroupId: groupId })).toMatchObject({
      [a.variantId]: 8_000,
      [b.variantId]: 15_000,
      [bVariant2]: 5_000,
    });
    expect(await listed({ companyId, customerGroupId: groupId })).toMatchObject({
      [a.variantId]: 7_000,
      [b.variantId]: 15_000,
    });

    const from = await t.db
      .select({
        id: products.id,
        from: productFromPriceSql({ companyId: null, customerGroupId: null }, products.id),
      })
      .from(products)
      .where(sql`${products.categoryId} = ${cat.id}`);
    expect(Object.fromEntries(from.map((r) => [r.id, r.from]))).toEqual({
      [a.productId]: 10_000,
      [b.productId]: 5_000,
      [c.productId]: null,
    });
  });
});
