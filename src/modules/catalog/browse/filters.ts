import { type SQL, sql } from 'drizzle-orm';
import { AppError, type FieldProblem } from '../../../server/core/errors.js';
import type { PricingContext } from '../pricing/pricing.types.js';
import type { ProductListQuery } from './browse.schema.js';
import { listPriceSql } from './list-price.js';
import { productVisible, uuidArray } from './visibility.js';

/** A facet filter on one property: some options of a list property, or a range of a number property. */
export type PropertyFilter =
  | { propertyId: string; optionIds: string[] }
  | { propertyId: string; min: number | null; max: number | null };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const known = new Set([
  'limit',
  'cursor',
  'category',
  'q',
  'priceMin',
  'priceMax',
  'inStock',
  'warehouse',
  'brand',
  'sort',
  'facets',
]);

/**
 * Reads the `prop.<propertyId>` keys of a listing query: `a,b` (option ids) or `min..max` (numbers, either end
 * optional). Any other unknown key, or a malformed value, is a 400 with the key as the field path.
 */
export function parsePropertyFilters(query: Record<string, unknown>): PropertyFilter[] {
  const filters: PropertyFilter[] = [];
  const problems: FieldProblem[] = [];
  for (const [key, raw] of Object.entries(query)) {
    if (known.has(key)) continue;
    const propertyId = key.startsWith('prop.') ? key.slice(5) : '';
    if (!uuidPattern.test(propertyId)) {
      problems.push({ path: key, message: 'Unknown parameter (facet filters are prop.<propertyId>)' });
      continue;
    }
    const value = String(raw);
    if (value.includes('..')) {
      const [minText = '', maxText = ''] = value.split('..');
      const min = minText === '' ? null : Number(minText);
      const max = maxText === '' ? null : Number(maxText);
      if ((min !== null && !Number.isFinite(min)) || (max !== null && !Number.isFinite(max))) {
        problems.push({ path: key, message: 'A range is min..max with numbers (either end may be empty)' });
      } else filters.push({ propertyId, min, max });
      continue;
    }
    const optionIds = value.split(',').filter((v) => v !== '');
    if (optionIds.length === 0 || optionIds.length > 50 || !optionIds.every((id) => uuidPattern.test(id))) {
      problems.push({ path: key, message: 'A list of option ids separated by commas' });
    } else filters.push({ propertyId, optionIds });
  }
  const { priceMin, priceMax } = query;
  if (typeof priceMin === 'number' && typeof priceMax === 'number' && priceMin > priceMax) {
    problems.push({ path: 'priceMax', message: 'priceMax must not be below priceMin' });
  }
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', 'The query is not valid', problems);
  return filters;
}

/** Brand names from the comma-separated `brand` parameter. */
export function brandsOf(brand: string | undefined): string[] {
  return (brand ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');
}

/**
 * The WHERE predicates of a listing for products aliased `p` with the default variant `dv`: visibility first,
 * then the category subtree, brands, availability, warehouse, properties and price range.
 */
export function filterPredicates(
  ctx: PricingContext,
  query: ProductListQuery,
  properties: PropertyFilter[],
): SQL[] {
  const where: SQL[] = [productVisible(ctx.customerGroupId)];
  if (query.category) {
    where.push(
      sql`p.category_id = any(array(select sc.id from categories sc where sc.path @> array[${query.category}]::uuid[]))`,
    );
  }
  const brands = brandsOf(query.brand);
  if (brands.length > 0) {
    where.push(
      sql`p.brand in (${sql.join(
        brands.map((b) => sql`${b}`),
        sql`, `,
      )})`,
    );
  }
  if (query.inStock || query.warehouse) {
    const at = query.warehouse ? sql`and s.warehouse_id = ${query.warehouse}::uuid` : sql``;
    where.push(sql`exists (select 1 from product_variants sv join stock s on s.variant_id = sv.id
      join warehouses sw on sw.id = s.warehouse_id and sw.is_active
      where sv.product_id = p.id and sv.status = 'active' and s.available > 0 ${at})`);
  }
  for (const f of properties) {
    const match =
      'optionIds' in f
        ? sql`pv.option_id = any(${uuidArray(f.optionIds)})`
        : sql`pv.number_value between ${f.min ?? -1e18} and ${f.max ?? 1e18}`;
    where.push(sql`exists (select 1 from product_property_values pv
      where pv.product_id = p.id and pv.property_id = ${f.propertyId}::uuid and ${match})`);
  }
  if (query.priceMin !== undefined || query.priceMax !== undefined) {
    where.push(
      sql`${listPriceSql(ctx, sql`dv.id`)} between ${query.priceMin ?? 0} and ${query.priceMax ?? 1e15}`,
    );
  }
  return where;
}
