/**
 * The catalog view lives in the URL search params, so a link reproduces it: category, search text, sort,
 * brand, price range (roubles), availability, warehouse and property options.
 */
export type SortKey = 'relevance' | 'name' | 'price_asc' | 'price_desc' | 'newest';

export const SORT_KEYS: SortKey[] = ['relevance', 'name', 'price_asc', 'price_desc', 'newest'];

export interface CatalogFilters {
  category?: string;
  q?: string;
  sort?: SortKey;
  brand?: string[];
  priceMin?: number;
  priceMax?: number;
  inStock?: boolean;
  warehouse?: string;
  /** Property id → selected option ids (list properties) or "min..max" (number properties). */
  props?: Record<string, string[]>;
  view?: 'grid' | 'list';
}

const PROP_PREFIX = 'p_';

function text(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return String(value);
}

function list(value: unknown): string[] | undefined {
  const raw = text(value);
  if (!raw) return undefined;
  const items = raw.split(',').filter(Boolean);
  return items.length > 0 ? items : undefined;
}

function amount(value: unknown): number | undefined {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** Reads the filters from the router's parsed search object (values may arrive as numbers or booleans). */
export function filtersFromSearch(search: Record<string, unknown>): CatalogFilters {
  const props: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(search)) {
    const options = key.startsWith(PROP_PREFIX) ? list(value) : undefined;
    if (options) props[key.slice(PROP_PREFIX.length)] = options;
  }
  const sort = text(search.sort);
  const view = text(search.view);
  return {
    category: text(search.category),
    q: text(search.q),
    sort: SORT_KEYS.includes(sort as SortKey) ? (sort as SortKey) : undefined,
    brand: list(search.brand),
    priceMin: amount(search.priceMin),
    priceMax: amount(search.priceMax),
    inStock: search.inStock === true || search.inStock === 'true' || search.inStock === '1' || undefined,
    warehouse: text(search.warehouse),
    props: Object.keys(props).length > 0 ? props : undefined,
    view: view === 'list' ? 'list' : undefined,
  };
}

/** Writes the filters back as flat search params (undefined ones are left out of the URL). */
export function filtersToSearch(filters: CatalogFilters): Record<string, string | undefined> {
  const search: Record<string, string | undefined> = {
    category: filters.category,
    q: filters.q,
    sort: filters.sort,
    brand: filters.brand?.length ? filters.brand.join(',') : undefined,
    priceMin: filters.priceMin === undefined ? undefined : String(filters.priceMin),
    priceMax: filters.priceMax === undefined ? undefined : String(filters.priceMax),
    inStock: filters.inStock ? '1' : undefined,
    warehouse: filters.warehouse,
    view: filters.view,
  };
  for (const [id, options] of Object.entries(filters.props ?? {})) {
    if (options.length > 0) search[`${PROP_PREFIX}${id}`] = options.join(',');
  }
  return search;
}

/** The query parameters of GET …/products for these filters (prices in kopecks). */
export function filtersToQuery(
  filters: CatalogFilters,
): Record<string, string | number | boolean | undefined> {
  const query: Record<string, string | number | boolean | undefined> = {
    category: filters.category,
    q: filters.q,
    sort: filters.sort,
    brand: filters.brand?.join(','),
    priceMin: filters.priceMin === undefined ? undefined : Math.round(filters.priceMin * 100),
    priceMax: filters.priceMax === undefined ? undefined : Math.round(filters.priceMax * 100),
    inStock: filters.inStock || undefined,
    warehouse: filters.warehouse,
  };
  for (const [id, options] of Object.entries(filters.props ?? {})) {
    if (options.length > 0) query[`prop.${id}`] = options.join(',');
  }
  return query;
}

/** How many filters (besides category, search, sort and view) are set, for the "Filters (3)" button. */
export function activeFilterCount(filters: CatalogFilters): number {
  return (
    (filters.brand?.length ? 1 : 0) +
    (filters.priceMin !== undefined || filters.priceMax !== undefined ? 1 : 0) +
    (filters.inStock ? 1 : 0) +
    (filters.warehouse ? 1 : 0) +
    Object.keys(filters.props ?? {}).length
  );
}
