import { queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api';

/** A company's finance figures, kopecks (GET /orgs/:orgId/finance/summary). */
export interface FinanceSummary {
  balance: number;
  receivable: number;
  overdue: number;
  creditLimit: number | null;
  creditUsed: number;
  creditAvailable: number;
  unallocatedCredit: number;
}

export interface ScheduleItem {
  orderId: string;
  number: string;
  total: number;
  paidAmount: number;
  amountDue: number;
  shippedOn: string | null;
  dueDate: string | null;
  daysOverdue: number;
}

export interface CompanyPayment {
  id: string;
  amount: number;
  allocated: number;
  unallocated: number;
  paidOn: string;
  number: string | null;
  payer: string | null;
  purpose: string | null;
  source: 'backoffice' | '1c' | 'import' | 'card';
  orderId: string | null;
  createdAt: string;
  allocations: {
    orderId: string | null;
    orderNumber: string | null;
    documentId: string | null;
    documentNumber: string | null;
    amount: number;
  }[];
}

export interface PaymentPage {
  items: CompanyPayment[];
  nextCursor: string | null;
}

export interface DebtHistory {
  from: string;
  to: string;
  step: 'day' | 'week';
  points: { date: string; balance: number }[];
}

const org = (orgId: string) => `/api/v1/orgs/${encodeURIComponent(orgId)}/finance`;

export const summaryQuery = (orgId: string) =>
  queryOptions({
    queryKey: ['orgs', orgId, 'finance', 'summary'],
    queryFn: () => api<FinanceSummary>(`${org(orgId)}/summary`),
    meta: { needsPerson: true },
  });

export const scheduleQuery = (orgId: string) =>
  queryOptions({
    queryKey: ['orgs', orgId, 'finance', 'schedule'],
    queryFn: () => api<{ items: ScheduleItem[] }>(`${org(orgId)}/schedule`),
    meta: { needsPerson: true },
  });

export const paymentsPath = (orgId: string) => `${org(orgId)}/payments`;

export const historyQuery = (orgId: string, from: string, to: string) =>
  queryOptions({
    queryKey: ['orgs', orgId, 'finance', 'history', from, to],
    queryFn: () => api<DebtHistory>(`${org(orgId)}/debt-history`, { query: { from, to } }),
    meta: { needsPerson: true },
  });

/** 'YYYY-MM-DD' of a date, in UTC (the server counts business days; a day's shift does not matter here). */
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Kopecks as roubles in the UI language. */
export function formatRub(kopecks: number, locale: string) {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'RUB' }).format(kopecks / 100);
}

/** 'YYYY-MM-DD' as a short date in the UI language. */
export function formatDay(day: string, locale: string) {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}
