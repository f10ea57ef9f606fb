import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { origin } from '../../companies/companies.testkit.js';
import { catalogTestApp } from '../browse/browse.testkit.js';

let c: Awaited<ReturnType<typeof catalogTestApp>>;
const products: string[] = [];
let hidden: string;

const send = (method: 'PUT' | 'DELETE' | 'POST', url: string, cookie?: string) =>
  c.k.t.app.inject({ method, url, headers: { origin, ...(cookie ? { cookie } : {}) } });

beforeAll(async () => {
  c = await catalogTestApp();
  const category = await c.f.category('Списки');
  const diameter = await c.f.numberProperty('Диаметр', 'мм');
  const colour = await c.f.listProperty('Цвет', ['Белый', 'Синий']);
  for (let i = 0; i < 8; i++) {
    const p = await c.f.product({
      name: `Товар ${i}`,
      sku: `LST-${i}`,
      categoryId: category.id,
      price: 1000 + i,
    });
    products.push(p.id);
    if (i < 2) await c.f.value(p.id, diameter, { numberValue: 20 + i });
    if (i === 1) await c.f.value(p.id, colour.id, { optionId: colour.options[1] as string });
  }
  hidden = (
    await c.f.product({
      name: 'Скрытый',
      sku: 'LST-HID',
      categoryId: category.id,
      visibleGroupIds: [c.dealerGroupId],
    })
  ).id;
});
afterAll(async () => c?.k.t.close());

const me = (path: string) => `/api/v1/me/catalog${path}`;
const org = (path: string) => `/api/v1/orgs/${c.dealerId}/catalog${path}`;

describe('favorites', () => {
  it('keeps favorites per context: the person’s own apart from those kept for a company', async () => {
    const [first, second] = products as [string, string];
    expect((await send('PUT', me(`/favorites/${first}`), c.dealerOwner)).statusCode).toBe(204);
    expect((await send('PUT', me(`/favorites/${first}`), c.dealerOwner)).statusCode).toBe(204);
    expect((await send('PUT', org(`/favorites/${second}`), c.dealerOwner)).statusCode).toBe(204);
    const own = (await c.get(me('/favorites'), c.dealerOwner)).json();
    expect(own.items.map((p: { id: string }) => p.id)).toEqual([first]);
    expect(own.items[0].price.unitPrice).toBe(1000);
    const forCompany = (await c.get(org('/favorites'), c.dealerOwner)).json();
    expect(forCompany.items.map((p: { id: string }) => p.id)).toEqual([second]);
    expect((await c.get(me('/lists'), c.dealerOwner)).json()).toEqual({ favorites: [first], compare: [] });
    expect((await c.get(me('/favorites'), c.customer)).json().items).toEqual([]);

    expect((await send('DELETE', me(`/favorites/${first}`), c.dealerOwner)).statusCode).toBe(204);
    expect((await send('DELETE', me(`/favorites/${first}`), c.dealerOwner)).statusCode).toBe(404);
    expect((await c.get(me('/favorites'), c.dealerOwner)).json().items).toEqual([]);
  });

  it('pages favorites with a cursor, newest first', async () => {
    for (const id of products.slice(0, 5)) await send('PUT', me(`/favorites/${id}`), c.customer);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = me(`/favorites?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      const page = (await c.get(url, c.customer)).json();
      seen.push(...page.items.map((p: { id: string }) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(products.slice(0, 5).reverse());
  });

  it('refuses hidden products (404) and answers 401 without a session', async () => {
    expect((await send('PUT', me(`/favorites/${hidden}`), c.customer)).statusCode).toBe(404);
    expect((await send('PUT', org(`/favorites/${hidden}`), c.dealerOwner)).statusCode).toBe(204);
    expect((await send('PUT', me(`/favorites/${products[0]}`))).statusCode).toBe(401);
    expect((await c.get(me('/favorites'))).statusCode).toBe(401);
    expect((await send('PUT', me('/favorites/not-a-uuid'), c.customer)).json().errors[0].path).toMatch(
      /productId/,
    );
  });
});

describe('recently viewed', () => {
  it('lists the last views newest first, a repeated view moving to the top, at most 20', async () => {
    const [a, b, d] = products as [string, string, string];
    for (const id of [a, b, d, a]) {
      expect((await send('POST', me(`/recently-viewed/${id}`), c.customer)).statusCode).toBe(204);
    }
    const recent = (await c.get(me('/recently-viewed'), c.customer)).json();
    expect(recent.items.map((p: { id: string }) => p.id)).toEqual([a, d, b]);
  });
});

describe('compare', () => {
  it('holds six products and builds the side-by-side table', async () => {
    for (const id of products.slice(0, 6)) {
      expect((await send('PUT', me(`/compare/${id}`), c.customer)).statusCode).toBe(204);
    }
    const full = await send('PUT', me(`/compare/${products[6]}`), c.customer);
    expect(full.statusCode).toBe(409);
    expect(full.json().code).toBe('COMPARE_LIST_FULL');
    expect((await send('PUT', me(`/compare/${products[0]}`), c.customer)).statusCode).toBe(204);

    const table = (await c.get(me('/compare'), c.customer)).json();
    expect(table.products.map((p: { id: string }) => p.id)).toEqual(products.slice(0, 6));
    expect(table.products[0].price.unitPrice).toBe(1000);
    const diameter = table.rows.find((r: { name: string }) => r.name === 'Диаметр');
    expect(diameter).toMatchObject({ unit: 'мм', values: ['20', '21', null, null, null, null] });
    const colour = table.rows.find((r: { name: string }) => r.name === 'Цвет');
    expect(colour.values).toEqual([null, 'Синий', null, null, null, null]);

    expect((await send('DELETE', me(`/compare/${products[0]}`), c.customer)).statusCode).toBe(204);
    expect((await send('PUT', me(`/compare/${products[6]}`), c.customer)).statusCode).toBe(204);
  });
});
