import { queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api';

export interface Timing {
  count: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  measured: number;
  withinSla: number;
  withinSlaShare: number | null;
}

/** GET /api/v1/admin/support/reports */
export interface SupportReport {
  period: { from: string; to: string };
  totals: {
    created: number;
    resolved: number;
    openNow: number;
    firstResponseBreached: number;
    resolutionBreached: number;
  };
  byDay: { date: string; created: number; resolved: number }[];
  byTopic: {
    topicId: string | null;
    nameRu: string | null;
    nameEn: string | null;
    created: number;
    resolved: number;
    medianFirstResponseMinutes: number | null;
    csatAverage: number | null;
  }[];
  firstResponse: Timing;
  resolution: Timing;
  csat: {
    average: number | null;
    count: number;
    distribution: { rating: number; count: number }[];
    satisfiedShare: number | null;
  };
  operators: {
    operatorId: string;
    name: string;
    assigned: number;
    responded: number;
    resolved: number;
    medianFirstResponseMinutes: number | null;
    csatAverage: number | null;
    csatCount: number;
  }[];
}

export interface ReportParams {
  from: string;
  to: string;
  queueId: string | null;
  topicId: string | null;
}

interface Named {
  id: string;
  nameRu: string;
  nameEn: string;
  active: boolean;
}

export const reportQuery = (p: ReportParams) =>
  queryOptions({
    queryKey: ['admin', 'support', 'reports', p],
    queryFn: () => api<SupportReport>('/api/v1/admin/support/reports', { query: { ...p } }),
  });

export const filtersQuery = queryOptions({
  queryKey: ['admin', 'support', 'reports', 'filters'],
  queryFn: () => api<{ queues: Named[]; topics: Named[] }>('/api/v1/admin/support/reports/filters'),
  staleTime: 5 * 60_000,
});

/** The XLSX link for the same parameters, in the UI language. */
export function xlsxUrl(p: ReportParams, lang: string) {
  const q = new URLSearchParams({ from: p.from, to: p.to, lang: lang === 'en' ? 'en' : 'ru' });
  if (p.queueId) q.set('queueId', p.queueId);
  if (p.topicId) q.set('topicId', p.topicId);
  return `/api/v1/admin/support/reports.xlsx?${q}`;
}
