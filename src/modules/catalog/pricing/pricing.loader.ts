import { type AnyColumn, and, eq, gt, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { type Db, selectedFromJson } from '../../../server/core/db.js';
import {
  categories,
  discounts,
  priceListAssignments,
  priceLists,
  prices,
  products,
  productVariants,
  promoPrices,
} from '../catalog.tables.js';
import type {
  DiscountRow,
  ListPriceRow,
  PriceSource,
  PricingCandidates,
  PromoRow,
  VariantFacts,
} from './pricing.resolver.js';
import type { PricingContext } from './pricing.types.js';

/**
 * `column = any($1::uuid[])`: one parameter for the whole batch instead of one per id, so PostgreSQL parses and
 * plans a page of 100 lines as fast as one line.
 */
export function anyUuid(column: AnyColumn, ids: string[]): SQL {
  return sql`${column} = any(${sql.param(ids)}::uuid[])`;
}

/**
 * Loads every row that may price a batch of variants in a context: four queries, run together, whatever the
 * number of lines (three when the caller already read the variants' facts). The rule itself is
 * pricing.resolver.ts.
 */
export async function loadCandidates(
  db: Db,
  ctx: PricingContext,
  variantIds: string[],
  facts?: VariantFacts[],
): Promise<PricingCandidates> {
  const ids = [...new Set(variantIds)];
  if (ids.length === 0) return { variants: [], listPrices: [], discounts: [], promos: [] };
  const q = candidateQueries(db, ctx, ids);
  // Named statements: the catalog and checkout price a page or an order with the same three shapes all day.
  const [variants, listPrices, discountRows, promos] = await Promise.all([
    facts ?? loadFacts(db, ids),
    q.listPrices.query.prepare(q.listPrices.name).execute() as Promise<ListPriceRow[]>,
    q.discounts ? (q.discounts.query.prepare(q.discounts.name).execute() as Promise<DiscountRow[]>) : [],
    q.promos.query.prepare(q.promos.name).execute() as Promise<PromoRow[]>,
  ]);
  return { variants, listPrices, discounts: discountRows, promos };
}

/**
 * The three candidate queries, not yet run: placing an order runs them as parts of one statement of its own
 * (orders/orders.place-read.ts) and decodes their rows with `candidatesFromJson`.
 */
export function candidateQueries(db: Db, ctx: PricingContext, variantIds: string[]) {
  const ids = [...new Set(variantIds)];
  return {
    listPrices: listPricesQuery(db, ctx, ids),
    discounts: discountsQuery(db, ctx, ids),
    promos: promosQuery(db, ctx, ids),
  };
}

export type CandidateQueries = ReturnType<typeof candidateQueries>;

/** The rows of `candidateQueries` given back as JSON arrays (`jsonb_agg`), typed as the loader types them. */
export function candidatesFromJson(
  queries: CandidateQueries,
  json: { listPrices: unknown[]; discounts: unknown[]; promos: unknown[] },
): Omit<PricingCandidates, 'variants'> {
  return {
    listPrices: selectedFromJson<ListPriceRow>(queries.listPrices.query, json.listPrices),
    discounts: queries.discounts
      ? selectedFromJson<DiscountRow>(queries.discounts.query, json.discounts)
      : [],
    promos: selectedFromJson<PromoRow>(queries.promos.query, json.promos),
  };
}

/** Product, brand and category path of each variant. */
async function loadFacts(db: Db, ids: string[]) {
  const rows = await db
    .select({
      variantId: productVariants.id,
      productId: productVariants.productId,
      brand: products.brand,
      categoryPath: categories.path,
    })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .leftJoin(categories, eq(categories.id, products.categoryId))
    .where(anyUuid(productVariants.id, ids))
    .prepare('pricing_facts')
    .execute();
  return rows.map((r) => ({ ...r, categoryPath: r.categoryPath ?? [] }));
}

/** The context's list ids by source, as uncorrelated subqueries (PostgreSQL evaluates each once). */
function contextLists(ctx: PricingContext): { contract: SQL | null; group: SQL | null } {
  const pick = (target: SQL) =>
    sql`(select ${priceListAssignments.priceListId} from ${priceListAssignments} where ${target})`;
  return {
    contract: ctx.companyId ? pick(eq(priceListAssignments.companyId, ctx.companyId)) : null,
    group: ctx.customerGroupId ? pick(eq(priceListAssignments.customerGroupId, ctx.customerGroupId)) : null,
  };
}

/** Every price row (all breaks) of the variants in the context's contract, group and default lists. */
function listPricesQuery(db: Db, ctx: PricingContext, ids: string[]) {
  const { contract, group } = contextLists(ctx);
  // A list may serve two sources (say the default list is also a group's): the stronger source names it.
  const whens = [
    ...(contract ? [sql`when ${priceLists.id} = ${contract} then 'contract'`] : []),
    ...(group ? [sql`when ${priceLists.id} = ${group} then 'group'`] : []),
  ];
  const source =
    whens.length > 0
      ? sql<PriceSource>`case ${sql.join(whens, sql` `)} else 'default' end`.as('source')
      : sql<PriceSource>`'default'`.as('source');
  const listFilter = or(
    eq(priceLists.isDefault, true),
    ...(contract ? [sql`${priceLists.id} = ${contract}`] : []),
    ...(group ? [sql`${priceLists.id} = ${group}`] : []),
  );
  const query = db
    .select({
      variantId: prices.variantId,
      priceListId: priceLists.id,
      priceListName: priceLists.name,
      currency: priceLists.currency,
      source,
      minQty: prices.minQty,
      amount: prices.amount,
    })
    .from(prices)
    .innerJoin(priceLists, eq(priceLists.id, prices.priceListId))
    .where(and(anyUuid(prices.variantId, ids), listFilter));
  return { query, name: `pricing_list_prices_${contract ? 'c' : ''}${group ? 'g' : ''}` };
}

/**
 * Which discounts can cover the variants at all: on everything, or on one of their products, brands or
 * categories (ancestors included). Filtering here keeps a group with thousands of per-product discounts cheap.
 */
function coverable(db: Db, ids: string[]) {
  const ofVariants = anyUuid(productVariants.id, ids);
  const productIds = db.select({ id: productVariants.productId }).from(productVariants).where(ofVariants);
  const brands = db
    .select({ brand: sql`lower(trim(${products.brand}))` })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(ofVariants);
  const categoryIds = db
    .select({ id: sql`unnest(${categories.path})` })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(ofVariants);
  return or(
    eq(discounts.scope, 'all'),
    and(eq(discounts.scope, 'product'), inArray(discounts.productId, productIds)),
    and(eq(discounts.scope, 'brand'), inArray(sql`lower(trim(${discounts.brand}))`, brands)),
    and(eq(discounts.scope, 'category'), inArray(discounts.categoryId, categoryIds)),
  );
}

/** Active discounts of the company, its customer group or the person, running at `ctx.at`, that can cover the variants. */
function discountsQuery(db: Db, ctx: PricingContext, ids: string[]) {
  const targets = [
    ...(ctx.companyId ? [eq(discounts.companyId, ctx.companyId)] : []),
    ...(ctx.customerGroupId ? [eq(discounts.customerGroupId, ctx.customerGroupId)] : []),
    ...(ctx.userId && !ctx.companyId ? [eq(discounts.userId, ctx.userId)] : []),
  ];
  if (targets.length === 0) return null;
  const query = db
    .select({
      id: discounts.id,
      name: discounts.name,
      companyId: discounts.companyId,
      userId: discounts.userId,
      customerGroupId: discounts.customerGroupId,
      scope: discounts.scope,
      categoryId: discounts.categoryId,
      brand: discounts.brand,
      productId: discounts.productId,
      percentBp: discounts.percentBp,
      minQty: discounts.minQty,
      startsAt: discounts.startsAt,
      endsAt: discounts.endsAt,
      active: discounts.active,
    })
    .from(discounts)
    .where(
      and(
        or(...targets),
        eq(discounts.active, true),
        coverable(db, ids),
        or(isNull(discounts.startsAt), lte(discounts.startsAt, ctx.at)),
        or(isNull(discounts.endsAt), gt(discounts.endsAt, ctx.at)),
      ),
    );
  const shape = `${ctx.companyId ? 'c' : ''}${ctx.customerGroupId ? 'g' : ''}${ctx.userId && !ctx.companyId ? 'u' : ''}`;
  return { query, name: `pricing_discounts_${shape}` };
}

/** Promotional prices running at `ctx.at` for the variants' products, open to everyone or to the context's group. */
function promosQuery(db: Db, ctx: PricingContext, ids: string[]) {
  const audience = ctx.customerGroupId
    ? or(
        isNull(promoPrices.customerGroupIds),
        sql`${ctx.customerGroupId}::uuid = any(${promoPrices.customerGroupIds})`,
      )
    : isNull(promoPrices.customerGroupIds);
  const query = db
    .select({
      id: promoPrices.id,
      name: promoPrices.name,
      productId: promoPrices.productId,
      variantId: promoPrices.variantId,
      amount: promoPrices.amount,
      customerGroupIds: promoPrices.customerGroupIds,
      startsAt: promoPrices.startsAt,
      endsAt: promoPrices.endsAt,
    })
    .from(promoPrices)
    .where(
      and(
        inArray(
          promoPrices.productId,
          db
            .select({ id: productVariants.productId })
            .from(productVariants)
            .where(anyUuid(productVariants.id, ids)),
        ),
        lte(promoPrices.startsAt, ctx.at),
        gt(promoPrices.endsAt, ctx.at),
        audience,
      ),
    );
  return { query, name: `pricing_promos_${ctx.customerGroupId ? 'g' : ''}` };
}
