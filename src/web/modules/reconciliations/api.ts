import { queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api';

export type ReconciliationStatus =
  | 'queued'
  | 'running'
  | 'ready'
  | 'failed'
  | 'confirmed'
  | 'disputed'
  | 'resolved';

export interface Reconciliation {
  id: string;
  companyId: string;
  from: string;
  to: string;
  status: ReconciliationStatus;
  progress: number;
  error: string | null;
  documentId: string | null;
  documentUrl: string | null;
  opening: number | null;
  debit: number | null;
  credit: number | null;
  closing: number | null;
  confirmedAt: string | null;
  disputedAt: string | null;
  resolvedAt: string | null;
  resolution: string | null;
  createdAt: string;
}

export interface ReconciliationLine {
  lineId: number;
  date: string;
  description: string;
  debit: number;
  credit: number;
}

export interface ReconciliationDispute {
  lineId: number;
  comment: string;
  theirAmount: number | null;
  answer: 'resolved' | 'rejected' | null;
  answerComment: string | null;
}

export interface ReconciliationDetail extends Reconciliation {
  lines: ReconciliationLine[];
  disputes: ReconciliationDispute[];
}

/** While an act is being drawn up the pages poll it. */
export const inProgress = (s: ReconciliationStatus) => s === 'queued' || s === 'running';

const poll = (busy: boolean) => (busy ? 1000 : false);

export const listQuery = (orgId: string) =>
  queryOptions({
    queryKey: ['reconciliations', orgId],
    queryFn: () =>
      api<{ items: Reconciliation[]; nextCursor: string | null }>(
        `/api/v1/orgs/${orgId}/finance/reconciliations`,
        { query: { limit: 100 } },
      ),
    refetchInterval: (q) => poll(Boolean(q.state.data?.items.some((i) => inProgress(i.status)))),
  });

export const actQuery = (orgId: string, id: string) =>
  queryOptions({
    queryKey: ['reconciliations', orgId, id],
    queryFn: () => api<ReconciliationDetail>(`/api/v1/orgs/${orgId}/finance/reconciliations/${id}`),
    refetchInterval: (q) => poll(Boolean(q.state.data && inProgress(q.state.data.status))),
  });

export const disputedQuery = queryOptions({
  queryKey: ['reconciliations', 'admin', 'disputed'],
  queryFn: () =>
    api<{ items: Reconciliation[]; nextCursor: string | null }>('/api/v1/admin/reconciliations', {
      query: { status: 'disputed', limit: 100 },
    }),
});

export const adminActQuery = (id: string) =>
  queryOptions({
    queryKey: ['reconciliations', 'admin', id],
    queryFn: () => api<ReconciliationDetail>(`/api/v1/admin/reconciliations/${id}`),
  });

/** Kopecks as roubles in the UI language. */
export function money(kopecks: number | null, locale: string) {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'RUB' }).format((kopecks ?? 0) / 100);
}

/** A calendar day 'YYYY-MM-DD' in the UI language (no time zone shift). */
export function day(value: string, locale: string) {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${value}T00:00:00Z`),
  );
}

/** The last full quarter before today, '2026-Q3'. */
export function lastFullQuarter(today = new Date()): string {
  const q = Math.floor(today.getMonth() / 3);
  return q === 0 ? `${today.getFullYear() - 1}-Q4` : `${today.getFullYear()}-Q${q}`;
}

/** The quarters to offer: the last eight full ones, newest first. */
export function recentQuarters(today = new Date()): string[] {
  const out: string[] = [];
  let [year, q] = lastFullQuarter(today).split('-Q').map(Number) as [number, number];
  for (let i = 0; i < 8; i++) {
    out.push(`${year}-Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      year -= 1;
    }
  }
  return out;
}
