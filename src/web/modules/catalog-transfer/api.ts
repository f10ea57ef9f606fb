import { queryOptions } from '@tanstack/react-query';
import { ApiError, api, type Problem } from '../../app/api';

export type TransferKind = 'products' | 'prices' | 'stock';
export type TransferFormat = 'xlsx' | 'csv';
export type TransferStatus =
  | 'queued'
  | 'uploaded'
  | 'validating'
  | 'validated'
  | 'applying'
  | 'exporting'
  | 'done'
  | 'failed';

export const kinds: TransferKind[] = ['products', 'prices', 'stock'];

export interface TransferChange {
  row: number;
  sku: string;
  target: string | null;
  minQty?: number;
  action: 'create' | 'update';
  before: string | number | null;
  after: string | number;
  fields?: string[];
}

export interface Transfer {
  id: string;
  direction: 'import' | 'export';
  kind: TransferKind;
  format: TransferFormat;
  status: TransferStatus;
  progress: number;
  fileName: string;
  fileSize: number | null;
  applyMode: 'all' | 'valid' | null;
  counts: {
    rows?: number;
    valid?: number;
    invalid?: number;
    create?: number;
    update?: number;
    unchanged?: number;
  };
  errorCount: number;
  message: string | null;
  createdBy: { id: string; name: string | null };
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  errors?: { row: number; column: string | null; code: string; message: string }[];
  preview?: TransferChange[];
}

const base = '/api/v1/admin/catalog/transfer';

/** Statuses in which a job is still working on the transfer: the page polls until it leaves them. */
export const runningStatuses: TransferStatus[] = [
  'queued',
  'uploaded',
  'validating',
  'applying',
  'exporting',
];
export const isRunning = (t: Transfer | undefined) => !!t && runningStatuses.includes(t.status);

/** One transfer with its report, polled twice a second while its job runs. */
export const transferQuery = (id: string, lang: string) =>
  queryOptions({
    queryKey: ['catalog-transfer', 'transfer', id, lang],
    queryFn: () => api<Transfer>(`${base}/transfers/${id}`, { query: { lang } }),
    refetchInterval: (query) => (isRunning(query.state.data) ? 500 : false),
  });

/** Recent imports and exports, refreshed while any of them runs. */
export const historyQuery = (lang: string) =>
  queryOptions({
    queryKey: ['catalog-transfer', 'history', lang],
    queryFn: () =>
      api<{ items: Transfer[]; nextCursor: string | null }>(`${base}/transfers`, {
        query: { limit: 20, lang },
      }),
    refetchInterval: (query) => (query.state.data?.items.some(isRunning) ? 1500 : false),
  });

/** Uploads a file as multipart/form-data (the JSON helper cannot send files). */
export async function uploadImport(kind: TransferKind, file: File, lang: string): Promise<Transfer> {
  const body = new FormData();
  body.append('file', file);
  let response: Response;
  try {
    response = await fetch(`${base}/imports?kind=${kind}&lang=${lang}`, {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { Accept: 'application/json, application/problem+json' },
    });
  } catch (error) {
    throw new ApiError(0, { title: error instanceof Error ? error.message : 'Network error' });
  }
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as Problem;
    throw new ApiError(response.status, problem);
  }
  return (await response.json()) as Transfer;
}

export const applyImport = (id: string, mode: 'all' | 'valid', lang: string) =>
  api<Transfer>(`${base}/imports/${id}/apply`, { method: 'POST', json: { mode }, query: { lang } });

export const startExport = (kind: TransferKind, format: TransferFormat, lang: string) =>
  api<Transfer>(`${base}/exports`, { method: 'POST', json: { kind, format }, query: { lang } });

export const exportFileUrl = (id: string) => `${base}/exports/${id}/file`;
export const errorReportUrl = (id: string, format: TransferFormat, lang: string) =>
  `${base}/imports/${id}/errors?format=${format}&lang=${lang}`;
export const templateUrl = (kind: TransferKind, format: TransferFormat) =>
  `${base}/templates/${kind}?format=${format}`;
