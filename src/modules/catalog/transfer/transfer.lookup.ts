import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../server/core/db.js';
import { products, productVariants } from '../catalog.tables.js';
import { batches } from './transfer.plan.js';

/** A sellable variant found by a SKU of a file. */
export interface VariantRef {
  variantId: string;
}

/**
 * Variants by SKU, a few batched queries for any number: a variant's own SKU first, otherwise a product's SKU
 * names its default variant (prices and stock of a simple product live there).
 */
export async function variantsBySku(db: Db, skus: Iterable<string>): Promise<Map<string, VariantRef>> {
  const found = new Map<string, VariantRef>();
  const all = [...new Set(skus)];
  for (const batch of batches(all, 1000)) {
    const own = await db
      .select({ id: productVariants.id, sku: productVariants.sku })
      .from(productVariants)
      .where(inArray(productVariants.sku, batch));
    for (const v of own) found.set(v.sku, { variantId: v.id });
    const rest = batch.filter((sku) => !found.has(sku));
    if (rest.length === 0) continue;
    const byProduct = await db
      .select({ id: productVariants.id, sku: products.sku })
      .from(products)
      .innerJoin(
        productVariants,
        and(eq(productVariants.productId, products.id), eq(productVariants.isDefault, true)),
      )
      .where(inArray(products.sku, rest));
    for (const v of byProduct) found.set(v.sku, { variantId: v.id });
  }
  return found;
}

/** A case- and space-insensitive lookup key for names typed by people ("Основной  склад" = "основной склад"). */
export function nameKey(text: string): string {
  return text.toLowerCase().replaceAll('ё', 'е').replace(/\s+/g, ' ').trim();
}

/**
 * Finds records by their 1C id, code or name: exact external id/code first, then a unique name. Returns the id,
 * or a message saying the value is unknown or ambiguous.
 */
export function matcher<R extends { id: string }>(
  records: R[],
  exactKeys: (r: R) => (string | null)[],
  name: (r: R) => string,
): (value: string) => { id: string } | { message: 'unknown' | 'ambiguous' } {
  const exact = new Map<string, string>();
  const byName = new Map<string, string[]>();
  for (const r of records) {
    for (const key of exactKeys(r)) if (key) exact.set(key, r.id);
    const k = nameKey(name(r));
    byName.set(k, [...(byName.get(k) ?? []), r.id]);
  }
  return (value) => {
    const id = exact.get(value);
    if (id) return { id };
    const named = byName.get(nameKey(value)) ?? [];
    if (named.length === 1) return { id: named[0] as string };
    return { message: named.length > 1 ? 'ambiguous' : 'unknown' };
  };
}
