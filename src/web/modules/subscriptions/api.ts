import { queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api';

export interface Plan {
  id: string;
  nameRu: string;
  nameEn: string;
  descriptionRu: string;
  descriptionEn: string;
  price: number;
  period: 'month' | 'weeks';
  intervalWeeks: number | null;
  isActive: boolean;
}

export interface Subscription {
  id: string;
  kind: 'product' | 'plan';
  title: string;
  variantId: string | null;
  productId: string | null;
  quantity: number | null;
  intervalWeeks: number | null;
  planId: string | null;
  plan: Plan | null;
  deliveryMethodId: string | null;
  addressId: string | null;
  savedMethodId: string | null;
  status: 'active' | 'paused' | 'canceled';
  nextDate: string;
  pausedUntil: string | null;
  pauseReason: string | null;
  retryAt: string | null;
  failedAttempts: number;
  createdAt: string;
  canceledAt: string | null;
}

export interface Charge {
  id: string;
  periodDate: string;
  status: 'pending' | 'paid' | 'failed';
  attempts: number;
  orderId: string | null;
  paymentId: string | null;
  amount: number | null;
  lastError: string | null;
  updatedAt: string;
}

export interface SubscriptionDetail extends Subscription {
  history: { id: string; kind: string; actor: string; data: Record<string, unknown>; createdAt: string }[];
  charges: Charge[];
}

export interface Preferences {
  reorderReminders: boolean;
  subscriptionNotices: boolean;
}

export interface SavedCard {
  id: string;
  cardLast4: string | null;
  cardBrand: string | null;
  expiryMonth: number | null;
  expiryYear: number | null;
}

export const base = '/api/v1/me/subscriptions';

export const subscriptionsQuery = () =>
  queryOptions({ queryKey: ['subscriptions'], queryFn: () => api<{ items: Subscription[] }>(base) });
export const subscriptionQuery = (id: string) =>
  queryOptions({ queryKey: ['subscriptions', id], queryFn: () => api<SubscriptionDetail>(`${base}/${id}`) });
export const plansQuery = () =>
  queryOptions({
    queryKey: ['subscriptions', 'plans'],
    queryFn: () => api<{ items: Plan[] }>(`${base}/plans`),
  });
export const remindersQuery = () =>
  queryOptions({
    queryKey: ['reminders'],
    queryFn: () => api<{ items: unknown[]; preferences: Preferences }>('/api/v1/me/reminders'),
  });
export const cardsQuery = () =>
  queryOptions({
    queryKey: ['payment-methods'],
    queryFn: () => api<{ items: SavedCard[] }>('/api/v1/me/payment-methods'),
  });

export const cardTitle = (c: SavedCard) =>
  `${c.cardBrand ?? ''} •••• ${c.cardLast4 ?? '????'}${c.expiryMonth ? ` (${String(c.expiryMonth).padStart(2, '0')}/${String(c.expiryYear ?? '').slice(-2)})` : ''}`.trim();

/** Rubles from kopecks in the UI language. */
export const money = (kopecks: number, locale: string) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'RUB' }).format(kopecks / 100);

/** A calendar date (YYYY-MM-DD) in the UI language. */
export const day = (value: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${value.slice(0, 10)}T00:00:00Z`),
  );

/** Today plus days, as YYYY-MM-DD. */
export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Runs an action on a subscription. */
export const act = (id: string, action: 'skip' | 'resume' | 'cancel' | 'pause', json: object = {}) =>
  api<SubscriptionDetail>(`${base}/${id}/${action}`, { method: 'POST', json });
