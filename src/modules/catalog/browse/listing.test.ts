import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogTestApp } from './browse.testkit.js';

let c: Awaited<ReturnType<typeof catalogTestApp>>;
let category: { id: string; path: string[] };
let hiddenCategory: { id: string; path: string[] };
let colour: { id: string; options: string[] };
let length: string;
let warehouse: string;
const all: Array<{ id: string; variantId: string; name: string; price: number; brand: string }> = [];
let hidden: { id: string; variantId: string };

const pub = (path: string) => `/api/v1/public/catalog${path}`;
const org = (path: string) => `/api/v1/orgs/${c.dealerId}/catalog${path}`;
type Card = { id: string; name: string; price: { unitPrice: number } | null };

beforeAll(async () => {
  c = await catalogTestApp();
  const { f } = c;
  category = await f.category('Листинг');
  const child = await f.category('Листинг: подраздел', category);
  hiddenCategory = await f.category('Листинг: дилерам', category, [c.dealerGroupId]);
  colour = await f.listProperty('Цвет корпуса', ['Белый', 'Синий']);
  length = await f.numberProperty('Длина', 'м');
  warehouse = await f.warehouse('Склад листинга', 2);
  for (let i = 0; i < 23; i++) {
    const name = `Изделие ${String(i).padStart(2, '0')}`;
    const brand = i % 3 === 0 ? 'Альфа' : 'Бета';
    // Five price levels, so price sorting has ties across pages.
    const price = 1000 * ((i % 5) + 1);
    const p = await f.product({
      name,
      sku: `LIS-${i}`,
      categoryId: i < 20 ? category.id : child.id,
      price,
      brand,
    });
    all.push({ ...p, name, price, brand });
    await f.value(p.id, colour.id, { optionId: colour.options[i % 2] as string });
    await f.value(p.id, length, { numberValue: i });
    if (i % 4 === 0) await f.stock(p.variantId, warehouse, 10);
  }
  hidden = await f.product({
    name: 'Изделие скрытое',
    sku: 'LIS-HID',
    categoryId: hiddenCategory.id,
    price: 999_000,
    brand: 'Секрет',
  });
  await f.value(hidden.id, colour.id, { optionId: colour.options[0] as string });
});
afterAll(async () => c?.k.t.close());

/** Walks every page of a listing and returns the items in order. */
async function walk(url: string, cookie?: string): Promise<Card[]> {
  const items: Card[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const res = await c.get(`${url}&limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, cookie);
    expect(res.statusCode, res.body).toBe(200);
    items.push(...res.json().items);
    cursor = res.json().nextCursor;
    if (!cursor) return items;
  }
  throw new Error('pagination did not end');
}

describe('sorting and cursor pages', () => {
  it('walks the subtree by name with no duplicates or gaps', async () => {
    const items = await walk(pub(`/products?category=${category.id}&sort=name`));
    expect(items.map((i) => i.name)).toEqual(all.map((p) => p.name).sort());
  });

  it('walks by price both ways, ties split across pages without loss', async () => {
    const asc = await walk(pub(`/products?category=${category.id}&sort=price_asc`));
    expect(asc).toHaveLength(all.length);
    expect(new Set(asc.map((i) => i.id)).size).toBe(all.length);
    const prices = asc.map((i) => i.price?.unitPrice ?? 0);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const desc = await walk(pub(`/products?category=${category.id}&sort=price_desc`));
    expect(desc.map((i) => i.price?.unitPrice)).toEqual([...prices].reverse());
    expect(new Set(desc.map((i) => i.id)).size).toBe(all.length);
  });

  it('walks newest first', async () => {
    const items = await walk(pub(`/products?category=${category.id}&sort=newest`));
    expect(items.map((i) => i.id)).toEqual(all.map((p) => p.id).reverse());
  });

  it('includes a group’s hidden subtree only for that group', async () => {
    const dealer = await walk(org(`/products?category=${category.id}&sort=name`), c.dealerOwner);
    expect(dealer.map((i) => i.id)).toContain(hidden.id);
    expect(dealer).toHaveLength(all.length + 1);
  });
});

describe('filters', () => {
  const ids = async (query: string) =>
    (await walk(pub(`/products?category=${category.id}&${query}`))).map((i) => i.id).sort();
  const expected = (keep: (p: (typeof all)[number], i: number) => boolean) =>
    all
      .filter(keep)
      .map((p) => p.id)
      .sort();

  it('filters by brand, price range, stock, warehouse and properties', async () => {
    expect(await ids('brand=Альфа')).toEqual(expected((p) => p.brand === 'Альфа'));
    expect(await ids('priceMin=2000&priceMax=3000')).toEqual(
      expected((p) => p.price >= 2000 && p.price <= 3000),
    );
    expect(await ids('inStock=true')).toEqual(expected((_p, i) => i % 4 === 0));
    expect(await ids(`warehouse=${warehouse}`)).toEqual(expected((_p, i) => i % 4 === 0));
    expect(await ids(`prop.${colour.id}=${colour.options[1]}`)).toEqual(expected((_p, i) => i % 2 === 1));
    expect(await ids(`prop.${length}=5..8`)).toEqual(expected((_p, i) => i >= 5 && i <= 8));
    expect(await ids(`prop.${length}=20..`)).toEqual(expected((_p, i) => i >= 20));
    expect(await ids(`brand=Бета&prop.${colour.id}=${colour.options[0]}&inStock=true`)).toEqual(
      expected((p, i) => p.brand === 'Бета' && i % 2 === 0 && i % 4 === 0),
    );
  });

  it('counts facets for the current filter, leaving hidden products out', async () => {
    const guest = (await c.get(pub(`/products?category=${category.id}&facets=true&limit=1`))).json();
    const colours = guest.facets.properties.find((p: { propertyId: string }) => p.propertyId === colour.id);
    expect(colours.options).toEqual([
      { optionId: colour.options[0], value: 'Белый', count: 12 },
      { optionId: colour.options[1], value: 'Синий', count: 11 },
    ]);
    const lengths = guest.facets.properties.find((p: { propertyId: string }) => p.propertyId === length);
    expect(lengths).toMatchObject({ type: 'number', unit: 'м', min: 0, max: 22 });
    expect(guest.facets.price).toEqual({ min: 1000, max: 5000 });
    expect(guest.facets.brands).toEqual([
      { brand: 'Бета', count: 15 },
      { brand: 'Альфа', count: 8 },
    ]);
    const dealer = (
      await c.get(org(`/products?category=${category.id}&facets=true&limit=1`), c.dealerOwner)
    ).json();
    expect(dealer.facets.brands).toContainEqual({ brand: 'Секрет', count: 1 });
    const filtered = (await c.get(pub(`/products?category=${category.id}&facets=true&brand=Альфа`))).json();
    expect(filtered.facets.brands).toEqual([{ brand: 'Альфа', count: 8 }]);
  });

  it('answers 400 with field paths for bad parameters', async () => {
    const problems = async (query: string) => {
      const res = await c.get(pub(`/products?${query}`));
      expect(res.statusCode, query).toBe(400);
      return res.json().errors.map((e: { path: string }) => e.path);
    };
    expect(await problems('limit=500')).toEqual(['query.limit']);
    expect(await problems('sort=cheapest')).toEqual(['query.sort']);
    expect(await problems('category=abc')).toEqual(['query.category']);
    expect(await problems('priceMin=-5')).toEqual(['query.priceMin']);
    expect(await problems('colour=red')).toEqual(['colour']);
    expect(await problems(`prop.${colour.id}=red`)).toEqual([`prop.${colour.id}`]);
    expect(await problems(`prop.${length}=a..b`)).toEqual([`prop.${length}`]);
    expect(await problems('priceMin=500&priceMax=100')).toEqual(['priceMax']);
    expect(await problems('cursor=garbage')).toEqual(['cursor']);
    const first = (await c.get(pub(`/products?category=${category.id}&sort=name&limit=2`))).json();
    expect(await problems(`sort=price_asc&cursor=${first.nextCursor}`)).toEqual(['cursor']);
    expect((await c.get(pub('/products/not-a-uuid'))).statusCode).toBe(400);
    expect((await c.get(pub('/products/0190e2a4-0000-7000-8000-000000000000'))).statusCode).toBe(404);
  });
});

describe('categories and warehouses', () => {
  it('shows the tree the scope may see, with subtree counts', async () => {
    const guest = (await c.get(pub('/categories'))).json().items;
    const mine = guest.find((n: { id: string }) => n.id === category.id);
    expect(mine).toMatchObject({ depth: 0, productCount: all.length });
    expect(guest.map((n: { id: string }) => n.id)).not.toContain(hiddenCategory.id);
    const index = guest.findIndex((n: { id: string }) => n.id === category.id);
    expect(guest[index + 1]).toMatchObject({ parentId: category.id, depth: 1, productCount: 3 });
    const dealer = (await c.get(org('/categories'), c.dealerOwner)).json().items;
    expect(dealer.find((n: { id: string }) => n.id === category.id).productCount).toBe(all.length + 1);
    expect(dealer.map((n: { id: string }) => n.id)).toContain(hiddenCategory.id);
  });

  it('lists warehouses to signed-in people', async () => {
    const list = (await c.get('/api/v1/me/catalog/warehouses', c.customer)).json().items;
    expect(list).toContainEqual({ id: warehouse, name: 'Склад листинга', address: null, deliveryDays: 2 });
  });
});
