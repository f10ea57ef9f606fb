import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, queryRows } from '../../../server/core/db.js';
import { AppError } from '../../../server/core/errors.js';
import { decodeCursor, encodeCursor } from '../../../server/core/pagination.js';
import type { ProductCard } from '../browse/browse.schema.js';
import { loadCards } from '../browse/cards.js';
import { productVisible, uuidArray } from '../browse/visibility.js';
import type { PricingContext } from '../pricing/pricing.types.js';
import { compareLimit, recentLimit } from './lists.schema.js';

/** The personal lists of the catalog: favorites, recently viewed and compare. */
export type ListKind = 'favorite' | 'recent' | 'compare';

/** Rows of the person's list in this context: their own (company null) or the one kept for the company. */
function ownerOf(ctx: PricingContext): SQL {
  if (!ctx.userId) throw new AppError('UNAUTHENTICATED', 'Sign in to continue');
  const company = ctx.companyId ? sql`cl.company_id = ${ctx.companyId}::uuid` : sql`cl.company_id is null`;
  return sql`cl.user_id = ${ctx.userId} and ${company}`;
}

async function assertVisible(db: Db, ctx: PricingContext, productId: string): Promise<void> {
  const rows = await queryRows(
    db,
    sql`select 1 from products p where p.id = ${productId}::uuid and ${productVisible(ctx.customerGroupId)}`,
  );
  if (rows.length === 0) throw new AppError('NOT_FOUND', 'No such product');
}

/**
 * Adds a visible product to a list (again: no change, except that a repeated view moves it to the top of
 * "recently viewed"). The compare list holds at most six products: a seventh is COMPARE_LIST_FULL. Recently
 * viewed keeps the last twenty. Serialised per person and context by a transaction-scoped advisory lock, so two
 * tabs cannot overfill the compare list.
 */
export async function addToList(
  db: Db,
  ctx: PricingContext,
  kind: ListKind,
  productId: string,
): Promise<void> {
  await assertVisible(db, ctx, productId);
  const owner = ownerOf(ctx);
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`catalog_lists:${ctx.userId}:${ctx.companyId ?? ''}`}))`,
    );
    if (kind === 'compare') {
      const [row] = await queryRows<{ n: number; present: boolean }>(
        tx,
        sql`select count(*)::int as n, bool_or(cl.product_id = ${productId}::uuid) as present
          from catalog_lists cl where ${owner} and cl.kind = 'compare'`,
      );
      if (row && !row.present && row.n >= compareLimit) {
        throw new AppError(
          'COMPARE_LIST_FULL',
          `The compare list holds at most ${compareLimit} products: remove one first`,
        );
      }
    }
    const onConflict = kind === 'recent' ? sql`do update set added_at = now()` : sql`do nothing`;
    await tx.execute(sql`insert into catalog_lists (user_id, company_id, kind, product_id)
      values (${ctx.userId}, ${ctx.companyId}, ${kind}, ${productId}::uuid)
      on conflict on constraint catalog_lists_uq ${onConflict}`);
    if (kind === 'recent') {
      await tx.execute(sql`delete from catalog_lists cl where ${owner} and cl.kind = 'recent'
        and cl.product_id not in (select r.product_id from catalog_lists r
          where r.user_id = cl.user_id and r.company_id is not distinct from cl.company_id and r.kind = 'recent'
          order by r.added_at desc, r.product_id desc limit ${recentLimit})`);
    }
  });
}

/** Removes a product from a list; NOT_FOUND when it is not there. */
export async function removeFromList(db: Db, ctx: PricingContext, kind: ListKind, productId: string) {
  const removed = await queryRows(
    db,
    sql`delete from catalog_lists cl where ${ownerOf(ctx)} and cl.kind = ${kind}
      and cl.product_id = ${productId}::uuid returning cl.product_id`,
  );
  if (removed.length === 0) throw new AppError('NOT_FOUND', 'The product is not in this list');
}

interface ListRow {
  product_id: string;
  at: number;
}

/** Product ids of a list, newest first, from an optional keyset position. */
async function listRows(
  db: Db,
  ctx: PricingContext,
  kind: ListKind,
  limit: number,
  after?: [number, string],
) {
  const from = after
    ? sql`and (cl.added_at, cl.product_id) < (to_timestamp(${after[0]} / 1e6), ${after[1]}::uuid)`
    : sql``;
  return queryRows<ListRow>(
    db,
    sql`select cl.product_id, (extract(epoch from cl.added_at) * 1e6)::float8 as at
      from catalog_lists cl
      where ${ownerOf(ctx)} and cl.kind = ${kind} ${from}
      order by cl.added_at desc, cl.product_id desc limit ${limit}`,
  );
}

const cursorShape = z.tuple([z.number(), z.uuid()]);

/** A page of favorites as product cards (products that became hidden are left out). */
export async function listFavorites(db: Db, ctx: PricingContext, limit: number, cursor?: string) {
  const rows = await listRows(
    db,
    ctx,
    'favorite',
    limit + 1,
    cursor ? decodeCursor(cursor, cursorShape) : undefined,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: await loadCards(
      db,
      ctx,
      page.map((r) => r.product_id),
    ),
    nextCursor: rows.length > limit && last ? encodeCursor([last.at, last.product_id]) : null,
  };
}

/** The last twenty products viewed, newest first. */
export async function listRecent(db: Db, ctx: PricingContext): Promise<{ items: ProductCard[] }> {
  const rows = await listRows(db, ctx, 'recent', recentLimit);
  return {
    items: await loadCards(
      db,
      ctx,
      rows.map((r) => r.product_id),
    ),
  };
}

/** Ids of the favorites and the compare list, for marking listings. */
export async function listIds(db: Db, ctx: PricingContext) {
  const rows = await queryRows<{ kind: ListKind; product_id: string }>(
    db,
    sql`select cl.kind, cl.product_id from catalog_lists cl
      where ${ownerOf(ctx)} and cl.kind in ('favorite', 'compare') order by cl.added_at desc`,
  );
  const of = (kind: ListKind) => rows.filter((r) => r.kind === kind).map((r) => r.product_id);
  return { favorites: of('favorite'), compare: of('compare') };
}

/** The compare table: the products (oldest first, as added) and the union of their properties as rows. */
export async function compareTable(db: Db, ctx: PricingContext) {
  const ids = (await listRows(db, ctx, 'compare', compareLimit)).map((r) => r.product_id).reverse();
  const products = await loadCards(db, ctx, ids);
  if (products.length === 0) return { products, rows: [] };
  const values = await queryRows<{
    product_id: string;
    property_id: string;
    name: string;
    unit: string | null;
    value: string;
  }>(
    db,
    sql`select v.product_id, pp.id as property_id, pp.name, pp.unit,
        string_agg(coalesce(o.value, trim_scale(v.number_value)::text, v.text_value, ''), ', ' order by o.position) as value
      from product_property_values v join properties pp on pp.id = v.property_id
      left join property_options o on o.id = v.option_id
      where v.product_id = any(${uuidArray(products.map((p) => p.id))})
      group by v.product_id, pp.id, pp.name, pp.unit, pp.position
      order by pp.position, pp.name`,
  );
  const rows = new Map<
    string,
    { propertyId: string; name: string; unit: string | null; values: (string | null)[] }
  >();
  const column = new Map(products.map((p, i) => [p.id, i]));
  for (const v of values) {
    const row = rows.get(v.property_id) ?? {
      propertyId: v.property_id,
      name: v.name,
      unit: v.unit,
      values: products.map(() => null),
    };
    row.values[column.get(v.product_id) ?? 0] = v.value;
    rows.set(v.property_id, row);
  }
  return { products, rows: [...rows.values()] };
}
