import { asc, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../../server/core/db.js';
import { productVariants, stock, warehouses } from '../../catalog.tables.js';
import type { ExportSource } from '../transfer.export.js';
import { matcher, nameKey, variantsBySku } from '../transfer.lookup.js';
import {
  batches,
  type DataRow,
  type KindPlan,
  type KindPlanner,
  previewSize,
  requiredText,
} from '../transfer.plan.js';
import { parseNumber, quantityRule } from '../transfer.values.js';

/** One stock row to write: the quantity on hand of a variant at a warehouse. */
export interface StockItem {
  row: number;
  create: boolean;
  variantId: string;
  warehouseId: string;
  onHand: number;
}

interface Parsed {
  row: DataRow;
  sku: string;
  warehouseId: string;
  onHand: number;
}

const keyOf = (variantId: string, warehouseId: string) => `${variantId}|${warehouseId}`;

/** Validates stock rows (SKU, warehouse by name or 1C id, quantity on hand ≥ 0) and plans the upserts. */
export const planStock: KindPlanner<StockItem> = async (db, rows, _present, report, onProgress) => {
  const all = await db
    .select({ id: warehouses.id, name: warehouses.name, externalId: warehouses.externalId })
    .from(warehouses);
  const findWarehouse = matcher(
    all,
    (w) => [w.externalId, w.id],
    (w) => w.name,
  );
  const nameOf = new Map(all.map((w) => [w.id, w.name]));

  const parsed: Parsed[] = [];
  for (const row of rows) {
    const sku = requiredText(row, 'sku', 100, report);
    const warehouseText = requiredText(row, 'warehouse', 200, report);
    let warehouseId: string | null = null;
    if (warehouseText !== null) {
      const found = findWarehouse(warehouseText);
      if ('id' in found) warehouseId = found.id;
      else {
        const code = found.message === 'ambiguous' ? 'ambiguousWarehouse' : 'unknownWarehouse';
        report.add(row.number, 'warehouse', code, { value: warehouseText });
      }
    }
    const onHand = parseNumber(row.values.get('on_hand') ?? null, quantityRule(0, true));
    if (!onHand.ok) report.addParsed(row.number, 'on_hand', onHand);
    if (sku && warehouseId && onHand.ok) parsed.push({ row, sku, warehouseId, onHand: onHand.value });
  }
  onProgress(0.3);

  const variants = await variantsBySku(
    db,
    parsed.map((p) => p.sku),
  );
  const existing = new Map<string, number>();
  const variantIds = [...new Set([...variants.values()].map((v) => v.variantId))];
  for (const batch of batches(variantIds, 1000)) {
    const found = await db
      .select({ variantId: stock.variantId, warehouseId: stock.warehouseId, onHand: stock.onHand })
      .from(stock)
      .where(inArray(stock.variantId, batch));
    for (const s of found) existing.set(keyOf(s.variantId, s.warehouseId), s.onHand);
  }
  onProgress(0.8);

  const plan: KindPlan<StockItem> = { items: [], unchanged: 0, preview: [] };
  const seen = new Map<string, number>();
  for (const p of parsed) {
    const variant = variants.get(p.sku);
    if (!variant) {
      report.add(p.row.number, 'sku', 'unknownSku', { value: p.sku });
      continue;
    }
    const key = keyOf(variant.variantId, p.warehouseId);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      report.add(p.row.number, 'sku', 'duplicateStock', { row: earlier });
      continue;
    }
    seen.set(key, p.row.number);
    const before = existing.get(key);
    if (before === p.onHand) {
      plan.unchanged += 1;
      continue;
    }
    const item: StockItem = {
      row: p.row.number,
      create: before === undefined,
      variantId: variant.variantId,
      warehouseId: p.warehouseId,
      onHand: p.onHand,
    };
    plan.items.push(item);
    if (plan.preview.length < previewSize) {
      plan.preview.push({
        row: item.row,
        sku: p.sku,
        target: nameOf.get(p.warehouseId) ?? null,
        action: item.create ? 'create' : 'update',
        before: before ?? null,
        after: p.onHand,
      });
    }
  }
  return plan;
};

/** Writes planned stock: multi-row upserts in batches inside the caller's transaction (reserves stay). */
export async function applyStock(
  tx: Db,
  items: StockItem[],
  onProgress: (fraction: number) => Promise<void>,
) {
  let done = 0;
  for (const batch of batches(items, 1000)) {
    await tx.execute(sql`
      insert into ${stock} (variant_id, warehouse_id, on_hand, updated_at)
      values ${sql.join(
        batch.map((i) => sql`(${i.variantId}, ${i.warehouseId}, ${i.onHand}, now())`),
        sql`, `,
      )}
      on conflict (variant_id, warehouse_id)
      do update set on_hand = excluded.on_hand, updated_at = now()`);
    done += batch.length;
    await onProgress(done / items.length);
  }
}

/**
 * Every stock row as export rows (variant SKU, warehouse, on hand). A warehouse is written by name when no other
 * has the same name, otherwise by its 1C id (or id), so the file imports back unambiguously.
 */
export const stockSource: ExportSource = {
  count: async (db) => (await db.select({ n: sql<number>`count(*)::int` }).from(stock))[0]?.n ?? 0,
  async *rows(db) {
    const all = await db
      .select({ id: warehouses.id, name: warehouses.name, externalId: warehouses.externalId })
      .from(warehouses);
    const names = new Map<string, number>();
    for (const w of all) names.set(nameKey(w.name), (names.get(nameKey(w.name)) ?? 0) + 1);
    const label = new Map(
      all.map((w) => [w.id, names.get(nameKey(w.name)) === 1 ? w.name : (w.externalId ?? w.id)]),
    );
    let after: { sku: string; warehouseId: string } | null = null;
    for (;;) {
      const page = await db
        .select({ sku: productVariants.sku, warehouseId: stock.warehouseId, onHand: stock.onHand })
        .from(stock)
        .innerJoin(productVariants, sql`${productVariants.id} = ${stock.variantId}`)
        .where(
          after
            ? sql`(${productVariants.sku}, ${stock.warehouseId}) > (${after.sku}, ${after.warehouseId})`
            : undefined,
        )
        .orderBy(asc(productVariants.sku), asc(stock.warehouseId))
        .limit(2000);
      for (const s of page) yield [s.sku, label.get(s.warehouseId) ?? s.warehouseId, s.onHand];
      const last = page.at(-1);
      if (!last || page.length < 2000) return;
      after = last;
    }
  },
};
