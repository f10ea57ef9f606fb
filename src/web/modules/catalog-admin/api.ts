import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { ApiError, api, type Problem } from '../../app/api';

const base = '/api/v1/admin/catalog';

export type Status = 'active' | 'archived';

/** One row of the back-office product list. */
export interface ProductRow {
  id: string;
  sku: string;
  name: string;
  brand: string | null;
  status: Status;
  categoryId: string | null;
  categoryName: string | null;
  visibleGroupIds: string[] | null;
  price: number | null;
  thumbUrl: string | null;
  updatedAt: string;
}

export interface Variant {
  id: string;
  sku: string;
  name: string;
  attributes: Record<string, string>;
  barcodes: string[];
  isDefault: boolean;
  position: number;
  status: Status;
  prices: { priceListId: string; minQty: number; amount: number }[];
  stock: { warehouseId: string; onHand: number; reserved: number }[];
}

/** The product editor's data (GET /admin/catalog/products/{id}). */
export interface ProductCard {
  id: string;
  sku: string;
  name: string;
  description: string;
  categoryId: string | null;
  brand: string | null;
  unit: string;
  unitCode: string | null;
  packSize: number;
  minOrderQty: number;
  weight: number | null;
  volume: number | null;
  vatRate: number | null;
  status: Status;
  visibleGroupIds: string[] | null;
  variants: Variant[];
  properties: { propertyId: string; optionId: string | null; number: number | null; text: string | null }[];
  relations: { productId: string; kind: 'related' | 'analogue'; sku: string; name: string }[];
  images: {
    id: string;
    alt: string;
    position: number;
    urls: { original: string; medium: string; thumb: string };
  }[];
  documents: { id: string; kind: string; title: string; fileName: string; size: number; url: string }[];
}

export interface Category {
  id: string;
  parentId: string | null;
  slug: string;
  name: string;
  description: string;
  position: number;
  path: string[];
  visibleGroupIds: string[] | null;
  status: Status;
  products: number;
}

export interface Property {
  id: string;
  name: string;
  type: 'text' | 'number' | 'list';
  unit: string | null;
  filterable: boolean;
  options: { id: string; value: string }[];
}

export interface Warehouse {
  id: string;
  name: string;
  address: string | null;
  deliveryDays: number;
  position: number;
  isActive: boolean;
}

export interface PriceList {
  id: string;
  code: string;
  name: string;
  currency: string;
  vatIncluded: boolean;
  isDefault: boolean;
  prices: number;
  assignments: { id: string; customerGroupId: string | null; companyId: string | null }[];
}

export interface Discount {
  id: string;
  name: string;
  companyId: string | null;
  userId: string | null;
  customerGroupId: string | null;
  scope: 'all' | 'category' | 'brand' | 'product';
  categoryId: string | null;
  brand: string | null;
  productId: string | null;
  percent: number;
  minQty: number;
  startsAt: string | null;
  endsAt: string | null;
  active: boolean;
}

export interface Promo {
  id: string;
  name: string;
  productId: string;
  productName: string;
  variantId: string | null;
  amount: number;
  customerGroupIds: string[] | null;
  startsAt: string;
  endsAt: string;
}

export interface ProductFilter {
  q: string;
  status: Status | null;
  categoryId: string | null;
}

export const productsQuery = (filter: ProductFilter) =>
  infiniteQueryOptions({
    queryKey: ['catalog-admin', 'products', filter],
    queryFn: ({ pageParam }) =>
      api<{ items: ProductRow[]; nextCursor: string | null }>(`${base}/products`, {
        query: {
          q: filter.q || undefined,
          status: filter.status,
          categoryId: filter.categoryId,
          cursor: pageParam,
          limit: 50,
        },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const productQuery = (id: string) =>
  queryOptions({
    queryKey: ['catalog-admin', 'product', id],
    queryFn: () => api<ProductCard>(`${base}/products/${id}`),
  });

const listOf = <T>(key: string, path: string) =>
  queryOptions({
    queryKey: ['catalog-admin', key],
    queryFn: async () => (await api<{ items: T[] }>(`${base}/${path}`)).items,
  });

export const categoriesQuery = listOf<Category>('categories', 'categories');
export const propertiesQuery = listOf<Property>('properties', 'properties');
export const warehousesQuery = listOf<Warehouse>('warehouses', 'warehouses');
export const priceListsQuery = listOf<PriceList>('price-lists', 'price-lists');
export const promosQuery = listOf<Promo>('promotions', 'promotions');
export const groupsQuery = listOf<{ id: string; name: string }>('groups', 'customer-groups');
export const discountsQuery = queryOptions({
  queryKey: ['catalog-admin', 'discounts'],
  queryFn: async () =>
    (await api<{ items: Discount[] }>(`${base}/discounts`, { query: { limit: 100 } })).items,
});

/** Sends a JSON write to the catalog back office. */
export function send<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, json?: unknown) {
  return api<T>(`${base}${path}`, { method, ...(json === undefined ? {} : { json }) });
}

/** Uploads one file (multipart field "file") to a catalog back-office path. */
export async function uploadFile<T>(path: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file);
  const response = await fetch(`${base}${path}`, { method: 'POST', body: form, credentials: 'same-origin' });
  if (!response.ok) {
    let problem: Problem = { status: response.status };
    try {
      problem = (await response.json()) as Problem;
    } catch {
      // The status alone still says what went wrong.
    }
    throw new ApiError(response.status, problem);
  }
  return (await response.json()) as T;
}

/** Field errors of an API error keyed by field (the `body.` prefix removed), for form inputs. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(error.errors.map((e) => [e.path.replace(/^body\./, ''), e.message]));
}

/** Kopecks as money in the UI language ("1 234,50 ₽"). */
export function money(kopecks: number | null, locale: string, currency = 'RUB'): string {
  if (kopecks === null) return '—';
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(kopecks / 100);
}
