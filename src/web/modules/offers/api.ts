import { queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { ProductSummary } from '../catalog/api';
import type { CatalogScope } from '../catalog/scope';

/** Client half of the offers API (docs/offers.md). */

export interface Localized {
  ru: string;
  en: string | null;
}

export type LinkKind = 'category' | 'product' | 'promo_code';
export type Placement = 'home' | 'catalog' | 'both';

export interface Promotion {
  id: string;
  title: Localized;
  text: Localized;
  link: { kind: LinkKind; value: string } | null;
  placement: Placement;
  startsAt: string;
  endsAt: string;
  priority: number;
}

export interface PersonalOffer {
  id: string;
  title: Localized;
  text: Localized;
  promoCode: string | null;
  validUntil: string;
}

export interface MyOffers {
  promotions: Promotion[];
  offers: PersonalOffer[];
  buyAgain: ProductSummary[];
}

/** The text in the reader's language, Russian when there is no English. */
export const pick = (value: Localized, language: string) =>
  language.startsWith('en') && value.en ? value.en : value.ru;

/** "12 мая 2026 г." */
export const dayOf = (value: string, language: string) =>
  new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(new Date(value));

/** `/api/v1/me` or `/api/v1/orgs/{orgId}` for a scope (never the public one). */
export const scopeBase = (scope: CatalogScope) =>
  scope.kind === 'org' ? `/api/v1/orgs/${encodeURIComponent(scope.orgId)}` : '/api/v1/me';

export const myOffersQuery = (scope: CatalogScope, placement: 'home' | 'catalog') =>
  queryOptions({
    queryKey: ['offers', 'mine', scope, placement],
    queryFn: () => api<MyOffers>(`${scopeBase(scope)}/offers`, { query: { placement } }),
    enabled: scope.kind !== 'public',
    // On the home and catalog pages when the person signs out: dropped then, not refetched into a 401.
    meta: { needsPerson: true },
  });

export const boughtTogetherQuery = (scope: CatalogScope, productId: string) =>
  queryOptions({
    queryKey: ['offers', 'together', scope, productId],
    queryFn: () =>
      api<{ items: ProductSummary[] }>(
        `${scopeBase(scope)}/products/${encodeURIComponent(productId)}/bought-together`,
      ),
    enabled: scope.kind !== 'public',
    meta: { needsPerson: true },
  });

export const dismissOffer = (scope: CatalogScope, offerId: string) =>
  api<void>(`${scopeBase(scope)}/offers/${encodeURIComponent(offerId)}/dismiss`, { method: 'POST' });

// Back office

export interface SegmentRules {
  audience: 'retail' | 'company' | 'any';
  newWithinDays?: number | null;
  tierCodes?: string[] | null;
  customerGroupIds?: string[] | null;
  companyKinds?: ('client' | 'partner' | 'supplier')[] | null;
}

export interface Segment {
  id: string;
  name: string;
  description: string | null;
  rules: SegmentRules;
  personIds: string[];
}

export interface AdminPromotion extends Promotion {
  segmentIds: string[];
  active: boolean;
}

export interface AdminOffer extends PersonalOffer {
  segmentIds: string[];
  active: boolean;
  dismissals: number;
}

export interface RecoStatus {
  lastRun: {
    startedAt: string;
    finishedAt: string;
    durationMs: number;
    buyAgainRows: number;
    boughtTogetherRows: number;
  } | null;
  queued: boolean;
  settings: { historyDays: number; minSupport: number; topN: number; buyAgainN: number };
}

const admin = '/api/v1/admin/offers';

export const segmentsQuery = queryOptions({
  queryKey: ['offers-admin', 'segments'],
  queryFn: () => api<{ items: Segment[] }>(`${admin}/segments`),
});
export const segmentPreviewQuery = (id: string) =>
  queryOptions({
    queryKey: ['offers-admin', 'preview', id],
    queryFn: () => api<{ count: number }>(`${admin}/segments/${encodeURIComponent(id)}/preview`),
  });
export const promotionsQuery = queryOptions({
  queryKey: ['offers-admin', 'promotions'],
  queryFn: () => api<{ items: AdminPromotion[] }>(`${admin}/promotions`),
});
export const personalOffersQuery = queryOptions({
  queryKey: ['offers-admin', 'personal'],
  queryFn: () => api<{ items: AdminOffer[] }>(`${admin}/personal`),
});
export const recoStatusQuery = queryOptions({
  queryKey: ['offers-admin', 'reco'],
  queryFn: () => api<RecoStatus>(`${admin}/recommendations`),
});
export const customerGroupsQuery = queryOptions({
  queryKey: ['offers-admin', 'customer-groups'],
  queryFn: () => api<{ items: { id: string; name: string }[] }>('/api/v1/admin/customer-groups'),
});

export const createSegment = (body: Omit<Segment, 'id'>) =>
  api<Segment>(`${admin}/segments`, { method: 'POST', json: body });
export const deleteSegment = (id: string) =>
  api<void>(`${admin}/segments/${encodeURIComponent(id)}`, { method: 'DELETE' });

export interface PromotionDraft {
  titleRu: string;
  titleEn: string | null;
  textRu: string;
  textEn: string | null;
  link: { kind: LinkKind; value: string } | null;
  placement: Placement;
  startsAt: string;
  endsAt: string;
  segmentIds: string[];
  priority: number;
  active: boolean;
}
export const createPromotion = (body: PromotionDraft) =>
  api<AdminPromotion>(`${admin}/promotions`, { method: 'POST', json: body });
export const setPromotion = (id: string, body: PromotionDraft) =>
  api<AdminPromotion>(`${admin}/promotions/${encodeURIComponent(id)}`, { method: 'PUT', json: body });
export const deletePromotion = (id: string) =>
  api<void>(`${admin}/promotions/${encodeURIComponent(id)}`, { method: 'DELETE' });

export interface OfferDraft {
  titleRu: string;
  titleEn: string | null;
  textRu: string;
  textEn: string | null;
  promoCode: string | null;
  validUntil: string;
  segmentIds: string[];
  active: boolean;
}
export const createOffer = (body: OfferDraft) =>
  api<AdminOffer>(`${admin}/personal`, { method: 'POST', json: body });
export const deleteOffer = (id: string) =>
  api<void>(`${admin}/personal/${encodeURIComponent(id)}`, { method: 'DELETE' });
export const recompute = () => api<RecoStatus>(`${admin}/recommendations/recompute`, { method: 'POST' });
