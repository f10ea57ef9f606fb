/** What the customer chose at checkout: a promo code and bonus points, and what the preview says they take off. */
export interface CheckoutDiscountsValue {
  promoCode?: string;
  bonusPoints?: number;
  /** Kopecks the last preview took off the items (0 until a code or points are applied). */
  amount: number;
}

export interface CheckoutDiscountsProps {
  /** The scope's API base (`/api/v1/me` or `/api/v1/orgs/:orgId`). */
  apiBase: string;
  /** The lines going to checkout as the place request sends them (`cartId` or `lines`). */
  source: Record<string, unknown>;
  deliveryCost: number;
  value: CheckoutDiscountsValue;
  onChange: (value: CheckoutDiscountsValue) => void;
}

/** The checkout's promo-code field and bonus-points slider, with the preview of what they take off. */
export function CheckoutDiscounts(_props: CheckoutDiscountsProps) {
  return null;
}
