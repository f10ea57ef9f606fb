import { queryOptions } from '@tanstack/react-query';
import { ApiError, api } from '../../app/api';

export interface Tier {
  code: string;
  name: string;
  names: { ru: string; en: string };
  minSpend: number;
  accrualBp: number;
  position: number;
}
export interface AdminTier extends Tier {
  holders: number;
}
export interface LoyaltyCard {
  number: string;
  holderName: string;
  tier: Tier | null;
  progress: { spend: number; periodDays: number; next: (Tier & { spendLeft: number }) | null };
  qrSvg: string;
  barcodeSvg: string;
}
export interface TillResult {
  number: string;
  personId: string;
  name: string;
  phone: string | null;
  email: string | null;
  tier: Tier | null;
  balance: number;
  status: 'active' | 'blocked';
}
export interface TierInput {
  names: { ru: string; en: string };
  minSpend: number;
  accrualBp: number;
  position: number;
}

export const cardQuery = queryOptions({
  queryKey: ['loyalty-card', 'card'],
  meta: { needsPerson: true },
  queryFn: () => api<LoyaltyCard>('/api/v1/me/loyalty/card'),
});

export const tillQuery = (number: string) =>
  queryOptions({
    queryKey: ['loyalty-card', 'till', number],
    queryFn: () => api<TillResult>(`/api/v1/admin/loyalty/cards/${encodeURIComponent(number)}`),
    retry: false,
  });

const tiersBase = '/api/v1/admin/loyalty/tiers';
export const tiersKey = ['loyalty-card', 'tiers'] as const;
export const tiersQuery = queryOptions({
  queryKey: tiersKey,
  queryFn: () => api<{ items: AdminTier[]; periodDays: number }>(tiersBase),
});

/** A write to the tier admin API. */
export function sendTiers<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, json?: unknown) {
  return api<T>(`${tiersBase}${path}`, { method, ...(json === undefined ? {} : { json }) });
}

/** The tier's name in the UI language. */
export const tierName = (tier: Pick<Tier, 'names'>, language: string) =>
  language.startsWith('en') ? tier.names.en : tier.names.ru;

/** Kopecks as money in the UI language. */
export const money = (kopecks: number, locale: string) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'RUB', maximumFractionDigits: 0 }).format(
    kopecks / 100,
  );

/** `2 000000 000015`: the digits grouped as printed under an EAN-13. */
export const groupedNumber = (n: string) => `${n.slice(0, 1)} ${n.slice(1, 7)} ${n.slice(7)}`;

/** An API error's message with its field reasons. */
export function problemText(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const fields = error.errors.map((e) => `${e.path.replace(/^(body|params)\./, '')}: ${e.message}`);
  return fields.length ? fields.join('; ') : error.message;
}
