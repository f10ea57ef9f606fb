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
  priceListName: string;
  breakMinQty: number | null;
  discount: { name: string; percentBp: number; minQty: number; scope: string } | null;
  promo: { name: string; endsAt: string } | null;
}

/** A price for the scope: per unit, the struck-through base price and the quantity breaks. */
export interface Price {
  currency: string;
  unitPrice: number;
  basePrice: number | null;
  /** The quantity priced (the product's minimum order quantity). */
  quantity?: number;
  rule: PriceRule;
  breaks: Array<{ minQty: number; unitPrice: number }>;
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
  level: 'in_stock' | 'few_left' | 'on_order';
  deliveryDays: number;
  available: number | null;
  warehouses: WarehouseStock[] | null;
}

export interface ImageRef {
  id: string;
  url: string;
  mediumUrl: string;
  thumbUrl: string;
  alt: string;
  width: number | null;
  height: number | null;
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
  category: CategoryRef | null;
  /** The default variant (what "add to cart" from a listing adds). */
  variantId: string | null;
  variantCount: number;
  /** Price of the default variant at the minimum order; null when the product has no price in this scope. */
  price: Price | null;
  stock: Stock;
}

export interface CategoryRef {
  id: string;
  name: string;
  slug: string;
}

export interface Variant {
  id: string;
  sku: string;
  name: string;
  attributes: Record<string, string>;
  barcodes: string[];
  isDefault: boolean;
  price: Price | null;
  stock: Stock;
}

/** One specification row: a property of the product with its value as text. */
export interface Specification {
  propertyId: string;
  name: string;
  type: 'text' | 'number' | 'list';
  unit: string | null;
  value: string;
  numberValue: number | null;
  optionId: string | null;
}

export interface ProductDocument {
  id: string;
  kind: 'certificate' | 'manual' | 'drawing' | 'other';
  title: string;
  fileName: string;
  contentType: string;
  size: number;
  url: string;
}

/** One product with everything its page shows. */
export interface ProductDetail extends ProductSummary {
  description: string;
  unitCode: string | null;
  weight: number | null;
  volume: number | null;
  /** The category and its ancestors, root first. */
  categoryPath: CategoryRef[];
  images: ImageRef[];
  specifications: Specification[];
  documents: ProductDocument[];
  variants: Variant[];
  related: ProductSummary[];
  analogues: ProductSummary[];
}

export interface Category {
  id: string;
  parentId: string | null;
  slug: string;
  name: string;
  position: number;
  depth: number;
  /** Visible active products in the category and its subtree. */
  productCount: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Facet counts for the current filter, for the filter sidebar. */
export interface Facets {
  brands: Array<{ brand: string; count: number }>;
  price: { min: number; max: number } | null;
  properties: Array<{
    propertyId: string;
    name: string;
    type: 'text' | 'number' | 'list';
    unit: string | null;
    options: Array<{ optionId: string; value: string; count: number }>;
    min: number | null;
    max: number | null;
  }>;
}

export interface Warehouse {
  id: string;
  name: string;
  address: string | null;
  deliveryDays: number;
}

/** One priced line of the calculator (POST …/catalog/price-quote): its price and rule, or a problem. */
export interface PriceQuoteLine {
  variantId: string;
  productId: string | null;
  quantity: number;
  problem: { code: 'NOT_FOUND' | 'UNAVAILABLE' | 'NO_PRICE'; detail: string } | null;
  currency: string | null;
  unitPrice: number | null;
  listPrice: number | null;
  basePrice: number | null;
  total: number | null;
  rule: PriceRule | null;
  breaks: Array<{ minQty: number; unitPrice: number; listPrice: number | null }>;
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

/**
 * The product list of a category / search with filters, "show more" loading the next cursor page. The first page
 * also brings the facets of the current filter.
 */
export function useProducts(scope: CatalogScope, filters: CatalogFilters, enabled = true) {
  const query = filtersToQuery(filters);
  return useInfiniteQuery({
    queryKey: ['catalog', scopeKey(scope), 'products', query],
    queryFn: ({ pageParam }) =>
      api<Page<ProductSummary> & { facets?: Facets }>(`${catalogApiBase(scope)}/products`, {
        query: {
          ...query,
          limit: PAGE_SIZE,
          cursor: pageParam ?? undefined,
          facets: pageParam ? undefined : true,
        },
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The warehouses the business ships from (the warehouse filter of a company member). */
export const warehousesQuery = (scope: CatalogScope) =>
  queryOptions({
    queryKey: ['catalog', scopeKey(scope), 'warehouses'],
    queryFn: () => api<{ items: Warehouse[] }>(`${catalogApiBase(scope)}/warehouses`),
    enabled: scope.kind !== 'public',
    staleTime: 5 * 60_000,
  });

export const productQuery = (scope: CatalogScope, productId: string) =>
  queryOptions({
    queryKey: ['catalog', scopeKey(scope), 'product', productId],
    queryFn: () => api<ProductDetail>(`${catalogApiBase(scope)}/products/${encodeURIComponent(productId)}`),
    // The lists and compare table ask by id; a product hidden or gone is a 404, never retried.
    staleTime: 30_000,
  });

/** Prices one variant in one quantity through the pricing service (the cost calculator). */
export function usePriceQuote(scope: CatalogScope, line: { variantId: string; quantity: number } | null) {
  return useQuery({
    queryKey: ['catalog', scopeKey(scope), 'quote', line],
    queryFn: async () => {
      const answer = await api<{ lines: PriceQuoteLine[] }>(`${catalogApiBase(scope)}/price-quote`, {
        method: 'POST',
        json: { lines: [line] },
      });
      const first = answer.lines[0];
      if (!first) throw new Error('empty price quote');
      return first;
    },
    enabled: line !== null && line.quantity > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** The compare table: products as columns, the union of their properties as rows (null: no value). */
export interface CompareTable {
  products: ProductSummary[];
  rows: Array<{ propertyId: string; name: string; unit: string | null; values: Array<string | null> }>;
}

const personal = (scope: CatalogScope) => scope.kind !== 'public';

/** Ids in the person's favorites and compare list, so every card marks its heart without a call of its own. */
export const listIdsQuery = (scope: CatalogScope) =>
  queryOptions({
    queryKey: ['catalog', scopeKey(scope), 'list', 'ids'],
    queryFn: () => api<{ favorites: string[]; compare: string[] }>(`${catalogApiBase(scope)}/lists`),
    enabled: personal(scope),
    meta: { needsPerson: true },
  });

/** The person's favorites (first 100) in this scope. */
export const favoritesQuery = (scope: CatalogScope) =>
  queryOptions({
    queryKey: ['catalog', scopeKey(scope), 'list', 'favorites'],
    queryFn: () => api<Page<ProductSummary>>(`${catalogApiBase(scope)}/favorites`, { query: { limit: 100 } }),
    enabled: personal(scope),
    meta: { needsPerson: true },
  });

/** The last products the person opened in this scope. */
export const recentQuery = (scope: CatalogScope) =>
  queryOptions({
    queryKey: ['catalog', scopeKey(scope), 'list', 'recent'],
    queryFn: () => api<{ items: ProductSummary[] }>(`${catalogApiBase(scope)}/recently-viewed`),
    enabled: personal(scope),
    meta: { needsPerson: true },
  });

/** The compare table of the person's compare list. */
export const compareQuery = (scope: CatalogScope) =>
  queryOptions({
    queryKey: ['catalog', scopeKey(scope), 'list', 'compare'],
    queryFn: () => api<CompareTable>(`${catalogApiBase(scope)}/compare`),
    enabled: personal(scope),
    meta: { needsPerson: true },
  });

/** Adds a product to favorites or compare or takes it out, then refreshes the lists of this scope. */
export function useToggleListed(scope: CatalogScope, kind: 'favorites' | 'compare') {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ productId, listed }: { productId: string; listed: boolean }) =>
      api<unknown>(`${catalogApiBase(scope)}/${kind}/${encodeURIComponent(productId)}`, {
        method: listed ? 'DELETE' : 'PUT',
      }),
    onSettled: () => client.invalidateQueries({ queryKey: ['catalog', scopeKey(scope), 'list'] }),
  });
}

/** Records that the person opened a product (for "recently viewed"); never for guests. */
export function useRecordView(scope: CatalogScope) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (productId: string) =>
      api<unknown>(`${catalogApiBase(scope)}/recently-viewed/${encodeURIComponent(productId)}`, {
        method: 'POST',
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: recentQuery(scope).queryKey }),
  });
}
