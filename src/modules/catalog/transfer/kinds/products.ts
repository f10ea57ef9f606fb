import { asc, inArray, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../../../server/core/db.js';
import { sanitizeDescription } from '../../admin/rich-text.js';
import { categories, products, productVariants } from '../../catalog.tables.js';
import type { ExportSource } from '../transfer.export.js';
import { matcher, nameKey } from '../transfer.lookup.js';
import type { MessageParams, RowMessageCode } from '../transfer.messages.js';
import {
  batches,
  type DataRow,
  type KindPlan,
  type KindPlanner,
  previewSize,
  type RowReport,
  requiredText,
} from '../transfer.plan.js';
import { type Cell, cellText, type NumberRule, parseNumber, quantityRule } from '../transfer.values.js';

/** The product fields an import sets. */
interface ProductFields {
  name: string;
  categoryId: string | null;
  brand: string | null;
  unit: string;
  packSize: number;
  minOrderQty: number;
  weight: number | null;
  volume: number | null;
  status: 'active' | 'archived';
  description: string;
}

/** One product to create (with its default variant) or update. */
export interface ProductItem extends ProductFields {
  row: number;
  create: boolean;
  id: string;
  sku: string;
}

const defaults: Omit<ProductFields, 'name'> = {
  categoryId: null,
  brand: null,
  unit: 'шт',
  packSize: 1,
  minOrderQty: 1,
  weight: null,
  volume: null,
  status: 'active',
  description: '',
};

/** Column key → field, to name the changed columns of an update. */
const fieldColumns: [keyof ProductFields, string][] = [
  ['name', 'name'],
  ['categoryId', 'category'],
  ['brand', 'brand'],
  ['unit', 'unit'],
  ['packSize', 'pack_size'],
  ['minOrderQty', 'min_order'],
  ['weight', 'weight'],
  ['volume', 'volume'],
  ['status', 'status'],
  ['description', 'description'],
];

/** The stored columns an import compares (never the search vector). */
const storedColumns = {
  id: products.id,
  sku: products.sku,
  name: products.name,
  categoryId: products.categoryId,
  brand: products.brand,
  unit: products.unit,
  packSize: products.packSize,
  minOrderQty: products.minOrderQty,
  weight: products.weight,
  volume: products.volume,
  status: products.status,
  description: products.description,
};
type StoredProduct = ProductFields & { id: string; sku: string };

const weightRule: NumberRule = { decimals: 4, min: 0, minInclusive: true, below: 1e8 };
const volumeRule: NumberRule = { decimals: 6, min: 0, minInclusive: true, below: 1e6 };
const statusWords: Record<string, 'active' | 'archived'> = {
  active: 'active',
  активен: 'active',
  активный: 'active',
  активно: 'active',
  archived: 'archived',
  архив: 'archived',
  'в архиве': 'archived',
  архивный: 'archived',
};

/**
 * Reads the fields of one row over `base` (the stored product, or the defaults of a new one): a column missing
 * from the file keeps the value; an empty cell clears category, brand, weight, volume and description and keeps
 * the others. Reports bad cells and returns null for a bad row.
 */
function readFields(
  row: DataRow,
  base: Omit<ProductFields, 'name'>,
  findCategory: (value: string) => { id: string } | { message: 'unknown' | 'ambiguous' },
  report: RowReport,
): ProductFields | null {
  const fields: ProductFields = { ...base, name: '' };
  const has = (key: string) => row.values.has(key);
  const cell = (key: string): Cell => row.values.get(key) ?? null;
  const bad = (key: string, code: RowMessageCode, params?: MessageParams) =>
    report.add(row.number, key, code, params);
  const before = report.count;

  const name = requiredText(row, 'name', 500, report);
  if (name) fields.name = name;
  if (has('category')) {
    const text = cellText(cell('category'));
    if (text === null) fields.categoryId = null;
    else {
      const found = findCategory(text);
      if ('id' in found) fields.categoryId = found.id;
      else
        bad('category', found.message === 'ambiguous' ? 'ambiguousCategory' : 'unknownCategory', {
          value: text,
        });
    }
  }
  if (has('brand')) {
    const text = cellText(cell('brand'));
    if (text !== null && text.length > 200) bad('brand', 'tooLong', { max: 200 });
    else fields.brand = text;
  }
  const unit = cellText(cell('unit'));
  if (unit !== null) {
    if (unit.length > 20) bad('unit', 'tooLong', { max: 20 });
    else fields.unit = unit;
  }
  for (const [key, field] of [
    ['pack_size', 'packSize'],
    ['min_order', 'minOrderQty'],
  ] as const) {
    if (cell(key) === null) continue;
    const value = parseNumber(cell(key), quantityRule(0, false));
    if (value.ok) fields[field] = value.value;
    else report.addParsed(row.number, key, value);
  }
  for (const [key, field, rule] of [
    ['weight', 'weight', weightRule],
    ['volume', 'volume', volumeRule],
  ] as const) {
    if (!has(key)) continue;
    if (cell(key) === null) {
      fields[field] = null;
      continue;
    }
    const value = parseNumber(cell(key), rule);
    if (value.ok) fields[field] = value.value;
    else report.addParsed(row.number, key, value);
  }
  const status = cellText(cell('status'));
  if (status !== null) {
    const word = statusWords[nameKey(status)];
    if (word) fields.status = word;
    else bad('status', 'badStatus', { value: status });
  }
  if (has('description')) {
    const text = cellText(cell('description')) ?? '';
    if (text.length > 100_000) bad('description', 'tooLong', { max: 100_000 });
    else fields.description = sanitizeDescription(text);
  }
  return report.count === before ? fields : null;
}

/** Validates product rows and plans creating new products (with their default variant) and updating others. */
export const planProducts: KindPlanner<ProductItem> = async (db, rows, _present, report, onProgress) => {
  const allCategories = await db
    .select({
      id: categories.id,
      slug: categories.slug,
      name: categories.name,
      externalId: categories.externalId,
    })
    .from(categories);
  const findCategory = matcher(
    allCategories,
    (c) => [c.externalId, c.slug],
    (c) => c.name,
  );

  const skuRows = new Map<string, DataRow>();
  for (const row of rows) {
    const sku = requiredText(row, 'sku', 100, report);
    if (!sku) continue;
    const earlier = skuRows.get(sku);
    if (earlier) report.add(row.number, 'sku', 'duplicateSku', { row: earlier.number });
    else skuRows.set(sku, row);
  }
  const stored = new Map<string, StoredProduct>();
  const variantOwners = new Map<string, string>();
  for (const batch of batches([...skuRows.keys()], 1000)) {
    for (const p of await db.select(storedColumns).from(products).where(inArray(products.sku, batch))) {
      stored.set(p.sku, p);
    }
    const others = batch.filter((sku) => !stored.has(sku));
    if (others.length === 0) continue;
    const clashes = await db
      .select({ sku: productVariants.sku, product: products.name })
      .from(productVariants)
      .innerJoin(products, sql`${products.id} = ${productVariants.productId}`)
      .where(inArray(productVariants.sku, others));
    for (const c of clashes) variantOwners.set(c.sku, c.product);
  }
  onProgress(0.5);

  const plan: KindPlan<ProductItem> = { items: [], unchanged: 0, preview: [] };
  for (const [sku, row] of skuRows) {
    const old = stored.get(sku);
    const owner = variantOwners.get(sku);
    if (!old && owner !== undefined) {
      report.add(row.number, 'sku', 'variantSku', { product: owner });
      continue;
    }
    const fields = readFields(
      row,
      old ? { ...defaults, ...pickFields(old) } : defaults,
      findCategory,
      report,
    );
    if (!fields || report.has(row.number)) continue;
    const changed = old
      ? fieldColumns.filter(([f]) => fields[f] !== pickFields(old)[f]).map(([, c]) => c)
      : [];
    if (old && changed.length === 0) {
      plan.unchanged += 1;
      continue;
    }
    const item: ProductItem = { row: row.number, create: !old, id: old?.id ?? uuidv7(), sku, ...fields };
    plan.items.push(item);
    if (plan.preview.length < previewSize) {
      plan.preview.push({
        row: item.row,
        sku,
        target: null,
        action: old ? 'update' : 'create',
        before: old?.name ?? null,
        after: fields.name,
        ...(old ? { fields: changed } : {}),
      });
    }
  }
  return plan;
};

function pickFields(p: StoredProduct): ProductFields {
  return {
    name: p.name,
    categoryId: p.categoryId,
    brand: p.brand,
    unit: p.unit,
    packSize: p.packSize,
    minOrderQty: p.minOrderQty,
    weight: p.weight,
    volume: p.volume,
    status: p.status,
    description: p.description,
  };
}

/** Writes planned products (multi-row upserts by SKU) and gives new ones their default variant. */
export async function applyProducts(
  tx: Db,
  items: ProductItem[],
  onProgress: (fraction: number) => Promise<void>,
) {
  let done = 0;
  for (const batch of batches(items, 500)) {
    const written = (await tx.execute(sql`
      insert into ${products} (id, sku, name, description, category_id, brand, unit, pack_size, min_order_qty,
        weight, volume, status, updated_at)
      values ${sql.join(
        batch.map(
          (i) =>
            sql`(${i.id}, ${i.sku}, ${i.name}, ${i.description}, ${i.categoryId}, ${i.brand}, ${i.unit}, ${i.packSize}, ${i.minOrderQty}, ${i.weight}, ${i.volume}, ${i.status}, now())`,
        ),
        sql`, `,
      )}
      on conflict (sku) do update set name = excluded.name, description = excluded.description,
        category_id = excluded.category_id, brand = excluded.brand, unit = excluded.unit,
        pack_size = excluded.pack_size, min_order_qty = excluded.min_order_qty, weight = excluded.weight,
        volume = excluded.volume, status = excluded.status, updated_at = now()
      returning id, sku`)) as unknown as { rows: { id: string; sku: string }[] };
    const idOf = new Map(written.rows.map((r) => [r.sku, r.id]));
    const created = batch.filter((i) => i.create && idOf.has(i.sku));
    if (created.length > 0) {
      await tx.execute(sql`
        insert into ${productVariants} (id, product_id, sku, is_default, updated_at)
        values ${sql.join(
          created.map((i) => sql`(${uuidv7()}, ${idOf.get(i.sku)}, ${i.sku}, true, now())`),
          sql`, `,
        )}
        on conflict do nothing`);
    }
    done += batch.length;
    await onProgress(done / items.length);
  }
}

/**
 * Every product as export rows. The category is written by name when no other category has it, otherwise by its
 * slug, so the file imports back unambiguously.
 */
export const productsSource: ExportSource = {
  count: async (db) => (await db.select({ n: sql<number>`count(*)::int` }).from(products))[0]?.n ?? 0,
  async *rows(db) {
    const all = await db
      .select({ id: categories.id, slug: categories.slug, name: categories.name })
      .from(categories);
    const names = new Map<string, number>();
    for (const c of all) names.set(nameKey(c.name), (names.get(nameKey(c.name)) ?? 0) + 1);
    const label = new Map(all.map((c) => [c.id, names.get(nameKey(c.name)) === 1 ? c.name : c.slug]));
    let after: string | null = null;
    for (;;) {
      const page = await db
        .select(storedColumns)
        .from(products)
        .where(after === null ? undefined : sql`${products.sku} > ${after}`)
        .orderBy(asc(products.sku))
        .limit(1000);
      for (const p of page) {
        yield [
          p.sku,
          p.name,
          p.categoryId ? (label.get(p.categoryId) ?? null) : null,
          p.brand,
          p.unit,
          p.packSize,
          p.minOrderQty,
          p.weight,
          p.volume,
          p.status,
          p.description === '' ? null : p.description,
        ];
      }
      const last = page.at(-1);
      if (!last || page.length < 1000) return;
      after = last.sku;
    }
  },
};
