import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, queryRows } from '../../../server/core/db.js';
import { AppError } from '../../../server/core/errors.js';
import { decodeCursor, encodeCursor } from '../../../server/core/pagination.js';
import type { PricingContext } from '../pricing/pricing.types.js';
import type { CatalogSort, ProductCard, ProductListQuery } from './browse.schema.js';
import { loadCards } from './cards.js';
import { loadFacets } from './facets.js';
import { filterPredicates, parsePropertyFilters } from './filters.js';
import { listPriceSql } from './list-price.js';
import { searchHitsCte } from './search.js';

interface SortSpec {
  /** The sort value besides the id (null: the id alone, for "newest"). */
  key: SQL | null;
  keyType: 'text' | 'number';
  dir: 'asc' | 'desc';
}

/** Sort orders; each ends on the product id, so the keyset (key, id) is unique and pages never overlap. */
function sortSpec(ctx: PricingContext, sort: CatalogSort): SortSpec {
  const price = sql`(${listPriceSql(ctx, sql`dv.id`)})::float8`;
  switch (sort) {
    case 'relevance':
      return { key: sql`h.score`, keyType: 'number', dir: 'desc' };
    case 'price_asc':
      return { key: sql`coalesce(${price}, 1e16::float8)`, keyType: 'number', dir: 'asc' };
    case 'price_desc':
      return { key: sql`coalesce(${price}, -1::float8)`, keyType: 'number', dir: 'desc' };
    // Product ids are UUID v7, ordered by creation time: the primary key is the "newest" index.
    case 'newest':
      return { key: null, keyType: 'number', dir: 'desc' };
    default:
      return { key: sql`p.name`, keyType: 'text', dir: 'asc' };
  }
}

const cursorShape = z.tuple([z.string(), z.union([z.string(), z.number(), z.null()]), z.uuid()]);

const invalidCursor = () =>
  new AppError('VALIDATION_FAILED', 'The cursor is not valid', [
    { path: 'cursor', message: 'Use the nextCursor of the previous page, with the same sort' },
  ]);

/** The keyset condition "after the cursor" for a sort; a cursor of another sort is a 400. */
function afterCursor(spec: SortSpec, sort: CatalogSort, cursor: string): SQL {
  const [cursorSort, key, id] = decodeCursor(cursor, cursorShape);
  if (cursorSort !== sort) throw invalidCursor();
  const op = spec.dir === 'asc' ? sql`>` : sql`<`;
  if (!spec.key) return sql`p.id ${op} ${id}::uuid`;
  if (typeof key !== (spec.keyType === 'text' ? 'string' : 'number')) throw invalidCursor();
  const value = spec.keyType === 'text' ? sql`${key}::text` : sql`${key}::float8`;
  return sql`(${spec.key}, p.id) ${op} (${value}, ${id}::uuid)`;
}

/**
 * One page of the catalog for a context: visible products matching the filters and search, in the sort asked
 * for (relevance when searching, otherwise name), with facet counts when asked. Fixed queries per page: the
 * keyset page of ids, then cards (rows, prices, stock), and the facets aggregate.
 */
export async function listProducts(
  db: Db,
  ctx: PricingContext,
  query: ProductListQuery,
): Promise<{
  items: ProductCard[];
  nextCursor: string | null;
  facets?: Awaited<ReturnType<typeof loadFacets>>;
}> {
  const properties = parsePropertyFilters(query);
  const sort: CatalogSort =
    query.sort === 'relevance' && !query.q ? 'name' : (query.sort ?? (query.q ? 'relevance' : 'name'));
  const spec = sortSpec(ctx, sort);
  const where = filterPredicates(ctx, query, properties);
  const filtered = [...where];
  if (query.cursor) where.push(afterCursor(spec, sort, query.cursor));
  const dir = spec.dir === 'asc' ? sql`asc` : sql`desc`;
  const order = spec.key ? sql`${spec.key} ${dir}, p.id ${dir}` : sql`p.id ${dir}`;
  const withHits = query.q ? sql`with ${searchHitsCte(query.q)}` : sql``;
  const joinHits = query.q ? sql`join hits h on h.id = p.id` : sql``;
  const rows = await queryRows<{ id: string; sort_key: string | number | null }>(
    db,
    sql`${withHits} select p.id, ${spec.key ?? sql`null`} as sort_key
      from products p
      left join product_variants dv on dv.product_id = p.id and dv.is_default
      ${joinHits}
      where ${sql.join(where, sql` and `)}
      order by ${order}
      limit ${query.limit + 1}`,
  );
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  const last = page.at(-1);
  const [items, facets] = await Promise.all([
    loadCards(
      db,
      ctx,
      page.map((r) => r.id),
    ),
    query.facets ? loadFacets(db, ctx, query.q ?? null, filtered) : Promise.resolve(undefined),
  ]);
  return {
    items,
    nextCursor: hasMore && last ? encodeCursor([sort, last.sort_key ?? '', last.id]) : null,
    ...(facets ? { facets } : {}),
  };
}
