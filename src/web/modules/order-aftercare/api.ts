import { queryOptions } from '@tanstack/react-query';
import { ApiError, api } from '../../app/api';

export interface TrackingEvent {
  id: string;
  at: string;
  status: string;
  description: string | null;
  location: string | null;
  lat: number | null;
  lon: number | null;
  source: 'carrier' | 'manager';
}

export interface Shipment {
  id: string;
  number: string;
  carrier: string | null;
  trackingNumber: string | null;
  status: string;
  expectedDate: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
  lastLocation: { name: string | null; lat: number; lon: number } | null;
  lines: { lineId: string; sku: string; name: string; quantity: number }[];
  events: TrackingEvent[];
}

export interface Attachment {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  url: string;
}

export interface ReturnRequest {
  id: string;
  number: string;
  orderId: string;
  orderNumber: string;
  kind: string;
  status: string;
  reason: string;
  comment: string | null;
  amount: number;
  refundedAmount: number;
  managerComment: string | null;
  lines: { lineId: string; sku: string; name: string; quantity: number }[];
  attachments: Attachment[];
  createdAt: string;
}

export interface Claim {
  id: string;
  number: string;
  orderId: string;
  orderNumber: string;
  shipmentId: string | null;
  kind: string;
  status: string;
  description: string;
  requestedResolution: string | null;
  managerAnswer: string | null;
  lines: { lineId: string; sku: string; name: string; quantity: number }[];
  attachments: Attachment[];
  createdAt: string;
}

/** The order lines a return or claim form offers (from the order detail, when the orders module serves it). */
export interface OrderLine {
  id: string;
  sku: string;
  name: string;
  quantity: number;
  shippedQuantity: number;
}

/** `/api/v1/me` or `/api/v1/orgs/<id>`: the scope of a customer page. */
export const scopeBase = (orgId?: string) => (orgId ? `/api/v1/orgs/${orgId}` : '/api/v1/me');

export const trackingQuery = (orderId: string, orgId?: string) =>
  queryOptions({
    queryKey: ['order-aftercare', 'tracking', orgId ?? 'me', orderId],
    queryFn: () => api<{ shipments: Shipment[] }>(`${scopeBase(orgId)}/orders/${orderId}/tracking`),
  });

export const orderLinesQuery = (orderId: string, orgId?: string) =>
  queryOptions({
    queryKey: ['order-aftercare', 'order', orgId ?? 'me', orderId],
    queryFn: () =>
      api<{ number: string; lines: OrderLine[]; shipments: Shipment[] }>(
        `${scopeBase(orgId)}/orders/${orderId}`,
      ),
  });

export const myReturnsQuery = queryOptions({
  queryKey: ['order-aftercare', 'returns'],
  queryFn: () => api<{ items: ReturnRequest[]; nextCursor: string | null }>('/api/v1/me/returns?limit=100'),
});

export const claimsQuery = (orgId: string) =>
  queryOptions({
    queryKey: ['order-aftercare', 'claims', orgId],
    queryFn: () =>
      api<{ items: Claim[]; nextCursor: string | null }>(`/api/v1/orgs/${orgId}/claims?limit=100`),
  });

export const claimQuery = (orgId: string, id: string) =>
  queryOptions({
    queryKey: ['order-aftercare', 'claim', orgId, id],
    queryFn: () => api<Claim>(`/api/v1/orgs/${orgId}/claims/${id}`),
  });

/** Sends a multipart request: the `data` JSON field and the files under `field`. */
export async function sendWithFiles<T>(
  path: string,
  data: unknown,
  field: string,
  files: File[],
): Promise<T> {
  const form = new FormData();
  form.set('data', JSON.stringify(data));
  for (const file of files) form.append(field, file);
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: { Accept: 'application/json, application/problem+json' },
    });
  } catch (error) {
    throw new ApiError(0, { title: error instanceof Error ? error.message : 'Network error' });
  }
  const body = await response.json().catch(() => ({ title: response.statusText }));
  if (!response.ok) throw new ApiError(response.status, { status: response.status, ...body });
  return body as T;
}

/** Kopecks as money in the UI language. */
export const money = (kopecks: number, locale: string) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'RUB' }).format(kopecks / 100);
