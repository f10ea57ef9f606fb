import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, queryRows } from '../../../server/core/db.js';
import { AppError } from '../../../server/core/errors.js';
import { decodeCursor, encodeCursor } from '../../../server/core/pagination.js';
import type { PricingContext } from '../pricing/pricing.types.js';
import type { CatalogSort, ProductCard, ProductListQuery } from './browse.schema.js';
import { loadCards } from './cards.js';
import { loadFacets } from './facets.js';
import { filterPredicates, parsePropertyFilters, visibleSubtree } from './filters.js';
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

const cursorShape = z.tuple([z.string(), z.union([z.string(), z.number(), z.null()]), z.guid()]);

const invalidCursor = () =>
  new AppError('VALIDATION_FAILED', 'The cursor is not valid', [
    { path: 'cursor', message: 'Use the nextCursor of the previous page, with the same sort' },
  ]);

/**
 * The keyset condition "after the cursor" for a sort, on the given sort-key and id expressions; a cursor of
 * another sort is a 400.
 */
function afterCursor(spec: SortSpec, sort: CatalogSort, cursor: string, keyRef: SQL | null, idRef: SQL): SQL {
  const [cursorSort, key, id] = decodeCursor(cursor, cursorShape);
  if (cursorSort !== sort) throw invalidCursor();
  const op = spec.dir === 'asc' ? sql`>` : sql`<`;
  if (!keyRef) return sql`${idRef} ${op} ${id}::uuid`;
  if (typeof key !== (spec.keyType === 'text' ? 'string' : 'number')) throw invalidCursor();
  const value = spec.keyType === 'text' ? sql`${key}::text` : sql`${key}::float8`;
  return sql`(${keyRef}, ${idRef}) ${op} (${value}, ${id}::uuid)`;
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
  const subtree = query.category ? await visibleSubtree(db, ctx.customerGroupId, query.category) : null;
  const where = filterPredicates(ctx, query, properties, subtree);
  const dir = spec.dir === 'asc' ? sql`asc` : sql`desc`;
  const hits = query.q ? sql`${searchHitsCte(query.q)},` : sql``;
  const joinHits = query.q ? sql`join hits h on h.id = p.id` : sql``;
  // The default variant is joined only when its list price is needed (price sort or range).
  const needsVariant =
    sort === 'price_asc' ||
    sort === 'price_desc' ||
    query.priceMin !== undefined ||
    query.priceMax !== undefined;
  const joinVariant = needsVariant
    ? sql`left join product_variants dv on dv.product_id = p.id and dv.is_default`
    : sql``;
  const from = sql`from products p ${joinVariant} ${joinHits}`;
  let statement: SQL;
  if (subtree || query.q) {
    // A category or a search narrows the catalog to a few thousand rows: read them by their own indexes first
    // (materialised), then sort. Otherwise PostgreSQL may walk the name or id index over the whole catalog
    // hoping to meet the category's products early, which fails when names correlate with categories.
    const keyRef = spec.key ? sql`c.sort_key` : null;
    const cursor = query.cursor ? afterCursor(spec, sort, query.cursor, keyRef, sql`c.id`) : sql`true`;
    statement = sql`with ${hits} cand as materialized (
        select p.id, ${spec.key ?? sql`null::text`} as sort_key ${from} where ${sql.join(where, sql` and `)}
      )
      select c.id, c.sort_key from cand c where ${cursor}
      order by ${keyRef ? sql`c.sort_key ${dir}, ` : sql``}c.id ${dir} limit ${query.limit + 1}`;
  } else {
    // The whole catalog: walk the name (or id) index in order and stop after one page.
    const cursor = query.cursor ? afterCursor(spec, sort, query.cursor, spec.key, sql`p.id`) : sql`true`;
    statement = sql`select p.id, ${spec.key ?? sql`null::text`} as sort_key ${from}
      where ${sql.join(where, sql` and `)} and ${cursor}
      order by ${spec.key ? sql`${spec.key} ${dir}, ` : sql``}p.id ${dir} limit ${query.limit + 1}`;
  }
  const rows = await queryRows<{ id: string; sort_key: string | number | null }>(db, statement);
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  const last = page.at(-1);
  const [items, facets] = await Promise.all([
    loadCards(
      db,
      ctx,
      page.map((r) => r.id),
    ),
    query.facets ? loadFacets(db, ctx, query.q ?? null, where) : Promise.resolve(undefined),
  ]);
  return {
    items,
    nextCursor: hasMore && last ? encodeCursor([sort, last.sort_key ?? '', last.id]) : null,
    ...(facets ? { facets } : {}),
  };
}
