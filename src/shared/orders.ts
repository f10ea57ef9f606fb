/**
 * Order vocabulary shared by the server and the web app: statuses, payment methods, shipment, return and
 * claim states. The allowed transitions live in the orders service; these are only the names.
 */

/** The order's lifecycle (docs/orders.md draws the graph). */
export const orderStatuses = [
  'new',
  'awaiting_approval',
  'confirmed',
  'awaiting_payment',
  'paid',
  'assembling',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** Money received for the order, tracked beside the lifecycle (an order may ship on credit). */
export const orderPaymentStates = [
  'not_required',
  'unpaid',
  'partially_paid',
  'paid',
  'partially_refunded',
  'refunded',
] as const;
export type OrderPaymentState = (typeof orderPaymentStates)[number];

/** How the order is paid: online card and on delivery (customers); invoice and deferred (companies). */
export const orderPaymentMethods = [
  'card_online',
  'cash_on_delivery',
  'card_on_delivery',
  'invoice',
  'deferred',
] as const;
export type OrderPaymentMethod = (typeof orderPaymentMethods)[number];

export const approvalStates = ['pending', 'approved', 'rejected', 'expired'] as const;
export type ApprovalState = (typeof approvalStates)[number];

export const shipmentStatuses = [
  'preparing',
  'handed_over',
  'in_transit',
  'at_pickup_point',
  'delivered',
  'lost',
] as const;
export type ShipmentStatus = (typeof shipmentStatuses)[number];

export const returnStatuses = [
  'requested',
  'approved',
  'rejected',
  'received',
  'refunded',
  'closed',
] as const;
export type ReturnStatus = (typeof returnStatuses)[number];

/** Returns are refunds or exchanges for the same item. */
export const returnKinds = ['refund', 'exchange'] as const;
export type ReturnKind = (typeof returnKinds)[number];

/** Рекламация: what went wrong with delivered goods. */
export const claimKinds = ['wrong_item', 'shortage', 'defect', 'damage', 'warranty'] as const;
export type ClaimKind = (typeof claimKinds)[number];

export const claimStatuses = ['submitted', 'in_review', 'accepted', 'rejected', 'resolved'] as const;
export type ClaimStatus = (typeof claimStatuses)[number];

/** What the business does with a company order that would exceed the credit limit (setting). */
export const creditOverLimitPolicies = ['refuse', 'approval'] as const;
export type CreditOverLimitPolicy = (typeof creditOverLimitPolicies)[number];

/** Where an order discount came from: a promo code or coupon, or bonus points spent (docs/loyalty.md). */
export const orderDiscountKinds = ['promo', 'bonus'] as const;
export type OrderDiscountKind = (typeof orderDiscountKinds)[number];

/** One discount on an order, as the customer saw it at checkout; amounts in kopecks. */
export interface OrderDiscount {
  kind: OrderDiscountKind;
  /** The promo code applied (kind `promo`). */
  code?: string;
  /** What the customer reads: «Промокод SPRING10», «Оплата баллами». */
  label: string;
  amount: number;
  /** Bonus points spent (kind `bonus`). */
  points?: number;
}
