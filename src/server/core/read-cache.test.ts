import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pricingFactory } from '../../modules/catalog/pricing/pricing.testkit.js';
import { openTestDatabase } from '../../test/database.js';
import type { Database } from './db.js';
import { ReadCache } from './read-cache.js';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database?.close());

/** A loader that counts its calls and answers with the call number. */
function counter() {
  let calls = 0;
  return {
    load: async () => ++calls,
    get calls() {
      return calls;
    },
  };
}

const addWarehouse = (name: string) =>
  database.db.execute(sql`insert into warehouses (id, name) values (gen_random_uuid(), ${name})`);

describe('read cache', () => {
  it('answers from memory until a write to a table of its bucket, whoever writes it', async () => {
    const cache = new ReadCache(database.db, { maxBytes: 1024 * 1024 });
    const c = counter();
    expect(await cache.remember('catalog', 'k', c.load)).toBe(1);
    expect(await cache.remember('catalog', 'k', c.load)).toBe(1);
    // A plain SQL write (as another process or psql would make) bumps the catalog version.
    await addWarehouse('RC-1');
    expect(await cache.remember('catalog', 'k', c.load)).toBe(2);
    expect(await cache.remember('catalog', 'k', c.load)).toBe(2);
    expect(c.calls).toBe(2);
  });

  it('serves catalog answers for a few seconds after a reservation, but not after an on-hand change', async () => {
    let now = 1_000_000;
    const realNow = Date.now;
    Date.now = () => now;
    try {
      const cache = new ReadCache(database.db, { maxBytes: 1024 * 1024, stockLagMs: 5_000 });
      const c = counter();
      const wh = (
        (await database.db.execute(
          sql`insert into warehouses (id, name) values (gen_random_uuid(), 'RC-stock') returning id`,
        )) as unknown as { rows: Array<{ id: string }> }
      ).rows[0]?.id as string;
      const f = pricingFactory(database.db);
      const { variantId: variant } = await f.product((await f.category()).id);
      await database.db.execute(
        sql`insert into stock (variant_id, warehouse_id, on_hand) values (${variant}::uuid, ${wh}::uuid, 10)`,
      );
      expect(await cache.remember('catalog', 'page', c.load)).toBe(1);
      const reserve = () =>
        database.db.execute(
          sql`update stock set reserved = reserved + 1 where variant_id = ${variant}::uuid and warehouse_id = ${wh}::uuid`,
        );
      await reserve();
      now += 4_000;
      expect(await cache.remember('catalog', 'page', c.load)).toBe(1);
      now += 2_000;
      expect(await cache.remember('catalog', 'page', c.load)).toBe(2);
      await database.db.execute(
        sql`update stock set on_hand = on_hand + 1 where variant_id = ${variant}::uuid and warehouse_id = ${wh}::uuid`,
      );
      expect(await cache.remember('catalog', 'page', c.load)).toBe(3);
      // Identity answers do not show stock at all.
      await cache.remember('identity', 'who', c.load);
      await reserve();
      now += 10_000;
      expect(await cache.remember('identity', 'who', c.load)).toBe(4);
    } finally {
      Date.now = realNow;
    }
  });

  it('keeps buckets apart: a catalog write leaves identity answers cached, a membership write does not', async () => {
    const cache = new ReadCache(database.db, { maxBytes: 1024 * 1024 });
    const c = counter();
    await cache.remember('identity', 'who', c.load);
    await addWarehouse('RC-2');
    expect(await cache.remember('identity', 'who', c.load)).toBe(1);
    await database.db.execute(
      sql`insert into settings (key, value) values ('readCacheTest', '1') on conflict (key) do update set value = '2'`,
    );
    expect(await cache.remember('identity', 'who', c.load)).toBe(2);
  });

  it('counts a transaction once however many rows it writes, and not at all when it rolls back', async () => {
    const version = async () =>
      (
        (await database.db.execute(
          sql`select version::int as v from cache_versions where name = 'catalog'`,
        )) as unknown as {
          rows: Array<{ v: number }>;
        }
      ).rows[0]?.v;
    const before = await version();
    await database.db.transaction(async (tx) => {
      for (const code of ['RC-3', 'RC-4', 'RC-5']) {
        await tx.execute(sql`insert into warehouses (id, name) values (gen_random_uuid(), ${code})`);
      }
    });
    expect(await version()).toBe((before ?? 0) + 1);
    await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into warehouses (id, name) values (gen_random_uuid(), 'RC-6')`);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await version()).toBe((before ?? 0) + 1);
  });

  it('shares one version query among lookups that arrive together', async () => {
    const cache = new ReadCache(database.db, { maxBytes: 1024 * 1024 });
    const c = counter();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => cache.remember('catalog', 'same', c.load)),
    );
    // The first lookup loads; those that arrived while it waited for the versions all wait for the same next
    // versions query and load once more at most.
    expect(new Set(answers).size).toBeLessThanOrEqual(2);
    expect(c.calls).toBeLessThanOrEqual(2);
  });

  it('reads the versions once per request: a write during a request is seen by the next one', async () => {
    const cache = new ReadCache(database.db, { maxBytes: 1024 * 1024 });
    const c = counter();
    const request = {};
    expect(await cache.remember('catalog', 'r', c.load, request)).toBe(1);
    await addWarehouse('RC-7');
    expect(await cache.remember('catalog', 'r', c.load, request)).toBe(1);
    expect(await cache.remember('catalog', 'r', c.load, {})).toBe(2);
  });

  it("keeps an owner's order answers while other owners' orders change, and drops them on any change of its own", async () => {
    const cache = new ReadCache(database.db, { maxBytes: 1024 * 1024 });
    const [a, b] = [randomUUID(), randomUUID()];
    const addOrder = async (companyId: string) => {
      const id = randomUUID();
      await database.db.execute(
        sql`insert into orders (id, number, company_id, person_id, placed_by_name, payment_method, items_total, total,
              line_count, delivery, idempotency_key)
            values (${id}, ${`RC-${id}`}, ${companyId}, 'rc-person', 'RC', 'invoice', 100, 100, 1, '{}', ${id})`,
      );
      return id;
    };
    const orderOfA = await addOrder(a);
    const c = counter();
    const page = () => cache.rememberOwned(a, 'history', c.load, {});
    expect(await page()).toBe(1);
    // Another company's new order moves the global version; A's own version says its answers still hold.
    await addOrder(b);
    expect(await page()).toBe(1);
    expect(await page()).toBe(1);
    // A row that leads to A's order through another table (a tracking event through its shipment) counts.
    const shipment = randomUUID();
    await database.db.execute(
      sql`insert into shipments (id, order_id, number) values (${shipment}, ${orderOfA}, ${`RC-${shipment}`})`,
    );
    expect(await page()).toBe(2);
    await database.db.execute(
      sql`insert into shipment_events (id, shipment_id, at, status, source) values (${randomUUID()}, ${shipment}, now(), 'shipped', 'manager')`,
    );
    expect(await page()).toBe(3);
    // Its other owners' entries are another key: B's history is loaded on its own.
    expect(await cache.rememberOwned(b, 'history', c.load, {})).toBe(4);
    expect(await page()).toBe(3);
    await database.db.execute(sql`update orders set comment = 'changed' where id = ${orderOfA}`);
    expect(await page()).toBe(5);
  });

  it('with no memory given, always loads', async () => {
    const cache = new ReadCache(database.db, { maxBytes: 0 });
    const c = counter();
    await cache.remember('catalog', 'k', c.load);
    await cache.remember('catalog', 'k', c.load);
    expect(cache.enabled).toBe(false);
    expect(c.calls).toBe(2);
  });
});
