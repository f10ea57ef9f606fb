import { queryOptions } from '@tanstack/react-query';
import type { OrderDiscount } from '../../../shared/orders';
import { ApiError, api } from '../../app/api';

/** POST {scope}/checkout/discounts */
export interface DiscountsPreview {
  itemsTotal: number;
  discounts: OrderDiscount[];
  lineDiscounts: number[];
  amount: number;
  deliveryCost: number;
  total: number;
  bonus: { balance: number; maxPoints: number } | null;
}

export interface PreviewRequest {
  source: Record<string, unknown>;
  promoCode?: string | undefined;
  bonusPoints?: number | undefined;
  deliveryCost: number;
}

export const previewDiscounts = (apiBase: string, r: PreviewRequest) =>
  api<DiscountsPreview>(`${apiBase}/checkout/discounts`, {
    method: 'POST',
    json: {
      ...r.source,
      ...(r.promoCode ? { promoCode: r.promoCode } : {}),
      ...(r.bonusPoints ? { bonusPoints: r.bonusPoints } : {}),
      deliveryCost: r.deliveryCost,
    },
  });

export const previewQuery = (apiBase: string, r: PreviewRequest) =>
  queryOptions({
    queryKey: ['checkout-discounts', apiBase, r],
    queryFn: () => previewDiscounts(apiBase, r),
    retry: false,
  });

/** A refusal of the code: its reason word and, for the minimum, the kopecks missing. */
export interface Refusal {
  field: 'promoCode' | 'bonusPoints';
  reason: string;
  missing?: number;
  text: string;
}

/** Reads a 400's promo-code or bonus-points problem; null for any other error. */
export function refusalOf(error: unknown): Refusal | null {
  if (!(error instanceof ApiError) || error.status !== 400) return null;
  const main = error.errors.find((e) => e.path === 'promoCode' || e.path === 'bonusPoints');
  if (!main) return null;
  const [reason = '', ...rest] = main.message.split(':');
  const missing = error.errors.find((e) => e.path === 'promoCode.missing');
  return {
    field: main.path as Refusal['field'],
    reason: reason.trim(),
    text: rest.join(':').trim() || main.message,
    ...(missing ? { missing: Number(missing.message) } : {}),
  };
}

export interface Promotion {
  id: string;
  name: string;
  description: string | null;
  kind: 'percent' | 'fixed';
  value: number;
  target: 'order' | 'categories' | 'products';
  targetIds: string[];
  minOrderAmount: number;
  startsAt: string | null;
  endsAt: string | null;
  usageLimit: number | null;
  perPersonLimit: number | null;
  audience: 'retail' | 'company' | 'both';
  combinableWithPoints: boolean;
  appliesToContract: boolean;
  appliesToDiscounted: boolean;
  active: boolean;
  publicCode: string | null;
  uses: number;
  discountGiven: number;
  personalCodes: number;
  createdAt: string;
}

export interface Batch {
  id: string;
  promotionId: string;
  prefix: string;
  size: number;
  used: number;
  createdAt: string;
}

export interface UsageReport {
  period: { from: string; to: string };
  totals: { uses: number; discountGiven: number; released: number };
  byPromotion: { promotionId: string; name: string; uses: number; discountGiven: number; released: number }[];
  byDay: { date: string; uses: number; discountGiven: number }[];
}

export const promotionsQuery = queryOptions({
  queryKey: ['admin', 'promotions'],
  queryFn: () => api<{ items: Promotion[] }>('/api/v1/admin/promotions'),
});

export const batchesQuery = (id: string) =>
  queryOptions({
    queryKey: ['admin', 'promotions', id, 'batches'],
    queryFn: () => api<{ items: Batch[] }>(`/api/v1/admin/promotions/${id}/batches`),
  });

export const reportQuery = (from: string, to: string) =>
  queryOptions({
    queryKey: ['admin', 'promotions', 'report', from, to],
    queryFn: () => api<UsageReport>('/api/v1/admin/promotions/report', { query: { from, to } }),
  });

export const formatMoney = (kopecks: number, locale: string) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'RUB' }).format(kopecks / 100);
