import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import type { OrderDiscount } from '../../shared/orders.js';
import type { OrderOwner } from './orders.place.js';

/** A priced line as checkout adjustments see it; amounts in kopecks. */
export interface CheckoutLine {
  variantId: string;
  productId: string;
  /** The ids of the product's category and its ancestors, for promotions on categories. */
  categoryPath: string[];
  quantity: number;
  unitPrice: number;
  lineTotal: number;
  /** Where the price came from: a contract price may be excluded from promotions (stacking rules). */
  priceSource: 'default' | 'group' | 'contract';
  /** True when a catalog promotion or discount already lowered the price. */
  discounted: boolean;
}

export interface CheckoutAdjustInput {
  /** The order being placed (its row is written later in the same transaction); null for a preview. */
  orderId: string | null;
  owner: OrderOwner;
  lines: CheckoutLine[];
  itemsTotal: number;
  deliveryCost: number;
  promoCode?: string | undefined;
  /** Bonus points the customer wants to spend (the adjuster may allow fewer and says so). */
  bonusPoints?: number | undefined;
  now: Date;
}

/** What the adjustments take off: the discounts, and each line's share (same order as the lines). */
export interface CheckoutAdjustment {
  discounts: OrderDiscount[];
  /** Per line, in kopecks; their sum equals the sum of the discounts' amounts. */
  lineDiscounts: number[];
}

/**
 * Decides the discounts of an order at placing, in the placing transaction. With an `orderId` it also records
 * what it used (promo-code redemption, bonus points spent) so that a failing placement rolls it back too.
 * It throws an AppError (400) naming the field (`promoCode`, `bonusPoints`) when the request cannot be honoured.
 */
export type CheckoutAdjuster = (tx: Db, input: CheckoutAdjustInput) => Promise<CheckoutAdjustment>;

let adjuster: CheckoutAdjuster | null = null;

/**
 * The loyalty modules register the one adjuster at start (promotions' `wire`). Orders does not import them:
 * they import orders (to hear of cancellations and returns), so the dependency points one way.
 */
export function setCheckoutAdjuster(next: CheckoutAdjuster | null): void {
  adjuster = next;
}

/** Whether a placing request asks for anything the adjuster decides. */
export function wantsAdjustment(input: { promoCode?: string | undefined; bonusPoints?: number | undefined }) {
  return Boolean(input.promoCode) || (input.bonusPoints ?? 0) > 0;
}

/** Runs the registered adjuster; without one, a promo code or points are refused with a clear reason. */
export async function adjustCheckout(tx: Db, input: CheckoutAdjustInput): Promise<CheckoutAdjustment> {
  const none = { discounts: [], lineDiscounts: input.lines.map(() => 0) };
  if (!wantsAdjustment(input)) return none;
  if (!adjuster)
    throw new AppError('VALIDATION_FAILED', 'Promo codes and bonus points are not offered here', [
      { path: input.promoCode ? 'promoCode' : 'bonusPoints', message: 'Not offered' },
    ]);
  const result = await adjuster(tx, input);
  const total = result.discounts.reduce((sum, d) => sum + d.amount, 0);
  const shares = result.lineDiscounts.reduce((sum, d) => sum + d, 0);
  // The adjuster's arithmetic is checked here: a mismatch would break the order's total check in the database.
  if (
    total !== shares ||
    result.lineDiscounts.length !== input.lines.length ||
    result.lineDiscounts.some((d, i) => d < 0 || d > (input.lines[i]?.lineTotal ?? 0))
  )
    throw new Error(`Checkout adjustment does not add up: discounts ${total}, line shares ${shares}`);
  return result;
}

/**
 * Splits an amount over lines in proportion to their totals, to the kopeck (largest remainder), never more than
 * a line's total. Used for an order-wide discount so that a returned line gives back exactly its share.
 */
export function spreadOverLines(amount: number, lineTotals: readonly number[]): number[] {
  const base = lineTotals.reduce((sum, t) => sum + t, 0);
  if (base <= 0 || amount <= 0) return lineTotals.map(() => 0);
  const capped = Math.min(amount, base);
  const exact = lineTotals.map((t) => (capped * t) / base);
  const shares = exact.map(Math.floor);
  let left = capped - shares.reduce((sum, s) => sum + s, 0);
  const order = exact
    .map((e, i) => ({ i, rest: e - Math.floor(e) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    if ((shares[i] as number) < (lineTotals[i] as number)) {
      shares[i] = (shares[i] as number) + 1;
      left -= 1;
    }
  }
  return shares;
}
