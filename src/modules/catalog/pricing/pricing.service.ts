import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../server/core/db.js';
import { priceLists, prices } from '../catalog.tables.js';
import type { PricedLine, PriceLine, PricingContext } from './pricing.types.js';

/**
 * Prices lines for a context: one answer per line, in the same order; null when the variant has no price for
 * this context. A fixed few queries for any number of lines, so a catalog page is priced at once.
 *
 * FIRST VERSION: only the default price list. The full rule (contract > group > default, discounts, promotions,
 * quantity breaks) replaces this body without changing the signature.
 */
export async function priceLines(
  db: Db,
  _ctx: PricingContext,
  lines: PriceLine[],
): Promise<Array<PricedLine | null>> {
  if (lines.length === 0) return [];
  const rows = await db
    .select({
      variantId: prices.variantId,
      minQty: prices.minQty,
      amount: prices.amount,
      priceListId: priceLists.id,
      priceListName: priceLists.name,
      currency: priceLists.currency,
    })
    .from(prices)
    .innerJoin(priceLists, eq(priceLists.id, prices.priceListId))
    .where(
      and(
        eq(priceLists.isDefault, true),
        inArray(
          prices.variantId,
          lines.map((l) => l.variantId),
        ),
      ),
    );
  return lines.map((line) => {
    const own = rows.filter((r) => r.variantId === line.variantId).sort((a, b) => a.minQty - b.minQty);
    const applicable = own.filter((r) => r.minQty <= line.quantity).at(-1) ?? own[0];
    if (!applicable) return null;
    return {
      variantId: line.variantId,
      quantity: line.quantity,
      currency: applicable.currency,
      unitPrice: applicable.amount,
      basePrice: own[0]?.amount ?? null,
      total: Math.round(applicable.amount * line.quantity),
      rule: {
        source: 'default',
        priceListId: applicable.priceListId,
        priceListName: applicable.priceListName,
        breakMinQty: applicable.minQty > 1 ? applicable.minQty : null,
        discount: null,
        promo: null,
      },
      breaks: own.map((r) => ({ minQty: r.minQty, unitPrice: r.amount })),
    };
  });
}
