import type { SQL } from 'drizzle-orm';
import { effectiveListPriceSql } from '../pricing/pricing.sql.js';
import type { PricingContext } from '../pricing/pricing.types.js';

/**
 * The list price (kopecks, at quantity 1) a listing sorts and filters by, as SQL for a variant reference: the
 * pricing service's source precedence (contract → customer group → default), without personal discounts and
 * promotions, which depend on quantity and are shown per card by `priceLines`.
 */
export function listPriceSql(
  ctx: Pick<PricingContext, 'companyId' | 'customerGroupId'>,
  variantId: SQL,
): SQL {
  return effectiveListPriceSql(ctx, variantId);
}
