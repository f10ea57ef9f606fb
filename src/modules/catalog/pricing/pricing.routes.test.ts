import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCompany, updateCompany } from '../../companies/companies.service.js';
import { customerGroups } from '../../companies/companies.tables.js';
import { companiesTestApp, demoCompanies, demoPeople } from '../../companies/companies.testkit.js';
import { users } from '../../people/people.tables.js';
import { ensureDefaultPriceList } from '../catalog.service.js';
import { pricingFactory } from './pricing.testkit.js';

type Kit = Awaited<ReturnType<typeof companiesTestApp>>;
let k: Kit;
let buyer: string;
let customer: string;
let supplier: string;
let dealerId: string;
let clientId: string;
let supplierId: string;
const v: Record<string, string> = {};
const p: Record<string, string> = {};

const day = 86_400_000;
const quote = (cookie: string | undefined, prefix: string, lines: object[]) =>
  k.as(cookie)('POST', `/api/v1${prefix}/catalog/price-quote`, { lines });
const line = (key: string, quantity = 1) => ({ variantId: v[key], quantity });

beforeAll(async () => {
  k = await companiesTestApp();
  const { t } = k;
  const f = pricingFactory(t.db);
  buyer = await k.cookieOf(demoPeople.buyer.email);
  customer = await k.cookieOf(demoPeople.customer.email);
  supplier = await k.cookieOf(demoPeople.supplier.email);
  dealerId = await k.companyIdOf(buyer, demoCompanies.dealer.name);
  clientId = await k.companyIdOf(buyer, demoCompanies.client.name);
  supplierId = await k.companyIdOf(supplier, demoCompanies.supplier.name);
  const dealerGroup = (await getCompany(t.db, dealerId))?.customerGroupId as string;
  const [retailGroup] = await t.db
    .select({ id: customerGroups.id })
    .from(customerGroups)
    .where(eq(customerGroups.name, 'Розница'));
  await updateCompany(t.db, clientId, { customerGroupId: retailGroup?.id as string });

  const retail = await ensureDefaultPriceList(t.db);
  const dealerList = await f.list('Дилерская');
  const wholesale = await f.list('Оптовая');
  const contract = await f.list('Договор ВодоСервис');
  await f.assign(dealerList, { customerGroupId: dealerGroup });
  await f.assign(wholesale, { customerGroupId: retailGroup?.id as string });
  await f.assign(contract, { companyId: dealerId });
  // The demo gives the client a contract list; here it buys by its customer group only.
  await f.unassign({ companyId: clientId });

  const root = await f.category();
  const forRetailGroup = await f.category(root, [retailGroup?.id as string]);
  const add = async (key: string, categoryId: string, opts: Parameters<typeof f.product>[1] = {}) => {
    const made = await f.product(categoryId, opts);
    v[key] = made.variantId;
    p[key] = made.productId;
  };
  await add('a', root.id);
  await add('b', root.id);
  await add('dealersOnly', root.id, { visibleGroupIds: [dealerGroup] });
  await add('inHiddenCategory', forRetailGroup.id);
  await add('archived', root.id, { status: 'archived' });
  await add('unpriced', root.id);
  await add('promo', root.id);
  await f.price(retail, v.a as string, { 1: 10_000, 50: 9_000 });
  await f.price(dealerList, v.a as string, { 1: 8_000 });
  await f.price(wholesale, v.a as string, { 1: 8_500 });
  await f.price(contract, v.a as string, { 1: 7_000, 50: 6_500 });
  await f.price(retail, v.b as string, { 1: 20_000 });
  await f.price(dealerList, v.b as string, { 1: 15_000 });
  for (const key of ['dealersOnly', 'inHiddenCategory', 'archived', 'promo']) {
    await f.price(retail, v[key] as string, { 1: 5_000 });
  }
  const [person] = await t.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, demoPeople.customer.email));
  await f.discount({
    userId: person?.id as string,
    scope: 'all',
    percentBp: 1000,
    name: 'Постоянный клиент',
  });
  const now = Date.now();
  await f.promo({
    productId: p.promo as string,
    amount: 4_000,
    startsAt: new Date(now - day),
    endsAt: new Date(now + day),
    name: 'Неделя фильтров',
  });
  await f.promo({
    productId: p.b as string,
    amount: 1_000,
    startsAt: new Date(now - 9 * day),
    endsAt: new Date(now - day),
  });
});
afterAll(async () => k?.t.close());

describe('price quote: each scope gets its own prices', () => {
  it('a guest gets the default list, with breaks at their exact boundaries and a total', async () => {
    const res = await quote(undefined, '/public', [line('a', 49), line('a', 50), line('b')]);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.lines.map((l: { unitPrice: number }) => l.unitPrice)).toEqual([10_000, 9_000, 20_000]);
    expect(body.lines[0]).toMatchObject({
      productId: p.a,
      problem: null,
      currency: 'RUB',
      total: 490_000,
      rule: { source: 'default', breakMinQty: null, discount: null, promo: null },
      breaks: [
        { minQty: 1, unitPrice: 10_000, listPrice: 10_000 },
        { minQty: 50, unitPrice: 9_000, listPrice: 9_000 },
      ],
    });
    expect(body.lines[1].rule.breakMinQty).toBe(50);
    expect(body.total).toEqual({ amount: 490_000 + 450_000 + 20_000, currency: 'RUB' });
  });

  it('a company gets its contract price over its group’s, and the group’s where the contract lacks the item', async () => {
    const res = await quote(buyer, `/orgs/${dealerId}`, [line('a'), line('a', 50), line('b')]);
    expect(res.statusCode).toBe(200);
    const [a1, a50, b] = res.json().lines;
    expect(a1).toMatchObject({ unitPrice: 7_000, basePrice: 10_000, rule: { source: 'contract' } });
    expect(a50).toMatchObject({
      unitPrice: 6_500,
      basePrice: 9_000,
      rule: { source: 'contract', breakMinQty: 50 },
    });
    expect(b).toMatchObject({ unitPrice: 15_000, rule: { source: 'group', priceListName: 'Дилерская' } });
  });

  it('a company in a group without a contract gets the group’s list over the default', async () => {
    const res = await quote(buyer, `/orgs/${clientId}`, [line('a'), line('b')]);
    expect(res.json().lines.map((l: { unitPrice: number }) => l.unitPrice)).toEqual([8_500, 20_000]);
    expect(res.json().lines[0].rule).toMatchObject({ source: 'group', priceListName: 'Оптовая' });
  });

  it('a person gets their own discount, or the promotion when it is lower; an expired promotion is ignored', async () => {
    const res = await quote(customer, '/me', [line('a'), line('promo'), line('b')]);
    const [a, promo, b] = res.json().lines;
    expect(a).toMatchObject({
      unitPrice: 9_000,
      rule: { discount: { name: 'Постоянный клиент', percentBp: 1000 } },
    });
    // 5 000 − 10% = 4 500 against the promotion's 4 000: the promotion wins.
    expect(promo).toMatchObject({
      unitPrice: 4_000,
      rule: { discount: null, promo: { name: 'Неделя фильтров' } },
    });
    expect(b).toMatchObject({ unitPrice: 18_000, rule: { promo: null } });
    // Without the discount a guest also gets the promotion, and never the person's discount.
    const guest = await quote(undefined, '/public', [line('a'), line('promo')]);
    expect(guest.json().lines.map((l: { unitPrice: number }) => l.unitPrice)).toEqual([10_000, 4_000]);
  });
});

describe('price quote: assortment visibility', () => {
  it('answers NOT_FOUND for unknown and hidden products, without leaking them', async () => {
    const unknown = '01900000-0000-7000-8000-000000000001';
    const lines = [line('dealersOnly'), line('inHiddenCategory'), { variantId: unknown, quantity: 1 }];
    const guest = (await quote(undefined, '/public', lines)).json();
    for (const l of guest.lines) {
      expect(l).toMatchObject({
        problem: { code: 'NOT_FOUND' },
        productId: null,
        unitPrice: null,
        rule: null,
      });
    }
    expect(guest.total).toBeNull();
    expect(JSON.stringify(guest)).not.toContain(p.dealersOnly);
    const dealer = (await quote(buyer, `/orgs/${dealerId}`, lines)).json().lines;
    expect(dealer.map((l: { problem: { code: string } | null }) => l.problem?.code ?? 'ok')).toEqual([
      'ok',
      'NOT_FOUND',
      'NOT_FOUND',
    ]);
    const client = (await quote(buyer, `/orgs/${clientId}`, lines)).json().lines;
    expect(client.map((l: { problem: { code: string } | null }) => l.problem?.code ?? 'ok')).toEqual([
      'NOT_FOUND',
      'ok',
      'NOT_FOUND',
    ]);
  });

  it('marks archived and unpriced products, and sums only what is priced', async () => {
    const res = await quote(undefined, '/public', [line('archived'), line('unpriced'), line('b', 2)]);
    const body = res.json();
    expect(body.lines.map((l: { problem: { code: string } | null }) => l.problem?.code ?? 'ok')).toEqual([
      'UNAVAILABLE',
      'NO_PRICE',
      'ok',
    ]);
    expect(body.total).toEqual({ amount: 40_000, currency: 'RUB' });
  });
});

describe('price quote: input and access', () => {
  it('rejects bad input with field paths', async () => {
    const bad = async (lines: unknown) => {
      const res = await k.as(undefined)('POST', '/api/v1/public/catalog/price-quote', { lines });
      expect(res.statusCode).toBe(400);
      return res.json().errors.map((e: { path: string }) => e.path);
    };
    expect(await bad([])).toEqual(['body.lines']);
    expect(await bad([{ variantId: 'nope', quantity: 1 }])).toEqual(['body.lines.0.variantId']);
    expect(await bad([line('a', 0)])).toEqual(['body.lines.0.quantity']);
    expect(await bad([line('a', -1)])).toEqual(['body.lines.0.quantity']);
    expect(await bad([line('a', 1.0005)])).toEqual(['body.lines.0.quantity']);
    expect(await bad(Array.from({ length: 501 }, () => line('a')))).toEqual(['body.lines']);
    const ok = await quote(
      undefined,
      '/public',
      Array.from({ length: 500 }, () => line('a', 1.5)),
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.json().total.amount).toBe(500 * 15_000);
  });

  it('needs sign-in for /me and membership for /orgs; another company’s id is 404', async () => {
    expect((await quote(undefined, '/me', [line('a')])).statusCode).toBe(401);
    expect((await quote(undefined, `/orgs/${dealerId}`, [line('a')])).statusCode).toBe(401);
    const foreign = await quote(supplier, `/orgs/${dealerId}`, [line('a')]);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).not.toContain('7000');
    expect((await quote(buyer, `/orgs/${supplierId}`, [line('a')])).statusCode).toBe(404);
    // A viewer of the client company may read its catalog prices.
    expect((await quote(buyer, `/orgs/${clientId}`, [line('a')])).statusCode).toBe(200);
  });
});
