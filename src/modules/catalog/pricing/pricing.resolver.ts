import { discountedUnitPrice, lineTotal, quantityMilli } from './pricing.money.js';
import type { PricedLine, PriceLine, PriceRule, PricingContext } from './pricing.types.js';

/**
 * The pricing rule as a pure function (docs/pricing.md): the loader (pricing.loader.ts) fetches every candidate
 * row for a batch of lines, and this file decides, without a database, so each rule has a unit test.
 */

export type PriceSource = PriceRule['source'];

/** What the rule needs to know about a variant's product. */
export interface VariantFacts {
  variantId: string;
  productId: string;
  brand: string | null;
  /** The product category's path: its ancestors' ids and its own (empty without a category). */
  categoryPath: string[];
}

/** A price row of one of the context's lists, labelled with the source it comes from. */
export interface ListPriceRow {
  variantId: string;
  priceListId: string;
  priceListName: string;
  currency: string;
  source: PriceSource;
  minQty: number;
  amount: number;
}

export interface DiscountRow {
  id: string;
  name: string;
  companyId: string | null;
  userId: string | null;
  customerGroupId: string | null;
  scope: 'all' | 'category' | 'brand' | 'product';
  categoryId: string | null;
  brand: string | null;
  productId: string | null;
  percentBp: number;
  minQty: number;
  startsAt: Date | null;
  endsAt: Date | null;
  active: boolean;
}

export interface PromoRow {
  id: string;
  name: string;
  productId: string;
  variantId: string | null;
  amount: number;
  customerGroupIds: string[] | null;
  startsAt: Date;
  endsAt: Date;
}

/** Every candidate row for a batch of lines, as the loader returns them. */
export interface PricingCandidates {
  variants: VariantFacts[];
  listPrices: ListPriceRow[];
  discounts: DiscountRow[];
  promos: PromoRow[];
}

/** Contract prices beat the customer group's, which beat the default list. */
const sourceOrder: PriceSource[] = ['contract', 'group', 'default'];
/** Among equal discounts the most specific names the rule. */
const scopeRank = { product: 0, brand: 1, category: 2, all: 3 } as const;

const within = (at: Date, startsAt: Date | null, endsAt: Date | null) =>
  (!startsAt || startsAt.getTime() <= at.getTime()) && (!endsAt || at.getTime() < endsAt.getTime());

/** The break that applies: the greatest minimum quantity ≤ quantity, or the first break when below all of them. */
export function breakFor<T extends { minQty: number }>(rows: T[], quantity: number): T | null {
  const sorted = [...rows].sort((a, b) => a.minQty - b.minQty);
  const q = quantityMilli(quantity);
  return sorted.filter((r) => quantityMilli(r.minQty) <= q).at(-1) ?? sorted[0] ?? null;
}

/** Whether a discount is meant for this context: its company, its customer group, or the person buying for themselves. */
export function discountTargets(d: DiscountRow, ctx: PricingContext): boolean {
  if (d.companyId) return d.companyId === ctx.companyId;
  if (d.customerGroupId) return d.customerGroupId === ctx.customerGroupId;
  // A person's own discount is theirs, not their employer's: it applies only when they buy for themselves.
  if (d.userId) return d.userId === ctx.userId && ctx.companyId === null;
  return false;
}

/** Whether a discount covers the product: everything, its category or an ancestor, its brand, or the product. */
export function discountCovers(d: DiscountRow, facts: VariantFacts): boolean {
  switch (d.scope) {
    case 'all':
      return true;
    case 'category':
      return d.categoryId !== null && facts.categoryPath.includes(d.categoryId);
    case 'brand':
      return (
        d.brand !== null &&
        facts.brand !== null &&
        d.brand.trim().toLowerCase() === facts.brand.trim().toLowerCase()
      );
    case 'product':
      return d.productId === facts.productId;
  }
}

/** The discounts that may apply to a variant in a context at any quantity (the quantity is checked later). */
export function eligibleDiscounts(
  discounts: DiscountRow[],
  ctx: PricingContext,
  facts: VariantFacts,
): DiscountRow[] {
  return discounts.filter(
    (d) =>
      d.active && within(ctx.at, d.startsAt, d.endsAt) && discountTargets(d, ctx) && discountCovers(d, facts),
  );
}

/** The biggest single discount that applies at this quantity (no stacking); ties go to the most specific scope. */
export function bestDiscount(eligible: DiscountRow[], quantity: number): DiscountRow | null {
  const q = quantityMilli(quantity);
  const fitting = eligible.filter((d) => quantityMilli(d.minQty) <= q);
  fitting.sort(
    (a, b) => b.percentBp - a.percentBp || scopeRank[a.scope] - scopeRank[b.scope] || (a.id < b.id ? -1 : 1),
  );
  return fitting[0] ?? null;
}

/** The lowest promotional price running now for the variant and open to the context's customer group. */
export function bestPromo(promos: PromoRow[], ctx: PricingContext, facts: VariantFacts): PromoRow | null {
  const open = promos.filter(
    (p) =>
      p.productId === facts.productId &&
      (p.variantId === null || p.variantId === facts.variantId) &&
      within(ctx.at, p.startsAt, p.endsAt) &&
      (p.customerGroupIds === null ||
        (ctx.customerGroupId !== null && p.customerGroupIds.includes(ctx.customerGroupId))),
  );
  open.sort((a, b) => a.amount - b.amount || (a.variantId ? 0 : 1) - (b.variantId ? 0 : 1));
  return open[0] ?? null;
}

/** The rows of the first source (contract → group → default) that prices the variant at all. */
export function winningList(rows: ListPriceRow[]): ListPriceRow[] {
  for (const source of sourceOrder) {
    const own = rows.filter((r) => r.source === source);
    if (own.length > 0) return own;
  }
  return [];
}

interface Resolved {
  unitPrice: number;
  listRow: ListPriceRow;
  discount: DiscountRow | null;
  promo: PromoRow | null;
}

/** The price of a unit at a quantity: the list break, less the best discount, unless a promotion is lower. */
function unitAt(
  list: ListPriceRow[],
  eligible: DiscountRow[],
  promo: PromoRow | null,
  quantity: number,
): Resolved {
  const listRow = breakFor(list, quantity) as ListPriceRow;
  const discount = bestDiscount(eligible, quantity);
  const afterDiscount = discount ? discountedUnitPrice(listRow.amount, discount.percentBp) : listRow.amount;
  // A promotion wins only when strictly cheaper; on a tie the list (or discount) price names the rule.
  if (promo && promo.amount < afterDiscount)
    return { unitPrice: promo.amount, listRow, discount: null, promo };
  return { unitPrice: afterDiscount, listRow, discount, promo: null };
}

/** Candidate rows grouped for a batch: list rows by variant. */
export interface IndexedCandidates {
  facts: Map<string, VariantFacts>;
  listsByVariant: Map<string, ListPriceRow[]>;
  discounts: DiscountRow[];
  promos: PromoRow[];
}

/** Groups the loader's rows by variant once, so a page of lines is resolved without rescanning them. */
export function indexCandidates(c: PricingCandidates): IndexedCandidates {
  const listsByVariant = new Map<string, ListPriceRow[]>();
  for (const row of c.listPrices) {
    const own = listsByVariant.get(row.variantId);
    if (own) own.push(row);
    else listsByVariant.set(row.variantId, [row]);
  }
  return {
    facts: new Map(c.variants.map((v) => [v.variantId, v])),
    listsByVariant,
    discounts: c.discounts,
    promos: c.promos,
  };
}

/** Prices one line from the candidates; null when no list of the context prices the variant. */
export function resolveLine(ctx: PricingContext, line: PriceLine, c: IndexedCandidates): PricedLine | null {
  const facts = c.facts.get(line.variantId);
  const rows = c.listsByVariant.get(line.variantId) ?? [];
  const list = winningList(rows);
  if (!facts || list.length === 0) return null;
  const eligible = eligibleDiscounts(c.discounts, ctx, facts);
  const promo = bestPromo(c.promos, ctx, facts);
  const now = unitAt(list, eligible, promo, line.quantity);
  const defaults = rows.filter((r) => r.source === 'default');
  return {
    variantId: line.variantId,
    quantity: line.quantity,
    currency: now.listRow.currency,
    unitPrice: now.unitPrice,
    listPrice: now.listRow.amount,
    basePrice: breakFor(defaults, line.quantity)?.amount ?? null,
    total: lineTotal(now.unitPrice, line.quantity),
    rule: {
      source: now.listRow.source,
      priceListId: now.listRow.priceListId,
      priceListName: now.listRow.priceListName,
      breakMinQty: now.listRow.minQty > 1 ? now.listRow.minQty : null,
      discount: now.discount
        ? {
            id: now.discount.id,
            name: now.discount.name,
            percentBp: now.discount.percentBp,
            minQty: now.discount.minQty,
            scope: now.discount.scope,
          }
        : null,
      promo: now.promo
        ? { id: now.promo.id, name: now.promo.name, endsAt: now.promo.endsAt.toISOString() }
        : null,
    },
    breaks: breaksOf(list, eligible, promo),
  };
}

/** The calculator's steps: each quantity where the list or a discount changes, with the final unit price from there. */
export function breaksOf(
  list: ListPriceRow[],
  eligible: DiscountRow[],
  promo: PromoRow | null,
): PricedLine['breaks'] {
  const thresholds = [...new Set([...list.map((r) => r.minQty), ...eligible.map((d) => d.minQty)])].sort(
    (a, b) => a - b,
  );
  const first = Math.min(...list.map((r) => r.minQty));
  const steps: PricedLine['breaks'] = [];
  for (const minQty of thresholds.filter((q) => q >= first)) {
    const at = unitAt(list, eligible, promo, minQty);
    const previous = steps.at(-1);
    if (previous && previous.unitPrice === at.unitPrice) continue;
    steps.push({ minQty, unitPrice: at.unitPrice, listPrice: at.listRow.amount });
  }
  return steps;
}

/** Prices a batch of lines, in order. */
export function resolveLines(
  ctx: PricingContext,
  lines: PriceLine[],
  candidates: PricingCandidates,
): Array<PricedLine | null> {
  const indexed = indexCandidates(candidates);
  return lines.map((line) => resolveLine(ctx, line, indexed));
}
