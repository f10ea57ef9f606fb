import { queryOptions } from '@tanstack/react-query';
import type { OrderDiscount } from '../../../shared/orders';
import { api } from '../../app/api';
import type { Claim, ReturnRequest } from '../order-aftercare/api';
import { type CheckoutSource, sourceBody } from './useCheckoutLines';

/** Whose orders a page shows: mine (`/me/...`) or a company's (`/orgs/{orgId}/...`). */
export type OrderScope = { kind: 'me' } | { kind: 'org'; orgId: string };

export const apiBase = (scope: OrderScope) =>
  scope.kind === 'me' ? '/api/v1/me' : `/api/v1/orgs/${encodeURIComponent(scope.orgId)}`;
/** The client path of the scope's pages. */
export const pageBase = (scope: OrderScope) => (scope.kind === 'me' ? '' : `/orgs/${scope.orgId}`);
const keyOf = (scope: OrderScope) =>
  scope.kind === 'me' ? ['me', 'orders'] : ['orgs', scope.orgId, 'orders'];

export interface OrderSummary {
  id: string;
  number: string;
  status: string;
  paymentState: string;
  paymentMethod: string;
  total: number;
  currency: string;
  lineCount: number;
  companyId: string | null;
  placedBy: { id: string; name: string };
  createdAt: string;
  desiredDate: string | null;
  approvalState: string | null;
}

export interface Order extends OrderSummary {
  itemsTotal: number;
  deliveryCost: number;
  /** Promo-code and bonus discounts: `total = itemsTotal - discountTotal + deliveryCost`. */
  discountTotal: number;
  discounts: OrderDiscount[];
  paidAmount: number;
  refundedAmount: number;
  comment: string | null;
  cancelReason: string | null;
  delivery: { kind: string; name: string; address: string | null; recipientName: string | null };
  lines: {
    id: string;
    variantId: string;
    sku: string;
    name: string;
    unit: string;
    quantity: number;
    unitPrice: number;
    lineTotal: number;
    discount: number;
    shippedQuantity: number;
  }[];
  timeline: {
    id: string;
    at: string;
    kind: string;
    status: string | null;
    actor: { kind: string; name: string | null };
    note: string | null;
  }[];
  approval: null | {
    state: string;
    reasons: string[];
    comment: string | null;
    decidedBy: string | null;
    reservedUntil: string | null;
  };
  payment: null | { id: string; status: string; confirmationUrl: string | null };
  shipments: {
    id: string;
    number?: string;
    status?: string;
    carrier?: string | null;
    trackingNumber?: string | null;
  }[];
  /** The order's return requests (a person's order) and claims (a company's); the aftercare block lists them. */
  returns: ReturnRequest[];
  claims: Claim[];
  can: { cancel: boolean; pay: boolean; approve: boolean; repeat: boolean; return: boolean; claim: boolean };
}

export interface OrderPage {
  items: OrderSummary[];
  nextCursor: string | null;
}

export type OrderFilters = Partial<
  Record<'status' | 'from' | 'to' | 'minTotal' | 'maxTotal' | 'number' | 'q' | 'placedBy', string>
>;

export const ordersQuery = (scope: OrderScope, filters: OrderFilters, cursor: string | null) =>
  queryOptions({
    queryKey: [...keyOf(scope), 'list', filters, cursor],
    queryFn: () => api<OrderPage>(`${apiBase(scope)}/orders`, { query: { ...filters, limit: 20, cursor } }),
    meta: { needsPerson: true },
  });

export const orderQuery = (scope: OrderScope, id: string) =>
  queryOptions({
    queryKey: [...keyOf(scope), 'one', id],
    queryFn: () => api<Order>(`${apiBase(scope)}/orders/${encodeURIComponent(id)}`),
    meta: { needsPerson: true },
  });

export const approvalsQuery = (orgId: string, cursor: string | null) =>
  queryOptions({
    queryKey: ['orgs', orgId, 'orders', 'approvals', cursor],
    queryFn: () =>
      api<OrderPage>(`/api/v1/orgs/${encodeURIComponent(orgId)}/approvals`, { query: { limit: 20, cursor } }),
    meta: { needsPerson: true },
  });

export interface ApprovalRule {
  id: string;
  name: string;
  amountOver: number | null;
  categoryIds: string[];
  roles: string[];
  isActive: boolean;
}

export const rulesQuery = (orgId: string) =>
  queryOptions({
    queryKey: ['orgs', orgId, 'approval-rules'],
    queryFn: () => api<{ items: ApprovalRule[] }>(`/api/v1/orgs/${encodeURIComponent(orgId)}/approval-rules`),
    meta: { needsPerson: true },
  });

export const approvalSettingsQuery = (orgId: string) =>
  queryOptions({
    queryKey: ['orgs', orgId, 'approval-settings'],
    queryFn: () => api<{ holdHours: number }>(`/api/v1/orgs/${encodeURIComponent(orgId)}/approval-settings`),
    meta: { needsPerson: true },
  });

export interface CheckoutOptions {
  cart: {
    lines: {
      variantId: string;
      sku: string;
      name: string;
      unit: string;
      quantity: number;
      lineTotal: number | null;
    }[];
    itemsTotal: number;
  };
  addresses: { id: string; label: string | null; text: string; isDefault: boolean }[];
  addressId: string | null;
  deliveryQuotes: {
    methodId: string;
    kind: string;
    name: string;
    available: boolean;
    cost: number | null;
    deliveryDate: string | null;
    reason: string | null;
  }[];
  paymentMethods: string[];
  savedCards: { id: string; title: string }[];
  credit: { limit: number; used: number; available: number } | null;
  approvalExpected: boolean;
}

export const checkoutQuery = (scope: OrderScope, source: CheckoutSource, addressId: string | null) =>
  queryOptions({
    queryKey: [...keyOf(scope), 'checkout', source, addressId],
    queryFn: () =>
      api<CheckoutOptions>(`${apiBase(scope)}/checkout/options`, {
        method: 'POST',
        json: { ...sourceBody(source), ...(addressId ? { addressId } : {}) },
      }),
    enabled: source.cartId !== null || source.lines.length > 0,
    meta: { needsPerson: true },
  });

/** Kopecks as money in the UI language. */
export function formatMoney(kopecks: number, locale: string, currency = 'RUB') {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(kopecks / 100);
}
