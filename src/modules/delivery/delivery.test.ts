import { eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDay } from '../../shared/business-day.js';
import { listAudit } from '../audit/audit.service.js';
import { products, productVariants } from '../catalog/catalog.tables.js';
import { companiesTestApp, demoCompanies, demoPeople } from '../companies/companies.testkit.js';

type Kit = Awaited<ReturnType<typeof companiesTestApp>>;
let k: Kit;
let admin: ReturnType<Kit['as']>;
let support: ReturnType<Kit['as']>;
let buyer: ReturnType<Kit['as']>;
let dealerId: string;
let clientId: string;
const api = '/api/v1/admin/delivery';
const missing = '0190e2a4-0000-7000-8000-000000000000';

type Quote = {
  zone: { name: string } | null;
  weightKg: number;
  methods: Array<{
    kind: string;
    name: string;
    available: boolean;
    cost?: number;
    reason?: string;
    free?: boolean;
  }>;
};
const publicQuote = async (body: object) => k.as(undefined)('POST', '/api/v1/public/delivery/quote', body);
const quoteOf = async (body: object): Promise<Quote> => {
  const res = await publicQuote(body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const byKind = (q: Quote, kind: string) => q.methods.find((m) => m.kind === kind);
const parcel = (weightKg: number, volumeM3 = 0) => [{ weightKg, volumeM3, quantity: 1 }];

beforeAll(async () => {
  k = await companiesTestApp();
  admin = k.as(await k.cookieOf(demoPeople.admin.email));
  support = k.as(await k.cookieOf(demoPeople.support.email));
  const buyerCookie = await k.cookieOf(demoPeople.buyer.email);
  buyer = k.as(buyerCookie);
  dealerId = await k.companyIdOf(buyerCookie, demoCompanies.dealer.name);
  clientId = await k.companyIdOf(buyerCookie, demoCompanies.client.name);
});
afterAll(async () => k?.t.close());

describe('back-office access', () => {
  it('needs delivery.manage for every route group', async () => {
    for (const path of ['zones', 'methods', 'tariffs', 'warehouses']) {
      expect((await k.as(undefined)('GET', `${api}/${path}`)).statusCode, path).toBe(401);
      expect((await support('GET', `${api}/${path}`)).statusCode, path).toBe(403);
      expect((await admin('GET', `${api}/${path}`)).statusCode, path).toBe(200);
    }
    expect((await support('POST', `${api}/zones`, { name: 'Взлом' })).statusCode).toBe(403);
  });
});

describe('demo delivery quotes', () => {
  it('quotes pickup, courier and transport company in Moscow', async () => {
    const q = await quoteOf({ address: { postalCode: '101000' }, items: parcel(5) });
    expect(q.zone?.name).toBe('Москва и МО');
    expect(byKind(q, 'pickup')).toMatchObject({ available: true, cost: 0 });
    expect(byKind(q, 'courier')).toMatchObject({ available: true, cost: 50_000 });
    expect(byKind(q, 'transport_company')).toMatchObject({ available: true, cost: 40_000 + 5 * 1_500 });
  });
  it('uses the Urals tariff there, and the default zone elsewhere, where the courier does not go', async () => {
    const urals = await quoteOf({ address: { postalCode: '620014' }, items: parcel(5) });
    expect(urals.zone?.name).toBe('Урал');
    expect(byKind(urals, 'transport_company')?.cost).toBe(90_000 + 5 * 2_500);
    expect(byKind(urals, 'courier')).toMatchObject({ available: false, reason: 'NO_TARIFF' });
    const far = await quoteOf({ address: { city: 'Владивосток' }, items: parcel(5) });
    expect(far.zone?.name).toBe('Вся Россия');
    expect(byKind(far, 'transport_company')?.cost).toBe(120_000 + 5 * 3_500);
    expect(byKind(far, 'pickup')?.available).toBe(true);
  });
  it('is free over the threshold and unavailable over the limits', async () => {
    const free = await quoteOf({
      address: { postalCode: '101000' },
      items: parcel(5),
      orderAmount: 1_000_000,
    });
    expect(byKind(free, 'courier')).toMatchObject({ cost: 0, free: true });
    const heavy = await quoteOf({ address: { postalCode: '101000' }, items: parcel(150) });
    expect(byKind(heavy, 'courier')).toMatchObject({ available: false, reason: 'TOO_HEAVY' });
    const bulky = await quoteOf({ address: { postalCode: '101000' }, items: parcel(5, 2) });
    expect(byKind(bulky, 'courier')).toMatchObject({ available: false, reason: 'TOO_BULKY' });
    // Volumetric: 2 m³ × 200 kg/m³ = 400 kg billed, plus 2 m³ × 1 500 ₽.
    expect(byKind(bulky, 'transport_company')?.cost).toBe(40_000 + 400 * 1_500 + 2 * 150_000);
  });
  it('reads weights of catalog variants', async () => {
    const [row] = await k.t.db
      .select({ id: productVariants.id, weight: products.weight })
      .from(productVariants)
      .innerJoin(products, eq(products.id, productVariants.productId))
      .where(isNotNull(products.weight))
      .limit(1);
    const q = await quoteOf({
      address: { postalCode: '101000' },
      items: [{ variantId: row?.id, quantity: 2 }],
    });
    expect(q.weightKg).toBeCloseTo(2 * (row?.weight as number), 3);
    expect(q.weightKg).toBeGreaterThan(0);
    const unknown = await publicQuote({
      address: { postalCode: '101000' },
      items: [{ variantId: missing, quantity: 1 }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe('body.items.0.variantId');
  });
  it('refuses bad input with 400', async () => {
    const today = businessDay(new Date());
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    for (const body of [
      { address: { postalCode: '10100' }, items: parcel(1) },
      { address: {}, items: [] },
      { address: {}, items: [{ weightKg: -1, quantity: 1 }] },
      { address: {}, items: [{ weightKg: 1, quantity: 0 }] },
      { address: {}, items: parcel(1), orderAmount: 1.5 },
      { address: {}, items: parcel(1), desiredDate: 'завтра' },
      { address: {}, items: parcel(1), desiredDate: yesterday },
    ]) {
      const res = await publicQuote(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
  });
  it('asks for sign-in on /me and orders.place on an org', async () => {
    const body = { address: { postalCode: '101000' }, items: parcel(1) };
    expect((await k.as(undefined)('POST', '/api/v1/me/delivery/quote', body)).statusCode).toBe(401);
    expect((await buyer('POST', '/api/v1/me/delivery/quote', body)).statusCode).toBe(200);
    expect((await buyer('POST', `/api/v1/orgs/${dealerId}/delivery/quote`, body)).statusCode).toBe(200);
    // The buyer only views the client company.
    expect((await buyer('POST', `/api/v1/orgs/${clientId}/delivery/quote`, body)).statusCode).toBe(403);
  });
});

describe('back-office CRUD', () => {
  it('manages a zone, a company-only method and its tariff, seen only in company quotes', async () => {
    const zone = await admin('POST', `${api}/zones`, {
      name: 'Дальний Восток',
      postalPrefixes: ['69', '68'],
      cities: ['Владивосток'],
    });
    expect(zone.statusCode, zone.body).toBe(201);
    expect(zone.json().cities).toEqual(['владивосток']);
    const zoneId = zone.json().id as string;
    const method = await admin('POST', `${api}/methods`, {
      kind: 'transport_company',
      name: 'ПЭК для компаний',
      carrier: 'ПЭК',
      audiences: ['company'],
    });
    expect(method.statusCode, method.body).toBe(201);
    const methodId = method.json().id as string;
    const tariff = await admin('POST', `${api}/tariffs`, {
      methodId,
      zoneId,
      baseCost: 70_000,
      daysMin: 5,
      daysMax: 9,
    });
    expect(tariff.statusCode, tariff.body).toBe(201);
    expect((await admin('POST', `${api}/tariffs`, { methodId, zoneId })).statusCode).toBe(409);

    const body = { address: { postalCode: '690091' }, items: parcel(1) };
    const asCompany = (await buyer('POST', `/api/v1/orgs/${dealerId}/delivery/quote`, body)).json() as Quote;
    expect(asCompany.zone?.name).toBe('Дальний Восток');
    expect(asCompany.methods.find((m) => m.name === 'ПЭК для компаний')).toMatchObject({ cost: 70_000 });
    const asGuest = await quoteOf(body);
    expect(asGuest.methods.some((m) => m.name === 'ПЭК для компаний')).toBe(false);

    const changed = await admin('PATCH', `${api}/tariffs/${tariff.json().id}`, { baseCost: 75_000 });
    const audit = await listAudit(k.t.db, { limit: 5, action: 'delivery.tariff_changed' });
    expect(audit.items[0]).toMatchObject({ subject: tariff.json().id, details: { baseCost: 75_000 } });
    // A patch changes only what it sends.
    expect(changed.json()).toMatchObject({ baseCost: 75_000, daysMin: 5, daysMax: 9 });
    const renamed = await admin('PATCH', `${api}/zones/${zoneId}`, { name: 'ДВ' });
    expect(renamed.json()).toMatchObject({
      name: 'ДВ',
      postalPrefixes: ['69', '68'],
      cities: ['владивосток'],
    });
    expect((await admin('PATCH', `${api}/tariffs/${tariff.json().id}`, { daysMin: 10 })).statusCode).toBe(
      400,
    );
    expect((await admin('PATCH', `${api}/methods/${methodId}`, { isActive: false })).json().isActive).toBe(
      false,
    );
    expect((await admin('DELETE', `${api}/zones/${zoneId}`)).statusCode).toBe(204);
    const tariffs = (await admin('GET', `${api}/tariffs`)).json().items as { zoneId: string }[];
    expect(tariffs.some((t) => t.zoneId === zoneId)).toBe(false);
    expect((await admin('DELETE', `${api}/methods/${methodId}`)).statusCode).toBe(204);
    expect((await admin('DELETE', `${api}/methods/${methodId}`)).statusCode).toBe(404);
  });

  it('keeps one default zone', async () => {
    const made = await admin('POST', `${api}/zones`, { name: 'Новая по умолчанию', isDefault: true });
    expect(made.statusCode, made.body).toBe(201);
    const zones = (await admin('GET', `${api}/zones`)).json().items as { name: string; isDefault: boolean }[];
    expect(zones.filter((z) => z.isDefault).map((z) => z.name)).toEqual(['Новая по умолчанию']);
    expect(zones.find((z) => z.name === 'Вся Россия')?.isDefault).toBe(false);
    expect((await admin('DELETE', `${api}/zones/${made.json().id}`)).statusCode).toBe(204);
  });

  it('validates bodies and ids with 400 and 404', async () => {
    const warehouses = (await admin('GET', `${api}/warehouses`)).json().items as { id: string }[];
    expect(warehouses.length).toBeGreaterThan(0);
    const bad: Array<[string, object, string]> = [
      ['zones', { name: 'X', postalPrefixes: ['1a'] }, 'body.postalPrefixes.0'],
      ['zones', { name: '' }, 'body.name'],
      ['methods', { kind: 'pickup', name: 'Самовывоз' }, 'body.warehouseId'],
      ['methods', { kind: 'pickup', name: 'Самовывоз', warehouseId: missing }, 'body.warehouseId'],
      ['methods', { kind: 'transport_company', name: 'ТК' }, 'body.carrier'],
      ['methods', { kind: 'drone', name: 'Дрон' }, 'body.kind'],
      ['methods', { kind: 'courier', name: 'К', audiences: [] }, 'body.audiences'],
      ['tariffs', { methodId: missing, zoneId: missing }, 'body.methodId'],
      ['tariffs', { methodId: missing, zoneId: missing, daysMin: 3, daysMax: 1 }, 'body.daysMax'],
      ['tariffs', { methodId: missing, zoneId: missing, baseCost: 10.5 }, 'body.baseCost'],
    ];
    for (const [path, body, field] of bad) {
      const res = await admin('POST', `${api}/${path}`, body);
      expect(res.statusCode, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(field);
    }
    const pickup = await admin('POST', `${api}/methods`, {
      kind: 'pickup',
      name: 'Самовывоз тест',
      warehouseId: warehouses[0]?.id,
    });
    expect(pickup.statusCode, pickup.body).toBe(201);
    expect(
      (await admin('PATCH', `${api}/methods/${pickup.json().id}`, { kind: 'transport_company' })).statusCode,
    ).toBe(400);
    expect((await admin('DELETE', `${api}/methods/${pickup.json().id}`)).statusCode).toBe(204);
    expect((await admin('PATCH', `${api}/zones/${missing}`, { name: 'Нет' })).statusCode).toBe(404);
    expect((await admin('PATCH', `${api}/zones/not-a-uuid`, { name: 'Нет' })).statusCode).toBe(400);
    expect((await admin('DELETE', `${api}/tariffs/${missing}`)).statusCode).toBe(404);
  });
});
