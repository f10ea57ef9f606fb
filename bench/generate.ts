// Generates the benchmark data set in a data directory (or DATABASE_URL): the demo business plus a large catalog
// (by default 10 000 products; the issue's figures are for 100 000 — `BENCH_PRODUCTS=100000`): categories in a
// tree, properties, variants, stock in 5 warehouses, 20 price lists with quantity breaks, 2 000 companies with
// contract prices and discounts, customer groups with group lists and a hidden assortment. All rows are made by
// `generate_series` in the database (bench/generate-sql.ts).
//   node --import tsx bench/generate.ts <data dir> [products] [info.json]
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { products } from '../src/db/schema.js';
import { seedDemo } from '../src/db/seed/demo.js';
import { createAddress } from '../src/modules/addresses/addresses.service.js';
import { ensureDefaultPriceList } from '../src/modules/catalog/catalog.service.js';
import { ensureMember } from '../src/modules/companies/companies.service.js';
import { hashPassword, setPasswordHash } from '../src/modules/identity/passwords.js';
import { ensurePerson } from '../src/modules/people/people.service.js';
import { type Db, openDatabase, queryRows } from '../src/server/core/db.js';
import { orderStatements } from './generate-orders-sql.js';
import { benchShape, benchStatements } from './generate-sql.js';

/** The person the scenarios sign in as: a buyer of bench company 1 (group, contract list and a discount). */
export const benchBuyer = { email: 'bench.buyer@bench.kabinet.local', password: 'bench-buyer-password-1' };

/** The id bench/generate-sql.ts gives a row (md5 with the version and variant digits set), for the scenarios. */
export function md5Uuid(text: string): string {
  const h = createHash('md5').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20)}`;
}

/** Tables the generator fills in bulk; their secondary indexes are rebuilt after the load. */
const bulkTables = ['products', 'product_variants', 'product_property_values', 'stock', 'prices'];

const [dataDir, productArg = '10000', infoPath] = process.argv.slice(2);
/** Orders in the history (issue 5's figures are for 1 000 000: `BENCH_ORDERS=1000000`). */
const orderCount = Number(process.env.BENCH_ORDERS ?? 20_000);
const url = process.env.DATABASE_URL;
if (!dataDir && !url) throw new Error('usage: generate.ts <data dir> [products] [info.json]');

const began = Date.now();
const database = await openDatabase(
  url ? { kind: 'postgres', url } : { kind: 'pglite', dataDir: dataDir as string },
);
try {
  await database.migrate();
  const { db } = database;
  await seedDemo(db, { publicUrl: 'http://localhost', password: 'bench-demo-password' });
  const shape = benchShape(Number(productArg));
  const retail = await ensureDefaultPriceList(db);
  const steps: Record<string, number> = {};
  const timed = async (label: string, run: () => Promise<unknown>) => {
    const t = Date.now();
    await run();
    const kind = label.replace(/ \d+–\d+$/, '');
    steps[kind] = (steps[kind] ?? 0) + (Date.now() - t);
    process.stdout.write(`bench: ${label}: ${Date.now() - t} ms\n`);
  };
  await bulkLoad(db, bulkTables, benchStatements(shape, retail), timed);
  const companyId = md5Uuid('bco1');
  const buyerId = await ensurePerson(db, {
    name: 'Бенч Покупатель',
    email: benchBuyer.email,
    emailVerified: true,
  });
  await setPasswordHash(db, buyerId, await hashPassword(benchBuyer.password));
  await ensureMember(db, companyId, buyerId, 'buyer');
  // Where the placement scenario's orders go: the demo courier, to a delivery address of the bench company.
  const benchAddress = await createAddress(
    db,
    { kind: 'company', companyId },
    {
      label: 'Склад бенча',
      recipientName: 'Бенч Покупатель',
      phone: '+79160000000',
      postalCode: '101000',
      region: 'Москва',
      city: 'Москва',
      line: 'ул. Бенчевая, 1',
      flat: null,
      comment: null,
    },
  );
  const [courier] = await queryRows<{ id: string }>(
    db,
    sql`select id from delivery_methods where kind = 'courier' and is_active order by position limit 1`,
  );
  if (orderCount > 0) {
    const orders = orderStatements({
      orders: orderCount,
      products: shape.products,
      companies: shape.companies,
      companyId,
      buyerId,
    });
    await bulkLoad(db, ['orders', 'order_lines', 'order_events'], orders, timed);
  }
  const t = Date.now();
  await db.execute(sql.raw(database.kind === 'postgres' ? 'vacuum analyze' : 'analyze'));
  steps.analyze = Date.now() - t;

  // Products the bench company sees: active, not in the second group's hidden 1%.
  const productIds: string[] = [];
  // Spread over the catalog: every 97th product.
  for (let n = 1; productIds.length < 1000 && n <= shape.products; n += 97) {
    if (n % 100 !== 7 && n % 100 !== 99) productIds.push(md5Uuid(`bp${n}`));
  }
  // Other products and leaf categories for the "first view" scenarios, which the read cache has not seen.
  const coldProductIds: string[] = [];
  for (let n = 3; coldProductIds.length < 5000 && n <= shape.products; n += 13) {
    if (n % 100 !== 7 && n % 100 !== 99 && n % 97 !== 1) coldProductIds.push(md5Uuid(`bp${n}`));
  }
  const leafCategoryIds: string[] = [];
  for (let c = shape.topCategories + 1; c <= shape.categories; c++) {
    if (c % 100 !== 0) leafCategoryIds.push(md5Uuid(`bc${c}`));
  }
  const seconds = Math.round((Date.now() - began) / 100) / 10;
  const info = {
    products: shape.products,
    shape,
    seconds,
    steps,
    companyId,
    topCategory: { id: md5Uuid('bc1'), slug: 'bench-1' },
    leafCategory: { id: md5Uuid(`bc${shape.topCategories + 1}`), slug: `bench-${shape.topCategories + 1}` },
    productIds,
    coldProductIds,
    orders: orderCount,
    deliveryMethodId: courier?.id ?? null,
    deliveryAddressId: benchAddress.id,
    // The bench company's orders are every 5th; its newest ones first.
    companyOrderIds: Array.from({ length: Math.min(1000, Math.floor(orderCount / 5)) }, (_, i) =>
      md5Uuid(`bo${(Math.floor(orderCount / 5) - i) * 5}`),
    ),
    // In stock at every warehouse and visible to the bench company: what the placement scenario orders.
    orderableVariantIds: Array.from({ length: shape.products }, (_, i) => i + 1)
      // …sold by the piece (every 30th comes in packs of 10, every 25th has a minimum of 10 m), and not among the
      // products only another customer group sees (every 100th from the 7th).
      .filter(
        (n) =>
          n % 17 !== 0 &&
          n % 13 !== 0 &&
          n % 7 !== 0 &&
          n % 100 !== 99 &&
          n % 100 !== 7 &&
          n % 30 !== 0 &&
          n % 25 !== 0,
      )
      .slice(0, 2000)
      .map((n) => md5Uuid(`bv${n}-1`)),
    leafCategoryIds,
    buyer: benchBuyer,
  };
  if (infoPath) writeFileSync(infoPath, `${JSON.stringify(info, null, 2)}\n`);
  const total = await db.$count(products);
  process.stdout.write(`bench: generated ${total} products in ${seconds} s\n`);
} finally {
  await database.close();
}

type Timed = (label: string, run: () => Promise<unknown>) => Promise<void>;

/**
 * Runs generated statements in one transaction as a bulk load: skips the per-row foreign-key and cache-version
 * triggers (the generator's ids are consistent by construction; needs a superuser, which PGlite's user and the
 * bench's PostgreSQL user are) and builds the tables' secondary indexes once at the end instead of row by row.
 */
async function bulkLoad(db: Db, tables: string[], statements: Array<[string, string]>, timed: Timed) {
  await db.transaction(async (tx) => {
    const [su] = await queryRows<{ super: boolean }>(
      tx,
      sql`select rolsuper as super from pg_roles where rolname = current_user`,
    );
    if (su?.super) await tx.execute(sql`set local session_replication_role = replica`);
    const indexes = await queryRows<{ name: string; def: string }>(
      tx,
      sql`select i.indexname as name, i.indexdef as def from pg_indexes i
          where i.schemaname = current_schema() and i.tablename in (${sql.join(
            tables.map((t) => sql`${t}`),
            sql`, `,
          )})
            and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    );
    await timed(`drop secondary indexes of ${tables[0]}…`, async () => {
      for (const index of indexes) await tx.execute(sql.raw(`drop index "${index.name}"`));
    });
    for (const [label, statement] of statements) {
      await timed(label, () => tx.execute(sql.raw(statement)));
    }
    await timed(`rebuild indexes of ${tables[0]}…`, async () => {
      for (const index of indexes) await tx.execute(sql.raw(index.def));
    });
  });
}
