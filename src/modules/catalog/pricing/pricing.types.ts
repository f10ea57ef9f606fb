/**
 * The contract of the one pricing service (pricing.service.ts): every screen and route that shows a price asks
 * it, never the price tables directly. Money is integer kopecks.
 */

/** Who is asking and for whom: a guest, a person on their own account, or a person acting for a company. */
export interface PricingContext {
  scope: 'public' | 'me' | 'org';
  userId: string | null;
  companyId: string | null;
  /** The company's customer group (null for guests and persons without a company). */
  customerGroupId: string | null;
  /** The moment prices are asked for (promotions and discounts have dates); tests pass a fixed clock. */
  at: Date;
}

/** One line to price: a variant of a product in a quantity (in the product's unit). */
export interface PriceLine {
  productId: string;
  variantId: string;
  quantity: number;
}

/** The rule that produced a price, so the UI can say "your contract price" or "−12% from 50 pcs". */
export interface PriceRule {
  /** Where the list price came from: the default (retail) list, the customer group's list, or the contract list. */
  source: 'default' | 'group' | 'contract';
  priceListId: string;
  priceListName: string;
  /** The quantity break applied (the list row's minimum quantity), when above 1. */
  breakMinQty: number | null;
  /** The discount applied on top of the list price, if any. */
  discount: { id: string; name: string; percentBp: number; minQty: number; scope: string } | null;
  /** The promotional price that won, if any (then `discount` is null). */
  promo: { id: string; name: string; endsAt: string } | null;
}

/** The answer for one line. */
export interface PricedLine {
  variantId: string;
  quantity: number;
  currency: string;
  /** Final price per unit. */
  unitPrice: number;
  /** The list price per unit at this quantity (the winning list's break), before a discount or a promotion. */
  listPrice?: number;
  /** The default (retail) list price per unit, for a struck-through "was" price; null when there is none. */
  basePrice: number | null;
  /** unitPrice × quantity, rounded to kopecks. */
  total: number;
  rule: PriceRule;
  /**
   * For the calculator: from each quantity where the price changes (a break of the winning list or the minimum
   * quantity of a discount), the final price per unit from that quantity on, and the list price there.
   */
  breaks: Array<{ minQty: number; unitPrice: number; listPrice?: number }>;
}
