import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../server/core/db.js';
import { categories, products, productVariants } from '../catalog.tables.js';
import { anyUuid } from './pricing.loader.js';
import type { Quote, QuoteBody, QuoteLine } from './pricing.schema.js';
import { priceLines } from './pricing.service.js';
import type { PricedLine, PricingContext } from './pricing.types.js';

/**
 * Whether the context's customer group may see a product: the product and every category on its path are open
 * to everyone (null) or list the group. Guests and persons without a company have no group: public items only.
 */
function visibleTo(customerGroupId: string | null) {
  const open = (column: unknown) =>
    customerGroupId
      ? sql`(${column} is null or ${customerGroupId}::uuid = any(${column}))`
      : sql`${column} is null`;
  return sql<boolean>`(${open(products.visibleGroupIds)} and not exists (
    select 1 from ${categories} kp_c where kp_c.id = any(${categories.path}) and not ${open(sql`kp_c.visible_group_ids`)}))`;
}

/** What the quote must know before pricing: which variants exist, can be seen by the context and are on sale. */
async function variantStates(db: Db, customerGroupId: string | null, variantIds: string[]) {
  const rows = await db
    .select({
      variantId: productVariants.id,
      productId: productVariants.productId,
      onSale: sql<boolean>`(${products.status} = 'active' and ${productVariants.status} = 'active')`,
      visible: visibleTo(customerGroupId),
    })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .leftJoin(categories, eq(categories.id, products.categoryId))
    .where(anyUuid(productVariants.id, [...new Set(variantIds)]));
  return new Map(rows.map((r) => [r.variantId, r]));
}

const noPrice = {
  currency: null,
  unitPrice: null,
  listPrice: null,
  basePrice: null,
  total: null,
  rule: null,
  breaks: [],
};

function pricedLine(productId: string, priced: PricedLine): QuoteLine {
  return {
    variantId: priced.variantId,
    productId,
    quantity: priced.quantity,
    problem: null,
    currency: priced.currency,
    unitPrice: priced.unitPrice,
    listPrice: priced.listPrice ?? null,
    basePrice: priced.basePrice,
    total: priced.total,
    rule: priced.rule,
    breaks: priced.breaks.map((b) => ({
      minQty: b.minQty,
      unitPrice: b.unitPrice,
      listPrice: b.listPrice ?? null,
    })),
  };
}

/**
 * The cost calculator: prices each line for the context and sums the totals. A variant that does not exist or
 * that the context may not see comes back as NOT_FOUND (the same answer, so hidden products do not leak), an
 * archived one as UNAVAILABLE, one without a price in the context's lists as NO_PRICE.
 */
export async function quotePrices(db: Db, ctx: PricingContext, body: QuoteBody): Promise<Quote> {
  const states = await variantStates(
    db,
    ctx.customerGroupId,
    body.lines.map((l) => l.variantId),
  );
  const sellable = body.lines.flatMap((l) => {
    const s = states.get(l.variantId);
    return s?.visible && s.onSale ? [{ ...l, productId: s.productId }] : [];
  });
  const priced = await priceLines(db, ctx, sellable);
  const byIndex = new Map(sellable.map((l, i) => [l, priced[i] ?? null]));
  let next = 0;
  const lines = body.lines.map((line): QuoteLine => {
    const s = states.get(line.variantId);
    const base = { variantId: line.variantId, quantity: line.quantity, ...noPrice };
    if (!s?.visible)
      return { ...base, productId: null, problem: { code: 'NOT_FOUND', detail: 'No such product' } };
    if (!s.onSale) {
      return {
        ...base,
        productId: s.productId,
        problem: { code: 'UNAVAILABLE', detail: 'The product is not sold now' },
      };
    }
    const result = byIndex.get(sellable[next++] as (typeof sellable)[number]) ?? null;
    if (!result)
      return {
        ...base,
        productId: s.productId,
        problem: { code: 'NO_PRICE', detail: 'The product has no price for you' },
      };
    return pricedLine(s.productId, result);
  });
  return { lines, ...totalsOf(lines) };
}

/** Sums line totals per currency; `total` is the sum when the lines share one currency. */
function totalsOf(lines: QuoteLine[]): Pick<Quote, 'total' | 'totals'> {
  const sums = new Map<string, number>();
  for (const l of lines) {
    if (l.currency !== null && l.total !== null) sums.set(l.currency, (sums.get(l.currency) ?? 0) + l.total);
  }
  const totals = [...sums].map(([currency, amount]) => ({ amount, currency }));
  return { total: totals.length === 1 ? (totals[0] ?? null) : null, totals };
}
