import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../audit/audit.service.js';
import { type CatalogAdminTestApp, catalogAdminTestApp, demoPeople } from './catalog-admin.testkit.js';

let k: CatalogAdminTestApp;
let admin: CatalogAdminTestApp['admin'];
const api = '/api/v1/admin/catalog';
const missing = '0190e2a4-0000-7000-8000-000000000000';

beforeAll(async () => {
  k = await catalogAdminTestApp();
  admin = k.admin;
});
afterAll(async () => k?.t.close());

describe('access', () => {
  it('refuses every route group without catalog.manage', async () => {
    const support = k.as(await k.cookieOf(demoPeople.support.email));
    for (const path of ['categories', 'properties', 'warehouses', 'price-lists', 'discounts', 'promotions']) {
      expect((await k.as(undefined)('GET', `${api}/${path}`)).statusCode, path).toBe(401);
      expect((await support('GET', `${api}/${path}`)).statusCode, path).toBe(403);
      expect((await admin('GET', `${api}/${path}`)).statusCode, path).toBe(200);
    }
  });
});

describe('categories', () => {
  it('moves a subtree and keeps every path', async () => {
    const make = async (name: string, parentId?: string) => {
      const res = await admin('POST', `${api}/categories`, { name, ...(parentId ? { parentId } : {}) });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; path: string[]; slug: string };
    };
    const a = await make('Кабели');
    const b = await make('Силовые', a.id);
    const c = await make('Медные', b.id);
    const d = await make('Инструмент');
    expect(c.path).toEqual([a.id, b.id, c.id]);
    expect(a.slug).toMatch(/^kabeli-/);
    const moved = await admin('PATCH', `${api}/categories/${b.id}`, { parentId: d.id });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().path).toEqual([d.id, b.id]);
    const all = (await admin('GET', `${api}/categories`)).json().items as { id: string; path: string[] }[];
    expect(all.find((x) => x.id === c.id)?.path).toEqual([d.id, b.id, c.id]);
    const toRoot = await admin('PATCH', `${api}/categories/${b.id}`, { parentId: null });
    expect(toRoot.json().path).toEqual([b.id]);
    const after = (await admin('GET', `${api}/categories`)).json().items as { id: string; path: string[] }[];
    expect(after.find((x) => x.id === c.id)?.path).toEqual([b.id, c.id]);
    const loop = await admin('PATCH', `${api}/categories/${b.id}`, { parentId: c.id });
    expect(loop.statusCode).toBe(400);
    expect(loop.json().errors[0].path).toBe('body.parentId');
    expect((await admin('DELETE', `${api}/categories/${b.id}`)).statusCode).toBe(409);
    expect((await admin('DELETE', `${api}/categories/${c.id}`)).statusCode).toBe(204);
    expect(
      (await admin('POST', `${api}/categories/reorder`, { parentId: null, ids: [d.id, a.id, b.id] }))
        .statusCode,
    ).toBe(204);
  });

  it('limits a category to customer groups, audited, and validates the groups', async () => {
    const res = await admin('POST', `${api}/categories`, {
      name: 'Дилерское',
      visibleGroupIds: [k.groupIds[0]],
    });
    expect(res.json().visibleGroupIds).toEqual([k.groupIds[0]]);
    const bad = await admin('PATCH', `${api}/categories/${res.json().id}`, { visibleGroupIds: [missing] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.visibleGroupIds.0');
    const audit = await listAudit(k.t.db, { limit: 5, action: 'catalog.category_visibility_changed' });
    expect(audit.items[0]?.subject).toBe(res.json().id);
    expect((await admin('POST', `${api}/categories`, { name: 'x', slug: 'Not A Slug' })).statusCode).toBe(
      400,
    );
  });
});

describe('properties and warehouses', () => {
  it('keeps option ids when options are edited', async () => {
    const p = (
      await admin('POST', `${api}/properties`, {
        name: 'Сечение',
        type: 'list',
        options: [{ value: '1.5' }, { value: '2.5' }],
      })
    ).json();
    const edited = await admin('PATCH', `${api}/properties/${p.id}`, {
      options: [{ id: p.options[1].id, value: '2,5' }, { value: '4' }],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().options.map((o: { value: string }) => o.value)).toEqual(['2,5', '4']);
    expect(edited.json().options[0].id).toBe(p.options[1].id);
    const text = await admin('POST', `${api}/properties`, {
      name: 'x',
      type: 'text',
      options: [{ value: 'a' }],
    });
    expect(text.json().errors[0].path).toBe('body.options');
  });

  it('creates, changes and deletes a warehouse', async () => {
    const bad = await admin('POST', `${api}/warehouses`, { name: '', deliveryDays: -1 });
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.deliveryDays', 'body.name']);
    const w = (
      await admin('POST', `${api}/warehouses`, {
        name: 'Москва',
        address: 'ул. Складская, 1',
        deliveryDays: 2,
      })
    ).json();
    const changed = await admin('PATCH', `${api}/warehouses/${w.id}`, { isActive: false });
    expect(changed.json()).toMatchObject({ name: 'Москва', isActive: false, deliveryDays: 2 });
    expect((await admin('DELETE', `${api}/warehouses/${w.id}`)).statusCode).toBe(204);
    expect((await admin('PATCH', `${api}/warehouses/${w.id}`, { name: 'x' })).statusCode).toBe(404);
  });
});

describe('price lists, discounts, promotions', () => {
  it('keeps one default list and assigns lists to a group or a company', async () => {
    const dealerId = await k.companyIdOf(await k.cookieOf(demoPeople.buyer.email), 'ВодоСервис');
    const list = (
      await admin('POST', `${api}/price-lists`, { code: 'adm-dealer', name: 'Дилерская (тест)' })
    ).json();
    expect(
      (await admin('POST', `${api}/price-lists`, { code: 'adm-dealer', name: 'Дубль' })).statusCode,
    ).toBe(409);
    const neither = await admin('POST', `${api}/price-lists/${list.id}/assignments`, {});
    expect(neither.statusCode).toBe(400);
    const both = await admin('POST', `${api}/price-lists/${list.id}/assignments`, {
      customerGroupId: k.groupIds[0],
      companyId: dealerId,
    });
    expect(both.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'body.customerGroupId',
      'body.companyId',
    ]);
    const noCompany = await admin('POST', `${api}/price-lists/${list.id}/assignments`, {
      companyId: missing,
    });
    expect(noCompany.json().errors[0].path).toBe('body.companyId');
    await admin('POST', `${api}/price-lists/${list.id}/assignments`, { customerGroupId: k.groupIds[0] });
    const assigned = await admin('POST', `${api}/price-lists/${list.id}/assignments`, {
      companyId: dealerId,
    });
    expect(assigned.json().assignments).toHaveLength(2);
    const made = await admin('PATCH', `${api}/price-lists/${list.id}`, { isDefault: true });
    expect(made.json().isDefault).toBe(true);
    const lists = (await admin('GET', `${api}/price-lists`)).json().items as { isDefault: boolean }[];
    expect(lists.filter((l) => l.isDefault)).toHaveLength(1);
    expect((await admin('DELETE', `${api}/price-lists/${list.id}`)).statusCode).toBe(409);
    const audit = await listAudit(k.t.db, { limit: 5, action: 'catalog.price_list_assigned' });
    expect(audit.items).toHaveLength(2);
  });

  it('validates discounts: percent, one audience, scope target, dates', async () => {
    const bad = await admin('POST', `${api}/discounts`, { name: 'x', scope: 'all', percent: 0 });
    expect(bad.json().errors[0].path).toBe('body.percent');
    const over = await admin('POST', `${api}/discounts`, {
      name: 'x',
      scope: 'all',
      percent: 100.5,
      customerGroupId: k.groupIds[0],
    });
    expect(over.json().errors[0].path).toBe('body.percent');
    const noAudience = await admin('POST', `${api}/discounts`, { name: 'x', scope: 'all', percent: 5 });
    expect(noAudience.json().errors.map((e: { path: string }) => e.path)).toContain('body.customerGroupId');
    const noBrand = await admin('POST', `${api}/discounts`, {
      name: 'x',
      scope: 'brand',
      percent: 5,
      customerGroupId: k.groupIds[0],
    });
    expect(noBrand.json().errors[0].path).toBe('body.brand');
    const dates = await admin('POST', `${api}/discounts`, {
      name: 'x',
      scope: 'all',
      percent: 5,
      customerGroupId: k.groupIds[0],
      startsAt: '2026-02-01T00:00:00Z',
      endsAt: '2026-01-01T00:00:00Z',
    });
    expect(dates.json().errors[0].path).toBe('body.endsAt');
    const ok = await admin('POST', `${api}/discounts`, {
      name: 'Дилерам',
      scope: 'brand',
      brand: 'Acme',
      percent: 12.5,
      minQty: 50,
      customerGroupId: k.groupIds[0],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ percent: 12.5, minQty: 50, scope: 'brand' });
    const changed = await admin('PATCH', `${api}/discounts/${ok.json().id}`, { percent: 15 });
    expect(changed.json().percent).toBe(15);
    const list = (await admin('GET', `${api}/discounts?customerGroupId=${k.groupIds[0]}`)).json();
    expect(list.items).toHaveLength(1);
    expect((await admin('DELETE', `${api}/discounts/${ok.json().id}`)).statusCode).toBe(204);
  });

  it('creates promotional prices with ordered dates', async () => {
    const product = (await admin('POST', `${api}/products`, { sku: 'PROMO-1', name: 'Акционный' })).json();
    const bad = await admin('POST', `${api}/promotions`, {
      name: 'x',
      productId: product.id,
      amount: 100,
      startsAt: '2026-02-01T00:00:00Z',
      endsAt: '2026-02-01T00:00:00Z',
    });
    expect(bad.json().errors[0].path).toBe('body.endsAt');
    const ok = await admin('POST', `${api}/promotions`, {
      name: 'Весна',
      productId: product.id,
      amount: 9_900,
      customerGroupIds: [k.groupIds[0]],
      startsAt: '2026-03-01T00:00:00Z',
      endsAt: '2026-04-01T00:00:00Z',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ productName: 'Акционный', amount: 9_900 });
    const wrongVariant = await admin('PUT', `${api}/promotions/${ok.json().id}`, {
      ...ok.json(),
      variantId: missing,
    });
    expect(wrongVariant.json().errors[0].path).toBe('body.variantId');
    expect((await admin('GET', `${api}/promotions?productId=${product.id}`)).json().items).toHaveLength(1);
    expect((await admin('DELETE', `${api}/promotions/${ok.json().id}`)).statusCode).toBe(204);
  });
});
