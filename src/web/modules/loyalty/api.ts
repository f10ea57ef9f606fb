import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api';

export type EntryKind =
  | 'accrual'
  | 'bonus'
  | 'adjustment'
  | 'redemption'
  | 'redemption_reversal'
  | 'accrual_reversal'
  | 'expiration';

export interface LoyaltyEntry {
  id: string;
  kind: EntryKind;
  points: number;
  remaining: number | null;
  expiresAt: string | null;
  orderId: string | null;
  orderNumber: string | null;
  source: string | null;
  reason: string;
  shortfall: number;
  createdAt: string;
}

export interface TierInfo {
  code: string;
  name: string;
  accrualBp: number;
}

/** GET /api/v1/me/loyalty */
export interface MyLoyalty {
  balance: number;
  pointValue: number;
  balanceValue: number;
  expiring: { points: number; at: string }[];
  expiringSoon: number;
  accrualBp: number;
  maxShareBp: number;
  tier: {
    current: TierInfo | null;
    spend: number;
    periodDays: number;
    next: (TierInfo & { minSpend: number; spendLeft: number }) | null;
  };
  birthDate: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const myLoyaltyQuery = queryOptions({
  queryKey: ['loyalty', 'me'],
  queryFn: () => api<MyLoyalty>('/api/v1/me/loyalty'),
  // On the home page when the person signs out: dropped then, not refetched into a 401.
  meta: { needsPerson: true },
});

export const myHistoryQuery = infiniteQueryOptions({
  queryKey: ['loyalty', 'me', 'history'],
  meta: { needsPerson: true },
  queryFn: ({ pageParam }) =>
    api<Page<LoyaltyEntry>>('/api/v1/me/loyalty/history', { query: { limit: 20, cursor: pageParam } }),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.nextCursor ?? undefined,
});

export interface PointsSettings {
  pointValue: number;
  baseAccrualBp: number;
  maxShareBp: number;
  lifetimeDays: number;
  welcomePoints: number;
  birthdayPoints: number;
  birthdayLifetimeDays: number;
  categoryMultipliers: { categoryId: string; multiplierBp: number }[];
}

export const settingsQuery = queryOptions({
  queryKey: ['loyalty', 'admin', 'settings'],
  queryFn: () => api<PointsSettings>('/api/v1/admin/loyalty/settings'),
});

export interface PersonLedger {
  person: { id: string; name: string; email: string };
  balance: number;
  expiring: { points: number; at: string }[];
  cardNumber: string;
  tierCode: string | null;
  entries: Page<LoyaltyEntry>;
}

export const ledgerQuery = (personId: string) =>
  queryOptions({
    queryKey: ['loyalty', 'admin', 'person', personId],
    queryFn: () =>
      api<PersonLedger>(`/api/v1/admin/loyalty/people/${encodeURIComponent(personId)}`, {
        query: { limit: 50 },
      }),
  });

export interface PointsReport {
  from: string;
  to: string;
  months: {
    month: string;
    issued: number;
    spent: number;
    returned: number;
    takenBack: number;
    expired: number;
    adjusted: number;
  }[];
  liability: { points: number; kopecks: number };
  tiers: { tierCode: string | null; accounts: number }[];
}

export interface ReportPeriod {
  from?: string | undefined;
  to?: string | undefined;
}

export const reportQuery = (p: ReportPeriod) =>
  queryOptions({
    queryKey: ['loyalty', 'admin', 'report', p.from ?? '', p.to ?? ''],
    queryFn: () => api<PointsReport>('/api/v1/admin/loyalty/reports', { query: { ...p } }),
  });

export function reportXlsxUrl(p: ReportPeriod, lang: string): string {
  const q = new URLSearchParams();
  if (p.from) q.set('from', p.from);
  if (p.to) q.set('to', p.to);
  q.set('lang', lang === 'en' ? 'en' : 'ru');
  return `/api/v1/admin/loyalty/reports.xlsx?${q}`;
}

/** Rubles from kopecks in the UI language. */
export function rub(kopecks: number, locale: string): string {
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'RUB',
    maximumFractionDigits: 2,
  }).format(kopecks / 100);
}

/** "17 декабря" / "17 December" (Moscow calendar, where the points burn). */
export function dayText(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'Europe/Moscow' }).format(
    new Date(iso),
  );
}

export function dateText(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'Europe/Moscow' }).format(
    new Date(iso),
  );
}
