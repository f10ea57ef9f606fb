import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPeople } from '../../companies/companies.testkit.js';
import { catalogTestApp } from './browse.testkit.js';

let c: Awaited<ReturnType<typeof catalogTestApp>>;
let root: { id: string; path: string[] };
let sub: { id: string; path: string[] };
let dealerOnlyCategory: { id: string; path: string[] };
type Key = 'cable' | 'filter' | 'hiddenProduct' | 'inHiddenCategory' | 'archived' | 'skuLike';
const ids = {} as Record<Key, { id: string; variantId: string }>;
let warehouseNear: string;
let warehouseFar: string;

const pub = (path: string) => `/api/v1/public/catalog${path}`;
const me = (path: string) => `/api/v1/me/catalog${path}`;
const org = (orgId: string, path: string) => `/api/v1/orgs/${orgId}/catalog${path}`;

beforeAll(async () => {
  c = await catalogTestApp();
  const { f } = c;
  root = await f.category('Тестовый раздел');
  sub = await f.category('Кабели и провода', root);
  dealerOnlyCategory = await f.category('Дилерская линейка', root, [c.dealerGroupId]);
  ids.cable = await f.product({
    name: 'Кабель медный ВВГ 3x2.5',
    sku: 'CBL-325',
    categoryId: sub.id,
    price: 9900,
    brand: 'Элкаб',
  });
  ids.filter = await f.product({
    name: 'Фильтр сетчатый 1/2"',
    sku: 'FLT-NET-12',
    categoryId: root.id,
    price: 45000,
    brand: 'Гейзер',
    barcodes: ['4601234567890'],
  });
  ids.hiddenProduct = await f.product({
    name: 'Кабель дилерский секретный',
    sku: 'CBL-DLR',
    categoryId: root.id,
    price: 5000,
    visibleGroupIds: [c.dealerGroupId],
  });
  ids.inHiddenCategory = await f.product({
    name: 'Насос дилерский',
    sku: 'PMP-DLR',
    categoryId: dealerOnlyCategory.id,
    price: 70000,
  });
  ids.archived = await f.product({
    name: 'Кабель снятый с продажи',
    sku: 'CBL-OLD',
    categoryId: root.id,
    price: 100,
    status: 'archived',
  });
  ids.skuLike = await f.product({
    name: 'Переходник для FLT-NET-12 кабель',
    sku: 'ADP-1',
    categoryId: root.id,
    price: 1000,
  });
  warehouseNear = await f.warehouse('Москва', 1, 0);
  warehouseFar = await f.warehouse('Екатеринбург', 4, 1);
  await f.stock(ids.cable.variantId, warehouseNear, 120, 20);
  await f.stock(ids.cable.variantId, warehouseFar, 3);
  await f.stock(ids.filter.variantId, warehouseFar, 4, 1);
  await f.contractPrices(c.dealerId, [[ids.cable.variantId, 7500]]);
});
afterAll(async () => c?.k.t.close());

const skus = (body: { items: Array<{ sku: string }> }) => body.items.map((i) => i.sku);

describe('catalog scopes', () => {
  it('lists the category subtree with the scope’s prices', async () => {
    const guest = await c.get(pub(`/products?category=${root.id}&sort=name`));
    expect(guest.statusCode, guest.body).toBe(200);
    expect(skus(guest.json()).sort()).toEqual(['ADP-1', 'CBL-325', 'FLT-NET-12']);
    const cable = guest.json().items.find((i: { sku: string }) => i.sku === 'CBL-325');
    expect(cable.price).toMatchObject({ unitPrice: 9900, currency: 'RUB', rule: { source: 'default' } });

    const person = await c.get(me(`/products?category=${root.id}`), c.customer);
    expect(person.statusCode).toBe(200);
    expect(skus(person.json()).sort()).toEqual(['ADP-1', 'CBL-325', 'FLT-NET-12']);

    const dealer = await c.get(org(c.dealerId, `/products?category=${root.id}`), c.dealerOwner);
    expect(dealer.statusCode, dealer.body).toBe(200);
    expect(skus(dealer.json()).sort()).toEqual(['ADP-1', 'CBL-325', 'CBL-DLR', 'FLT-NET-12', 'PMP-DLR']);
  });

  it('answers 401 without a session in the me and org scopes', async () => {
    expect((await c.get(me('/products'))).statusCode).toBe(401);
    expect((await c.get(org(c.dealerId, '/products'))).statusCode).toBe(401);
    expect((await c.get(me('/warehouses'))).statusCode).toBe(401);
  });

  it('hides limited products from other groups by id, and shows them to their group', async () => {
    for (const id of [ids.hiddenProduct.id, ids.inHiddenCategory.id, ids.archived.id]) {
      const guest = await c.get(pub(`/products/${id}`));
      expect(guest.statusCode).toBe(404);
      expect(guest.json().code).toBe('NOT_FOUND');
      expect((await c.get(me(`/products/${id}`), c.customer)).statusCode).toBe(404);
      expect((await c.get(org(c.supplierId, `/products/${id}`), c.supplierOwner)).statusCode).toBe(404);
    }
    const dealer = await c.get(org(c.dealerId, `/products/${ids.hiddenProduct.id}`), c.dealerOwner);
    expect(dealer.statusCode).toBe(200);
    expect(dealer.json().sku).toBe('CBL-DLR');
    expect((await c.get(org(c.dealerId, `/products/${ids.archived.id}`), c.dealerOwner)).statusCode).toBe(
      404,
    );
  });

  it('shows stock as a level to retail and per warehouse to companies', async () => {
    const guest = (await c.get(pub(`/products/${ids.cable.id}`))).json();
    expect(guest.stock).toEqual({ level: 'in_stock', deliveryDays: 1, available: null, warehouses: null });
    const filter = (await c.get(pub(`/products/${ids.filter.id}`))).json();
    expect(filter.stock).toEqual({ level: 'few_left', deliveryDays: 4, available: null, warehouses: null });
    const adapter = (await c.get(pub(`/products/${ids.skuLike.id}`))).json();
    expect(adapter.stock).toMatchObject({ level: 'on_order', available: null, warehouses: null });
    const dealer = (await c.get(org(c.dealerId, `/products/${ids.cable.id}`), c.dealerOwner)).json();
    expect(dealer.stock).toEqual({
      level: 'in_stock',
      deliveryDays: 1,
      available: 103,
      warehouses: [
        { warehouseId: warehouseNear, name: 'Москва', available: 100, deliveryDays: 1 },
        { warehouseId: warehouseFar, name: 'Екатеринбург', available: 3, deliveryDays: 4 },
      ],
    });
    expect(dealer.price).toMatchObject({ unitPrice: 7500, rule: { source: 'contract' } });
    expect(guest.price).toMatchObject({ unitPrice: 9900, rule: { source: 'default' } });
  });
});

describe('read cache', () => {
  it('shows a write made behind the app (plain SQL) on the very next request', async () => {
    const url = org(c.dealerId, `/products/${ids.cable.id}`);
    const before = (await c.get(url, c.dealerOwner)).json();
    expect((await c.get(url, c.dealerOwner)).json()).toEqual(before);
    await c.k.t.db.execute(
      sql`update stock set on_hand = on_hand + 5 where variant_id = ${ids.cable.variantId}::uuid and warehouse_id = ${warehouseFar}::uuid`,
    );
    const after = (await c.get(url, c.dealerOwner)).json();
    expect(after.stock.available).toBe(before.stock.available + 5);
    await c.k.t.db.execute(
      sql`update stock set on_hand = on_hand - 5 where variant_id = ${ids.cable.variantId}::uuid and warehouse_id = ${warehouseFar}::uuid`,
    );
    expect((await c.get(url, c.dealerOwner)).json()).toEqual(before);
  });

  it('keeps each company’s answer apart and stops serving a member the moment they leave', async () => {
    const url = org(c.supplierId, `/products/${ids.cable.id}`);
    expect((await c.get(url, c.supplierOwner)).statusCode).toBe(200);
    // The same product in another company's scope is computed for that company, not served from the first.
    expect((await c.get(org(c.dealerId, `/products/${ids.cable.id}`), c.supplierOwner)).statusCode).toBe(404);
    const [member] = (
      (await c.k.t.db.execute(
        sql`delete from company_members where company_id = ${c.supplierId}::uuid
          and user_id = (select id from users where email = ${demoPeople.supplier.email}) returning user_id, role`,
      )) as unknown as { rows: Array<{ user_id: string; role: string }> }
    ).rows;
    expect((await c.get(url, c.supplierOwner)).statusCode).toBe(404);
    await c.k.t.db.execute(
      sql`insert into company_members (company_id, user_id, role) values (${c.supplierId}::uuid, ${member?.user_id}::uuid, ${member?.role})`,
    );
    expect((await c.get(url, c.supplierOwner)).statusCode).toBe(200);
  });
});

describe('search', () => {
  it('finds Russian word forms, typos, and puts the exact SKU first', async () => {
    const stem = (await c.get(pub(`/products?q=${encodeURIComponent('кабел')}&category=${root.id}`))).json();
    expect(skus(stem)).toContain('CBL-325');
    const typo = (await c.get(pub(`/products?q=${encodeURIComponent('фильтер')}`))).json();
    expect(skus(typo)).toContain('FLT-NET-12');
    const sku = (await c.get(pub(`/products?q=${encodeURIComponent('flt-net-12')}`))).json();
    expect(skus(sku)[0]).toBe('FLT-NET-12');
    const barcode = (await c.get(pub('/products?q=4601234567890'))).json();
    expect(skus(barcode)[0]).toBe('FLT-NET-12');
    const hidden = (await c.get(pub(`/products?q=${encodeURIComponent('секретный')}`))).json();
    expect(skus(hidden)).toEqual([]);
  });
});

describe('product page', () => {
  it('shows the gallery, specifications, variants with prices, and only visible relations', async () => {
    const { f } = c;
    const colour = await f.listProperty('Цвет изоляции', ['Белый', 'Чёрный']);
    const section = await f.numberProperty('Сечение', 'мм²');
    await f.value(ids.cable.id, colour.id, { optionId: colour.options[1] as string });
    await f.value(ids.cable.id, section, { numberValue: 2.5 });
    const imageId = await f.image(ids.cable.id);
    const variant = await f.variant(ids.cable.id, 'CBL-325-RED', { Цвет: 'Красный' }, 10900);
    await f.stock(variant, warehouseNear, 2);
    await f.relation(ids.cable.id, ids.filter.id, 'related');
    await f.relation(ids.cable.id, ids.hiddenProduct.id, 'analogue');

    const guest = (await c.get(pub(`/products/${ids.cable.id}`))).json();
    expect(guest.categoryPath.map((p: { id: string }) => p.id)).toEqual([root.id, sub.id]);
    expect(guest.images).toEqual([
      expect.objectContaining({
        id: imageId,
        url: `/api/v1/public/catalog/media/${imageId}-original.jpg`,
        thumbUrl: `/api/v1/public/catalog/media/${imageId}-thumb.webp`,
      }),
    ]);
    expect(guest.specifications).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Цвет изоляции', value: 'Чёрный' }),
        expect.objectContaining({ name: 'Сечение', unit: 'мм²', numberValue: 2.5 }),
      ]),
    );
    expect(guest.variants.map((v: { sku: string }) => v.sku)).toEqual(['CBL-325', 'CBL-325-RED']);
    expect(guest.variants[1]).toMatchObject({
      attributes: { Цвет: 'Красный' },
      price: { unitPrice: 10900 },
      stock: { level: 'few_left', available: null },
    });
    expect(guest.variantCount).toBe(2);
    expect(guest.related.map((p: { id: string }) => p.id)).toEqual([ids.filter.id]);
    expect(guest.analogues).toEqual([]);

    const dealer = (await c.get(org(c.dealerId, `/products/${ids.cable.id}`), c.dealerOwner)).json();
    expect(dealer.analogues.map((p: { id: string }) => p.id)).toEqual([ids.hiddenProduct.id]);
    expect(dealer.variants[1].stock).toMatchObject({ available: 2 });
  });
});
