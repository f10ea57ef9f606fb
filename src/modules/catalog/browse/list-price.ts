import { type SQL, sql } from 'drizzle-orm';
import type { PricingContext } from '../pricing/pricing.types.js';

/**
 * The list price (kopecks, at quantity 1) a listing sorts and filters by, as SQL for a variant reference.
 * INTERIM: the default price list only; the pricing helper's `effectiveListPriceSql` (contract → group →
 * default) replaces this body with the same signature.
 */
export function listPriceSql(
  _ctx: Pick<PricingContext, 'companyId' | 'customerGroupId'>,
  variantId: SQL,
): SQL {
  return sql`(select lp.amount from prices lp where lp.price_list_id = (select dl.id from price_lists dl where dl.is_default)
    and lp.variant_id = ${variantId}
    order by (lp.min_qty <= 1) desc, case when lp.min_qty <= 1 then lp.min_qty end desc, lp.min_qty limit 1)`;
}
