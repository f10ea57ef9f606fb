import { type AnyColumn, Column, getTableName, type SQL, sql } from 'drizzle-orm';
import type { PricingContext } from './pricing.types.js';

/**
 * SQL building blocks for listings that sort or filter by price (docs/pricing.md, "Sorting and filtering").
 * They give the LIST price at quantity 1 by the same source precedence as the pricing service (contract →
 * customer group → default, falling back per variant), without personal discounts and promotions: those
 * depend on quantity and are shown per row by `priceLines`, but a listing sorts by the list price.
 */

/**
 * A column as `"table"."column"`: Drizzle leaves columns of a one-table select unqualified, and inside these
 * subqueries an unqualified `id` would name the subquery's own table.
 */
function qualified(ref: AnyColumn | SQL): SQL {
  if (!(ref instanceof Column)) return sql`${ref}`;
  return sql`${sql.identifier(getTableName(ref.table))}.${sql.identifier(ref.name)}`;
}

/** The price list ids a context buys from, as uncorrelated subqueries (PostgreSQL runs each once, as an InitPlan). */
function listIdsOf(ctx: Pick<PricingContext, 'companyId' | 'customerGroupId'>): SQL[] {
  const ids: SQL[] = [];
  if (ctx.companyId) {
    ids.push(
      sql`(select kp_pla.price_list_id from price_list_assignments kp_pla where kp_pla.company_id = ${ctx.companyId})`,
    );
  }
  if (ctx.customerGroupId) {
    ids.push(
      sql`(select kp_pla.price_list_id from price_list_assignments kp_pla where kp_pla.customer_group_id = ${ctx.customerGroupId})`,
    );
  }
  ids.push(sql`(select kp_pl.id from price_lists kp_pl where kp_pl.is_default)`);
  return ids;
}

/**
 * The list price (kopecks) of the variant in `variantId` at quantity 1 for a context, or null when no list of
 * the context prices it. "At quantity 1" is the break with the greatest `min_qty` ≤ 1, or the list's first break
 * when it starts above 1 — the same choice `priceLines` makes. Each source is one primary-key lookup
 * (price_list_id, variant_id, min_qty); the first source that has the variant wins.
 *
 * Use it in a select (`price: effectiveListPriceSql(ctx, productVariants.id)`), an `order by` or a
 * `where … between`. Sorting the whole catalog by it evaluates it for every candidate row: filter first.
 */
export function effectiveListPriceSql(
  ctx: Pick<PricingContext, 'companyId' | 'customerGroupId'>,
  variantId: AnyColumn | SQL,
): SQL<number | null> {
  const lookups = listIdsOf(ctx).map(
    (listId) =>
      sql`(select kp_price.amount from prices kp_price where kp_price.price_list_id = ${listId} and kp_price.variant_id = ${qualified(variantId)}
        order by (kp_price.min_qty <= 1) desc, case when kp_price.min_qty <= 1 then kp_price.min_qty end desc, kp_price.min_qty limit 1)`,
  );
  return sql<number | null>`coalesce(${sql.join(lookups, sql`, `)})`.mapWith(Number);
}

/**
 * The lowest list price at quantity 1 among a product's active variants ("from 1 200 ₽"), for sorting and the
 * price-range filter of product listings: `effectiveListPriceSql` applied to each variant of `productId`.
 */
export function productFromPriceSql(
  ctx: Pick<PricingContext, 'companyId' | 'customerGroupId'>,
  productId: AnyColumn | SQL,
): SQL<number | null> {
  const perVariant = effectiveListPriceSql(ctx, sql`kp_pv.id`);
  return sql<number | null>`(select min(${perVariant}) from product_variants kp_pv
    where kp_pv.product_id = ${qualified(productId)} and kp_pv.status = 'active')`.mapWith(Number);
}
