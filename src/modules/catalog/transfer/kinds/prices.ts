import { asc, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../../server/core/db.js';
import { priceLists, prices, productVariants } from '../../catalog.tables.js';
import type { ExportSource } from '../transfer.export.js';
import { matcher, variantsBySku } from '../transfer.lookup.js';
import {
  batches,
  type DataRow,
  type KindPlan,
  type KindPlanner,
  previewSize,
  requiredText,
} from '../transfer.plan.js';
import { cellText, parseMoney, parseNumber, quantityRule } from '../transfer.values.js';

/** One price row to write: a variant's price in a list from a quantity. */
export interface PriceItem {
  row: number;
  create: boolean;
  variantId: string;
  priceListId: string;
  minQty: number;
  amount: number;
}

interface Parsed {
  row: DataRow;
  sku: string;
  listId: string;
  listCode: string;
  minQty: number;
  amount: number;
}

const keyOf = (variantId: string, listId: string, minQty: number) => `${variantId}|${listId}|${minQty}`;

/** Validates price rows (SKU, price list code, quantity break, price) and plans the upserts. */
export const planPrices: KindPlanner<PriceItem> = async (db, rows, _present, report, onProgress) => {
  const lists = await db
    .select({
      id: priceLists.id,
      code: priceLists.code,
      externalId: priceLists.externalId,
      name: priceLists.name,
      isDefault: priceLists.isDefault,
    })
    .from(priceLists);
  const findList = matcher(
    lists,
    (l) => [l.code, l.externalId],
    (l) => l.code,
  );
  const codeOf = new Map(lists.map((l) => [l.id, l.code]));
  const defaultList = lists.find((l) => l.isDefault);

  const parsed: Parsed[] = [];
  for (const row of rows) {
    const sku = requiredText(row, 'sku', 100, report);
    const listText = cellText(row.values.get('price_list') ?? null);
    let listId: string | null = null;
    if (listText === null) {
      if (defaultList) listId = defaultList.id;
      else report.add(row.number, 'price_list', 'noDefaultList');
    } else {
      const found = findList(listText);
      if ('id' in found) listId = found.id;
      else report.add(row.number, 'price_list', 'unknownList', { value: listText });
    }
    const minCell = row.values.get('min_qty') ?? null;
    const minQty =
      minCell === null ? { ok: true as const, value: 1 } : parseNumber(minCell, quantityRule(0, false));
    if (!minQty.ok) report.addParsed(row.number, 'min_qty', minQty);
    const amount = parseMoney(row.values.get('price') ?? null);
    if (!amount.ok) report.addParsed(row.number, 'price', amount);
    if (sku && listId && minQty.ok && amount.ok) {
      parsed.push({
        row,
        sku,
        listId,
        listCode: codeOf.get(listId) ?? '',
        minQty: minQty.value,
        amount: amount.value,
      });
    }
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
      .select({
        variantId: prices.variantId,
        listId: prices.priceListId,
        minQty: prices.minQty,
        amount: prices.amount,
      })
      .from(prices)
      .where(inArray(prices.variantId, batch));
    for (const p of found) existing.set(keyOf(p.variantId, p.listId, p.minQty), p.amount);
  }
  onProgress(0.8);

  const plan: KindPlan<PriceItem> = { items: [], unchanged: 0, preview: [] };
  const seen = new Map<string, number>();
  for (const p of parsed) {
    const variant = variants.get(p.sku);
    if (!variant) {
      report.add(p.row.number, 'sku', 'unknownSku', { value: p.sku });
      continue;
    }
    const key = keyOf(variant.variantId, p.listId, p.minQty);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      report.add(p.row.number, 'sku', 'duplicatePrice', { row: earlier });
      continue;
    }
    seen.set(key, p.row.number);
    const before = existing.get(key);
    if (before === p.amount) {
      plan.unchanged += 1;
      continue;
    }
    const item = {
      row: p.row.number,
      create: before === undefined,
      variantId: variant.variantId,
      priceListId: p.listId,
      minQty: p.minQty,
      amount: p.amount,
    };
    plan.items.push(item);
    if (plan.preview.length < previewSize) {
      plan.preview.push({
        row: item.row,
        sku: p.sku,
        target: p.listCode,
        minQty: p.minQty,
        action: item.create ? 'create' : 'update',
        before: before ?? null,
        after: p.amount,
      });
    }
  }
  // Rows that turned out bad here (unknown SKU, duplicates) were not planned; the report has them.
  return plan;
};

/** Writes planned prices: multi-row upserts in batches, inside the caller's transaction. */
export async function applyPrices(
  tx: Db,
  items: PriceItem[],
  onProgress: (fraction: number) => Promise<void>,
) {
  let done = 0;
  for (const batch of batches(items, 1000)) {
    await tx.execute(sql`
      insert into ${prices} (price_list_id, variant_id, min_qty, amount, updated_at)
      values ${sql.join(
        batch.map((i) => sql`(${i.priceListId}, ${i.variantId}, ${i.minQty}, ${i.amount}, now())`),
        sql`, `,
      )}
      on conflict (price_list_id, variant_id, min_qty)
      do update set amount = excluded.amount, updated_at = now()`);
    done += batch.length;
    await onProgress(done / items.length);
  }
}

/** Every price as export rows (variant SKU, list code, quantity break, price), read in keyset pages. */
export const pricesSource: ExportSource = {
  count: async (db) => (await db.select({ n: sql<number>`count(*)::int` }).from(prices))[0]?.n ?? 0,
  async *rows(db) {
    let after: { listCode: string; sku: string; minQty: number } | null = null;
    for (;;) {
      const page = await db
        .select({
          sku: productVariants.sku,
          listCode: priceLists.code,
          minQty: prices.minQty,
          amount: prices.amount,
        })
        .from(prices)
        .innerJoin(productVariants, sql`${productVariants.id} = ${prices.variantId}`)
        .innerJoin(priceLists, sql`${priceLists.id} = ${prices.priceListId}`)
        .where(
          after
            ? sql`(${priceLists.code}, ${productVariants.sku}, ${prices.minQty}) > (${after.listCode}, ${after.sku}, ${after.minQty})`
            : undefined,
        )
        .orderBy(asc(priceLists.code), asc(productVariants.sku), asc(prices.minQty))
        .limit(2000);
      for (const p of page) yield [p.sku, p.listCode, p.minQty, { kopecks: p.amount }];
      const last = page.at(-1);
      if (!last || page.length < 2000) return;
      after = last;
    }
  },
};
