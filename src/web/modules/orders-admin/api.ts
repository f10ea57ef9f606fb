import type { OrderStatus } from '../../../shared/orders';
import { api } from '../../app/api';
import type { Claim, ReturnRequest, Shipment } from '../order-aftercare/api';

export type { Claim, ReturnRequest, Shipment };

export interface AdminOrderSummary {
  id: string;
  number: string;
  status: OrderStatus;
  paymentState: string;
  paymentMethod: string;
  total: number;
  lineCount: number;
  companyId: string | null;
  companyName: string | null;
  managerId: string | null;
  placedBy: { id: string; name: string };
  createdAt: string;
}

export interface AdminOrder extends AdminOrderSummary {
  itemsTotal: number;
  deliveryCost: number;
  paidAmount: number;
  refundedAmount: number;
  comment: string | null;
  customerEmail: string | null;
  lines: {
    id: string;
    sku: string;
    name: string;
    unit: string;
    quantity: number;
    unitPrice: number;
    lineTotal: number;
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
  shipments: Shipment[];
  returns: ReturnRequest[];
  claims: Claim[];
  can: { edit: boolean; ship: boolean; refund: boolean };
}

/** Where the back office may move an order by hand (`shipped` comes from a shipment). */
export const nextStatuses: Record<OrderStatus, OrderStatus[]> = {
  new: ['confirmed', 'awaiting_payment', 'cancelled'],
  awaiting_approval: ['confirmed', 'cancelled'],
  confirmed: ['awaiting_payment', 'paid', 'assembling', 'cancelled'],
  awaiting_payment: ['paid', 'assembling', 'cancelled'],
  paid: ['assembling', 'cancelled'],
  assembling: ['cancelled'],
  shipped: ['delivered'],
  delivered: ['completed'],
  completed: [],
  cancelled: [],
};

export const returnNext: Record<string, string[]> = {
  requested: ['approved', 'rejected'],
  approved: ['received'],
  received: ['refunded', 'closed'],
  refunded: ['closed'],
  rejected: ['closed'],
  closed: [],
};

export const claimNext: Record<string, string[]> = {
  submitted: ['in_review'],
  in_review: ['accepted', 'rejected'],
  accepted: ['resolved'],
  rejected: ['resolved'],
  resolved: [],
};

const base = '/api/v1/admin';

export const ordersPage = (filters: Record<string, string | undefined>, cursor?: string) =>
  api<{ items: AdminOrderSummary[]; nextCursor: string | null }>(`${base}/orders`, {
    query: { ...filters, limit: 25, cursor },
  });

export const orderOf = (id: string) => api<AdminOrder>(`${base}/orders/${id}`);

/** Sends a JSON write to the orders back office. */
export function send<T>(method: 'POST' | 'PATCH', path: string, json: unknown) {
  return api<T>(`${base}${path}`, { method, json });
}

export const returnsList = (status?: string) =>
  api<{ items: ReturnRequest[] }>(`${base}/returns`, { query: { status, limit: 100 } });
export const claimsList = (status?: string) =>
  api<{ items: Claim[] }>(`${base}/claims`, { query: { status, limit: 100 } });

/** Kopecks as money in the UI language. */
export const money = (kopecks: number, locale: string) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'RUB' }).format(kopecks / 100);
