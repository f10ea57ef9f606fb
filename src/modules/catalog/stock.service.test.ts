import { and, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../server/core/db.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { stock, warehouses } from './catalog.tables.js';
import { pricingFactory } from './pricing/pricing.testkit.js';
import { releaseStock, reserveStock, shipStock } from './stock.service.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

async function warehouse(name: string, position: number) {
  const id = uuidv7();
  await t.db.insert(warehouses).values({ id, name, position });
  return id;
}

async function levels(variantId: string) {
  const rows = await t.db.select().from(stock).where(eq(stock.variantId, variantId));
  return Object.fromEntries(rows.map((r) => [r.warehouseId, { onHand: r.onHand, reserved: r.reserved }]));
}

describe('stock reservations', () => {
  it('takes from the preferred warehouse, splits across others, and reports shortages without changes', async () => {
    const f = pricingFactory(t.db);
    const cat = await f.category();
    const p = await f.product(cat.id);
    const main = await warehouse('Основной', 0);
    const store = await warehouse('Магазин', 1);
    await t.db.insert(stock).values([
      { variantId: p.variantId, warehouseId: main, onHand: 5 },
      { variantId: p.variantId, warehouseId: store, onHand: 2.5 },
    ]);

    const tooMuch = await t.db.transaction((tx) =>
      reserveStock(tx, [{ key: 'a', variantId: p.variantId, quantity: 8 }]),
    );
    expect(tooMuch).toEqual({
      ok: false,
      shortages: [{ variantId: p.variantId, requested: 8, available: 7.5 }],
    });
    expect((await levels(p.variantId))[main]?.reserved).toBe(0);

    const res = await t.db.transaction((tx) =>
      reserveStock(tx, [{ key: 'a', variantId: p.variantId, quantity: 3.5 }], {
        preferredWarehouseId: store,
      }),
    );
    expect(res.ok && res.allocations).toEqual([
      { key: 'a', variantId: p.variantId, warehouseId: store, quantity: 2.5 },
      { key: 'a', variantId: p.variantId, warehouseId: main, quantity: 1 },
    ]);
    expect(await levels(p.variantId)).toEqual({
      [main]: { onHand: 5, reserved: 1 },
      [store]: { onHand: 2.5, reserved: 2.5 },
    });

    if (!res.ok) throw new Error('reserved');
    await t.db.transaction((tx) => shipStock(tx, res.allocations.slice(1)));
    await t.db.transaction((tx) => releaseStock(tx, res.allocations.slice(0, 1)));
    expect(await levels(p.variantId)).toEqual({
      [main]: { onHand: 4, reserved: 0 },
      [store]: { onHand: 2.5, reserved: 0 },
    });
  });

  it('never sells the last units twice under concurrency', async () => {
    const f = pricingFactory(t.db);
    const cat = await f.category();
    const p = await f.product(cat.id);
    const wh = await warehouse('Последние', 5);
    await t.db.insert(stock).values({ variantId: p.variantId, warehouseId: wh, onHand: 10 });
    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        t.db.transaction((tx) => reserveStock(tx, [{ key: 'x', variantId: p.variantId, quantity: 1 }])),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    const [row] = await t.db
      .select({ available: stock.available })
      .from(stock)
      .where(and(eq(stock.variantId, p.variantId), eq(stock.warehouseId, wh)));
    expect(row?.available).toBe(0);
    const negative = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from stock where available < 0`,
    );
    expect(negative).toEqual([{ n: 0 }]);
  });
});
