import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../server/core/db.js';
import { preparedRows } from '../../server/core/prepared.js';
import { productVisible, uuidArray } from '../catalog/browse/visibility.js';

/** What placing an order needs to know about a variant: names for the snapshot and the ordering rules. */
export interface OrderableVariant {
  variantId: string;
  productId: string;
  sku: string;
  name: string;
  brand: string | null;
  unit: string;
  packSize: number;
  minOrderQty: number;
  vatRate: number | null;
  /** The product's category and its ancestors (for approval rules by category). */
  categoryPath: string[];
  /** For the delivery quote; a product without them weighs nothing there. */
  weightKg: number | null;
  volumeM3: number | null;
}

export interface OrderableVariantRow {
  variant_id: string;
  product_id: string;
  sku: string;
  product_name: string;
  variant_name: string;
  brand: string | null;
  unit: string;
  pack_size: string;
  min_order_qty: string;
  vat_rate: number | null;
  category_path: string[] | null;
  weight: number | null;
  volume: number | null;
}

/** The statement behind `orderableVariants`; placing an order runs it inside a statement of its own. */
export function orderableVariantsSql(ids: readonly string[], groupId: string | null): SQL {
  return sql`select v.id as variant_id, p.id as product_id, v.sku, p.name as product_name, v.name as variant_name,
          p.brand, p.unit, p.pack_size::text, p.min_order_qty::text, p.vat_rate, c.path::text[] as category_path,
          p.weight::float8 as weight, p.volume::float8 as volume
        from product_variants v
        join products p on p.id = v.product_id
        left join categories c on c.id = p.category_id
        where v.id = any(${uuidArray(ids)}) and v.status = 'active' and ${productVisible(groupId)}`;
}

/** The rows of `orderableVariantsSql` (as the driver or as JSON gives them) by variant id. */
export function orderableVariantsOf(rows: readonly OrderableVariantRow[]): Map<string, OrderableVariant> {
  return new Map(
    rows.map((r) => [
      r.variant_id,
      {
        variantId: r.variant_id,
        productId: r.product_id,
        sku: r.sku,
        name: r.variant_name ? `${r.product_name}, ${r.variant_name}` : r.product_name,
        brand: r.brand,
        unit: r.unit,
        packSize: Number(r.pack_size),
        minOrderQty: Number(r.min_order_qty),
        vatRate: r.vat_rate,
        categoryPath: r.category_path ?? [],
        weightKg: r.weight,
        volumeM3: r.volume,
      },
    ]),
  );
}

/**
 * The active variants among `variantIds` that the customer group may see (the catalog's visibility rule), by
 * id; a hidden or archived variant is absent, the same as an unknown one.
 */
export async function orderableVariants(
  db: Db,
  variantIds: readonly string[],
  groupId: string | null,
): Promise<Map<string, OrderableVariant>> {
  const ids = [...new Set(variantIds)];
  if (ids.length === 0) return new Map();
  return orderableVariantsOf(
    await preparedRows<OrderableVariantRow>(db, 'orderable_variants', orderableVariantsSql(ids, groupId)),
  );
}

/**
 * Lines (of the table or alias `lines`) of a product, or of one variant when `id` is a variant's: found through the
 * lines' product index alone. Lines have no index by variant: placing would write one more random index entry per
 * line (docs/performance.md), and a variant's lines are a few of its product's.
 */
export function linesOfProduct(lines: SQL, id: string): SQL {
  return sql`${lines}.product_id = coalesce((select v.product_id from product_variants v where v.id = ${id}::uuid), ${id}::uuid)
    and (${lines}.variant_id = ${id}::uuid or ${lines}.product_id = ${id}::uuid)`;
}
