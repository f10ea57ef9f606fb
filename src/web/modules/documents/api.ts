import { type QueryClient, queryOptions } from '@tanstack/react-query';
import { ApiError, api } from '../../app/api';

export const documentKinds = [
  'invoice',
  'upd',
  'act',
  'reconciliation',
  'order_confirmation',
  'external',
] as const;
export const documentStatuses = ['issued', 'paid', 'cancelled'] as const;
export type DocumentKind = (typeof documentKinds)[number];
export type DocumentStatus = (typeof documentStatuses)[number];

/** A finance document as GET /api/v1/orgs/:orgId/documents answers it (docs/documents.md). */
export interface CompanyDocument {
  id: string;
  kind: DocumentKind;
  number: string;
  date: string;
  orderId: string | null;
  orderNumber?: string | null;
  /** Kopecks. */
  amount: number;
  vatAmount: number;
  status: DocumentStatus;
  source: string;
  fileName: string;
  size: number;
  createdAt: string;
  /** The file (attachment); add `?disposition=inline` for the preview frame. */
  url: string;
}

export interface DocumentPage {
  items: CompanyDocument[];
  nextCursor: string | null;
}

export type DocumentFilters = Partial<
  Record<'kind' | 'status' | 'from' | 'to' | 'orderNumber' | 'orderId', string>
>;

const base = (orgId: string) => `/api/v1/orgs/${encodeURIComponent(orgId)}/documents`;
export const documentsKey = (orgId: string) => ['orgs', orgId, 'documents'];

export const documentPage = (orgId: string, filters: DocumentFilters, cursor: string | null, limit = 20) =>
  api<DocumentPage>(base(orgId), { query: { ...filters, limit, cursor } });

/** The documents of one order (the order page's block). */
export const orderDocumentsQuery = (orgId: string, orderId: string) =>
  queryOptions({
    queryKey: [...documentsKey(orgId), 'order', orderId],
    queryFn: () => documentPage(orgId, { orderId }, null, 50),
    meta: { needsPerson: true },
  });

export type InvoiceRequest = { orderId: string } | { amount: number; purpose: string };

/** Requests an invoice; the answer is the new document, or the order's live invoice (`created` false). */
export async function requestInvoice(orgId: string, body: InvoiceRequest) {
  const response = await fetch(`${base(orgId)}/invoices`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json' },
    body: JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, data);
  return { document: data as CompanyDocument, created: response.status === 201 };
}

export const invalidateDocuments = (client: QueryClient, orgId: string) =>
  client.invalidateQueries({ queryKey: documentsKey(orgId) });

/** The file link: `inline` for the preview frame. */
export const fileUrl = (doc: CompanyDocument, inline = false) =>
  inline ? `${doc.url}?disposition=inline` : doc.url;

/** Downloads the chosen documents as one ZIP (POST …/documents/archive) through a temporary link. */
export async function downloadArchive(orgId: string, ids: string[]) {
  const response = await fetch(`${base(orgId)}/archive`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ids }),
  });
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => ({})));
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1];
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name ?? 'documents.zip';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Kopecks as roubles in the UI language. */
export const formatRub = (kopecks: number, locale: string) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'RUB' }).format(kopecks / 100);

/** A calendar day `YYYY-MM-DD` in the UI language, without a time zone shift. */
export const formatDay = (day: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
