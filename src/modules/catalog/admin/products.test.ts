import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../audit/audit.service.js';
import { ensureDefaultPriceList } from '../catalog.service.js';
import { products } from '../catalog.tables.js';
import { type CatalogAdminTestApp, catalogAdminTestApp, demoPeople } from './catalog-admin.testkit.js';

let k: CatalogAdminTestApp;
let admin: CatalogAdminTestApp['admin'];
let groupId: string;
const base = '/api/v1/admin/catalog/products';

beforeAll(async () => {
  k = await catalogAdminTestApp();
  admin = k.admin;
  groupId = k.groupIds[0] as string;
});
afterAll(async () => k?.t.close());

const create = async (sku: string, extra: object = {}) => {
  const res = await admin('POST', base, { sku, name: `Товар ${sku}`, price: 12_345, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; variants: { id: string; sku: string; isDefault: boolean }[] };
};

describe('access', () => {
  it('asks guests to sign in and refuses staff without catalog.manage', async () => {
    expect((await k.as(undefined)('GET', base)).statusCode).toBe(401);
    const support = k.as(await k.cookieOf(demoPeople.support.email));
    expect((await support('GET', base)).statusCode).toBe(403);
    expect((await support('POST', `${base}/bulk`, { productIds: [], set: {} })).statusCode).toBe(400);
    const customer = k.as(await k.cookieOf(demoPeople.customer.email));
    expect((await customer('GET', '/api/v1/admin/catalog/categories')).statusCode).toBe(403);
    expect((await admin('GET', base)).statusCode).toBe(200);
  });
});

describe('products', () => {
  it('creates a product with a default variant and a retail price, and lists it', async () => {
    const card = await create('ADM-001', {
      description: '<p>Хороший <b>товар</b><script>alert(1)</script><a href="javascript:x">x</a></p>',
      brand: 'Acme',
      packSize: 5,
    });
    expect(card.variants).toHaveLength(1);
    expect(card.variants[0]).toMatchObject({ sku: 'ADM-001', isDefault: true });
    const full = (await admin('GET', `${base}/${card.id}`)).json();
    expect(full.description).toBe(
      '<p>Хороший <b>товар</b><a rel="noopener nofollow" target="_blank">x</a></p>',
    );
    expect(full.variants[0].prices).toEqual([
      { priceListId: await ensureDefaultPriceList(k.t.db), minQty: 1, amount: 12_345 },
    ]);
    const list = (await admin('GET', `${base}?q=adm-001`)).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ sku: 'ADM-001', price: 12_345, brand: 'Acme' });
  });

  it('refuses bad input with field paths and a taken SKU with 409', async () => {
    const bad = await admin('POST', base, { sku: '', name: 'x', packSize: -1, visibleGroupIds: ['nope'] });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.sku', 'body.packSize', 'body.visibleGroupIds.0']));
    const unknownGroup = await admin('POST', base, {
      sku: 'ADM-X',
      name: 'x',
      visibleGroupIds: ['0190e2a4-0000-7000-8000-000000000000'],
    });
    expect(unknownGroup.statusCode).toBe(400);
    expect(unknownGroup.json().errors[0].path).toBe('body.visibleGroupIds.0');
    const taken = await admin('POST', base, { sku: 'ADM-001', name: 'Дубль' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors[0].path).toBe('body.sku');
    expect((await admin('GET', `${base}/0190e2a4-0000-7000-8000-000000000000`)).statusCode).toBe(404);
  });

  it('pages the list with a cursor and filters by status', async () => {
    for (const n of [1, 2, 3]) await create(`PAGE-${n}`);
    const first = (await admin('GET', `${base}?q=PAGE-&limit=2`)).json();
    expect(first.items.map((i: { sku: string }) => i.sku)).toEqual(['PAGE-1', 'PAGE-2']);
    const second = (await admin('GET', `${base}?q=PAGE-&limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((i: { sku: string }) => i.sku)).toEqual(['PAGE-3']);
    expect(second.nextCursor).toBeNull();
    expect((await admin('GET', `${base}?cursor=garbage`)).statusCode).toBe(400);
  });

  it('updates, audits visibility and archives', async () => {
    const { id } = await create('ADM-UPD');
    const res = await admin('PATCH', `${base}/${id}`, {
      name: 'Новое имя',
      visibleGroupIds: [groupId],
      weight: 1.5,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Новое имя', visibleGroupIds: [groupId], weight: 1.5 });
    const audit = await listAudit(k.t.db, { limit: 10, action: 'catalog.product_visibility_changed' });
    expect(audit.items.some((a) => a.subject === id)).toBe(true);
    const archived = await admin('POST', `${base}/${id}/archive`);
    expect(archived.json().status).toBe('archived');
    const active = (await admin('GET', `${base}?q=ADM-UPD&status=active`)).json();
    expect(active.items).toHaveLength(0);
  });

  it('keeps one default variant', async () => {
    const { id, variants } = await create('ADM-VAR');
    const added = await admin('POST', `${base}/${id}/variants`, {
      sku: 'ADM-VAR-L',
      attributes: { Размер: 'L' },
      barcodes: ['4600000000011'],
    });
    expect(added.statusCode, added.body).toBe(201);
    const other = added.json().variants.find((v: { sku: string }) => v.sku === 'ADM-VAR-L');
    const defaultId = variants[0]?.id as string;
    expect((await admin('DELETE', `${base}/${id}/variants/${defaultId}`)).statusCode).toBe(409);
    const switched = await admin('PATCH', `${base}/${id}/variants/${other.id}`, { isDefault: true });
    expect(switched.json().variants.filter((v: { isDefault: boolean }) => v.isDefault)).toHaveLength(1);
    const removed = await admin('DELETE', `${base}/${id}/variants/${defaultId}`);
    expect(removed.json().variants.map((v: { sku: string }) => v.sku)).toEqual(['ADM-VAR-L']);
    expect((await admin('POST', `${base}/${id}/variants`, { sku: 'ADM-001' })).statusCode).toBe(409);
  });

  it('sets prices with quantity breaks and stock; audits the price change', async () => {
    const { id, variants } = await create('ADM-PRICE');
    const variantId = variants[0]?.id as string;
    const priceListId = await ensureDefaultPriceList(k.t.db);
    const url = `/api/v1/admin/catalog/variants/${variantId}/prices`;
    const dup = await admin('PUT', url, {
      priceListId,
      breaks: [
        { minQty: 1, amount: 100 },
        { minQty: 1, amount: 90 },
      ],
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().errors[0].path).toBe('body.breaks.1.minQty');
    const ok = await admin('PUT', url, {
      priceListId,
      breaks: [
        { minQty: 1, amount: 100 },
        { minQty: 10, amount: 90 },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(204);
    const wh = (await admin('POST', '/api/v1/admin/catalog/warehouses', { name: 'Склад 1' })).json();
    const stock = await admin('PUT', '/api/v1/admin/catalog/stock', {
      variantId,
      warehouseId: wh.id,
      onHand: 12.5,
    });
    expect(stock.statusCode, stock.body).toBe(204);
    const card = (await admin('GET', `${base}/${id}`)).json();
    expect(card.variants[0].prices.map((p: { amount: number }) => p.amount)).toEqual([100, 90]);
    expect(card.variants[0].stock).toEqual([{ warehouseId: wh.id, onHand: 12.5, reserved: 0 }]);
    const audit = await listAudit(k.t.db, { limit: 10, action: 'catalog.prices_changed' });
    expect(audit.items.some((a) => a.subject === variantId)).toBe(true);
  });

  it('sets property values by type and related products', async () => {
    const { id } = await create('ADM-PROP');
    const other = await create('ADM-PROP-2');
    const color = (
      await admin('POST', '/api/v1/admin/catalog/properties', {
        name: 'Цвет',
        type: 'list',
        filterable: true,
        options: [{ value: 'Красный' }, { value: 'Синий' }],
      })
    ).json();
    const length = (
      await admin('POST', '/api/v1/admin/catalog/properties', { name: 'Длина', type: 'number', unit: 'м' })
    ).json();
    const bad = await admin('PUT', `${base}/${id}/properties`, {
      values: [{ propertyId: color.id, text: 'красный' }, { propertyId: length.id }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'body.values.0.optionId',
      'body.values.1.number',
    ]);
    const ok = await admin('PUT', `${base}/${id}/properties`, {
      values: [
        { propertyId: color.id, optionId: color.options[1].id },
        { propertyId: length.id, number: 2.5 },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().properties).toHaveLength(2);
    const self = await admin('PUT', `${base}/${id}/relations`, { related: [id], analogues: [] });
    expect(self.json().errors[0].path).toBe('body.related.0');
    const linked = await admin('PUT', `${base}/${id}/relations`, {
      related: [other.id],
      analogues: [other.id],
    });
    expect(
      linked
        .json()
        .relations.map((r: { kind: string }) => r.kind)
        .sort(),
    ).toEqual(['analogue', 'related']);
  });
});

describe('bulk edit', () => {
  it('changes status, category, visibility and prices of many products at once', async () => {
    const a = await create('BULK-A');
    const b = await create('BULK-B');
    const category = (await admin('POST', '/api/v1/admin/catalog/categories', { name: 'Оптовые' })).json();
    const priceListId = await ensureDefaultPriceList(k.t.db);
    const res = await admin('POST', `${base}/bulk`, {
      productIds: [a.id, b.id],
      set: { status: 'archived', categoryId: category.id, visibleGroupIds: [groupId] },
      priceChange: { priceListId, percent: 10 },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ updated: 2, pricesChanged: 2 });
    const rows = await k.t.db.select().from(products).where(eq(products.categoryId, category.id));
    expect(rows.map((r) => r.status)).toEqual(['archived', 'archived']);
    const card = (await admin('GET', `${base}/${a.id}`)).json();
    expect(card.variants[0].prices[0].amount).toBe(13_580);
  });

  it('changes nothing when one id is wrong', async () => {
    const a = await create('BULK-C');
    const res = await admin('POST', `${base}/bulk`, {
      productIds: [a.id, '0190e2a4-0000-7000-8000-000000000000'],
      set: { status: 'archived' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('body.productIds.1');
    expect((await admin('GET', `${base}/${a.id}`)).json().status).toBe('active');
    const empty = await admin('POST', `${base}/bulk`, { productIds: [a.id], set: {} });
    expect(empty.json().errors[0].path).toBe('body.set');
  });
});
