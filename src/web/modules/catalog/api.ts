import {
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api } from '../../app/api';
import type { CatalogScope } from './scope';
import { type CatalogFilters, filtersToQuery } from './search-params';

/**
 * Client half of the shopper catalog API. Every scope answers with the same shape and that scope's prices:
 * guests `/api/v1/public/catalog`, a person for themselves `/api/v1/me/catalog`, a company member
 * `/api/v1/orgs/{orgId}/catalog`. Money is integer kopecks.
 */

/** The rule that produced a price (pricing.types.ts PriceRule), for the badge that explains it. */
export interface PriceRule {
  source: 'default' | 'group' | 'contract';
  priceListId?: string;
  priceListName: string;
  breakMinQty: number | null;
  discount: { id: string; name: string; percentBp: number; minQty: number; scope: string } | null;
  promo: { id: string; name: string; endsAt: string } | null;
}

/** A price for the scope: per unit, the struck-through base price and the quantity breaks. */
export interface Price {
  currency: string;
  unitPrice: number;
  basePrice: number | null;
  rule: PriceRule;
  breaks?: Array<{ minQty: number; unitPrice: number }>;
}

export interface WarehouseStock {
  warehouseId: string;
  name: string;
  available: number;
  deliveryDays?: number;
}

/**
 * Stock as the scope may see it: companies get the quantity per warehouse, persons and guests only a level
 * ("in stock" / "few left" / "on order") and a delivery estimate.
 */
export interface Stock {
  level: 'in_stock' | 'low' | 'on_order';
  available?: number | null;
  warehouses?: WarehouseStock[] | null;
  deliveryDays?: number | null;
}

export interface ImageRef {
  url: string;
  thumbUrl: string;
  alt: string;
}

/** A product in a list (catalog page, search, favorites). */
export interface ProductSummary {
  id: string;
  sku: string;
  name: string;
  brand: string | null;
  unit: string;
  packSize: number;
  minOrderQty: number;
  image: ImageRef | null;
  category?: { id: string; name: string; slug?: string } | null;
  /** Price of the default variant for one unit (or the minimum order); null when the product has no price here. */
  price: Price | null;
  stock: Stock | null;
  variantCount?: number;
}

export interface Variant {
  id: string;
  sku: string;
  name: string;
  attributes: Record<string, string>;
  isDefault: boolean;
  price: Price | null;
  stock: Stock | null;
}

export interface PropertyValue {
  propertyId: string;
  name: string;
  value: string;
  unit?: string | null;
}

export interface ProductDocument {
  id: string;
  kind: 'certificate' | 'manual' | 'drawing' | 'other';
  title: string;
  fileName: string;
  size: number;
  url: string;
}

/** One product with everything its page shows. */
export interface ProductDetail extends ProductSummary {
  description: string;
  images: ImageRef[];
  properties: PropertyValue[];
  documents: ProductDocument[];
  variants: Variant[];
  weight?: number | null;
  volume?: number | null;
  barcodes?: string[];
  related: ProductSummary[];
  analogues: ProductSummary[];
}

export interface Category {
  id: string;
  parentId: string | null;
  slug: string;
  name: string;
  productCount?: number | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Facet values for the current category and query, for the filter sidebar. */
export interface Facets {
  brands: Array<{ value: string; count?: number }>;
  price: { min: number; max: number } | null;
  warehouses: Array<{ id: string; name: string }>;
  properties: Array<{
    id: string;
    name: string;
    type: 'text' | 'number' | 'list';
    unit?: string | null;
    options?: Array<{ id: string; value: string; count?: number }>;
    min?: number | null;
    max?: number | null;
  }>;
}

/** The answer of the price calculator for one quantity. */
export interface PriceQuote {
  variantId: string;
  quantity: number;
  currency: string;
  unitPrice: number;
  basePrice: number | null;
  total: number;
  rule: PriceRule;
  breaks: Array<{ minQty: number; unitPrice: number }>;
}

export type ListKind = 'favorites' | 'compare' | 'recent';

/** The API prefix of a scope. */
export function catalogApiBase(scope: CatalogScope): string {
  if (scope.kind === 'org') return `/api/v1/orgs/${encodeURIComponent(scope.orgId)}/catalog`;
  return scope.kind === 'me' ? '/api/v1/me/catalog' : '/api/v1/public/catalog';
}

/** A cache key part that differs per scope, so switching company never shows another company's prices. */
const scopeKey = (scope: CatalogScope) => (scope.kind === 'org' ? `org:${scope.orgId}` : scope.kind);

export const categoriesQuery = (scope: CatalogScope) =>
  queryOptions({
    queryKey: ['catalog', scopeKey(scope), 'categories'],
    queryFn: () => api<{ items: Category[] }>(`${catalogApiBase(scope)}/categories`),
    staleTime: 5 * 60_000,
  });

export const PAGE_SIZE = 24;

/** The product list of a category / search with filters, "show more" loading the next cursor page. */
export function useProducts(scope: CatalogScope, filters: CatalogFilters) {
  const query = filtersToQuery(filters);
  return useInfiniteQuery({
    queryKey: ['catalog', scopeKey(scope), 'products', query],
    queryFn: ({ pageParam }) =>
      api<Page<ProductSummary>>(`${catalogApiBase(scope)}/products`, {
        query: { ...query, limit: PAGE_SIZE, cursor: pageParam ?? undefined },
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** Facets of the current category and search (not of the other filters, so options never vanish). */
export function useFacets(scope: CatalogScope, filters: Pick<CatalogFilters, 'category' | 'q'>) {
  return useQuery({
    queryKey: ['catalog', scopeKey(scope), 'facets', filters.category ?? null, filters.q ?? null],
    queryFn: () =>
      api<Facets>(`${catalogApiBase(scope)}/facets`, {
        query: { category: filters.category, q: filters.q },
      }),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

export const productQuery = (scope: CatalogScope, productId: string) =>
  queryOptions({
    queryKey: ['catalog', scopeKey(scope), 'product', productId],
    queryFn: () => api<ProductDetail>(`${catalogApiBase(scope)}/products/${encodeURIComponent(productId)}`),
  });

/** Prices one variant in one quantity through the pricing service (the cost calculator). */
export function usePriceQuote(
  scope: CatalogScope,
  line: { productId: string; variantId: string; quantity: number } | null,
) {
  return useQuery({
    queryKey: ['catalog', scopeKey(scope), 'quote', line],
    queryFn: async () => {
      const answer = await api<{ items: PriceQuote[] }>(`${catalogApiBase(scope)}/price-quote`, {
        method: 'POST',
        json: { lines: [line] },
      });
      const first = answer.items[0];
      if (!first) throw new Error('empty price quote');
      return first;
    },
    enabled: line !== null && line.quantity > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** Favorites, compare or recently viewed of the person (in this scope); never asked for a guest. */
export const listQuery = (scope: CatalogScope, kind: ListKind) =>
  queryOptions({
    queryKey: ['catalog', scopeKey(scope), 'list', kind],
    queryFn: () => api<Page<ProductSummary>>(`${catalogApiBase(scope)}/${kind}`, { query: { limit: 100 } }),
    enabled: scope.kind !== 'public',
    meta: { needsPerson: true },
  });

/** Adds a product to a list or takes it out, then refreshes that list. */
export function useToggleListed(scope: CatalogScope, kind: ListKind) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ productId, listed }: { productId: string; listed: boolean }) =>
      api<unknown>(`${catalogApiBase(scope)}/${kind}/${encodeURIComponent(productId)}`, {
        method: listed ? 'DELETE' : 'PUT',
      }),
    onSettled: () => client.invalidateQueries({ queryKey: listQuery(scope, kind).queryKey }),
  });
}

/** Records that the person opened a product (for "recently viewed"); silent for guests and on failure. */
export function useRecordView(scope: CatalogScope) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (productId: string) =>
      api<unknown>(`${catalogApiBase(scope)}/recent/${encodeURIComponent(productId)}`, { method: 'PUT' }),
    onSuccess: () => client.invalidateQueries({ queryKey: listQuery(scope, 'recent').queryKey }),
  });
}
