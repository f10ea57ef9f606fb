import { desc, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { type Db, queryRows } from '../../server/core/db.js';
import { offerBoughtTogether, offerBuyAgain, offerRecoRuns } from './offers.tables.js';

/** What the recommendations job looks at (docs/offers.md, "Recommendations"). */
export interface RecoSettings {
  /** Orders placed within this many days count. */
  historyDays: number;
  /** «Bought together»: a pair needs at least this many shared orders. */
  minSupport: number;
  /** «Bought together»: products kept per product. */
  topN: number;
  /** «Buy again»: products kept per person. */
  buyAgainN: number;
  /** «Buy again»: a product bought once counts only if bought within this many days. */
  recentDays: number;
  /** Orders with more lines than this (bulk B2B orders) are left out of pairs: their pairs grow quadratically. */
  maxOrderLines: number;
}

export const defaultRecoSettings: RecoSettings = {
  historyDays: 365,
  minSupport: 2,
  topN: 8,
  buyAgainN: 12,
  recentDays: 90,
  maxOrderLines: 50,
};

const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

/**
 * Rewrites both recommendation tables from the order history with two set-based statements (no per-order work in
 * JS), in one transaction so readers see the old rows until the new ones are in. Cost on PostgreSQL: one scan of
 * the orders placed in the window joined to their lines (orders_created_idx, order_lines_order_idx); the pairs
 * are a self-join of each order's distinct products, so at most `maxOrderLines²` rows per order before grouping.
 */
export async function recomputeRecommendations(
  db: Db,
  now: Date = new Date(),
  settings: RecoSettings = defaultRecoSettings,
): Promise<{ buyAgainRows: number; boughtTogetherRows: number; durationMs: number }> {
  const started = Date.now();
  const since = daysAgo(now, settings.historyDays);
  const recent = daysAgo(now, settings.recentDays);
  const result = await db.transaction(async (tx) => {
    await tx.delete(offerBuyAgain);
    const buyAgain = await queryRows<{ n: number }>(
      tx,
      sql`with bought as (
          select o.person_id, l.product_id, count(distinct o.id)::int as times, max(o.created_at) as last_at
          from orders o join order_lines l on l.order_id = o.id
          where o.status <> 'cancelled' and o.created_at >= ${since}::timestamptz and o.created_at <= ${now.toISOString()}::timestamptz
          group by o.person_id, l.product_id
        ), ranked as (
          select b.person_id, b.product_id, b.times, b.last_at,
            row_number() over (partition by b.person_id order by b.times desc, b.last_at desc, b.product_id) as rank
          from bought b join products p on p.id = b.product_id and p.status = 'active'
          where b.times >= 2 or b.last_at >= ${recent}::timestamptz
        ), inserted as (
          insert into offer_buy_again (person_id, rank, product_id, times, last_at)
          select person_id, rank, product_id, times, last_at from ranked where rank <= ${settings.buyAgainN}
          returning 1
        ) select count(*)::int as n from inserted`,
    );
    await tx.delete(offerBoughtTogether);
    const together = await queryRows<{ n: number }>(
      tx,
      sql`with baskets as (
          select distinct l.order_id, l.product_id
          from orders o join order_lines l on l.order_id = o.id
          where o.status <> 'cancelled' and o.created_at >= ${since}::timestamptz and o.created_at <= ${now.toISOString()}::timestamptz
            and o.line_count between 2 and ${settings.maxOrderLines}
        ), pairs as (
          select a.product_id, b.product_id as other_id, count(*)::int as support
          from baskets a join baskets b on b.order_id = a.order_id and b.product_id <> a.product_id
          group by a.product_id, b.product_id
          having count(*) >= ${settings.minSupport}
        ), ranked as (
          select pr.product_id, pr.other_id, pr.support,
            row_number() over (partition by pr.product_id order by pr.support desc, pr.other_id) as rank
          from pairs pr join products p on p.id = pr.other_id and p.status = 'active'
        ), inserted as (
          insert into offer_bought_together (product_id, rank, other_id, support)
          select product_id, rank, other_id, support from ranked where rank <= ${settings.topN}
          returning 1
        ) select count(*)::int as n from inserted`,
    );
    return { buyAgainRows: buyAgain[0]?.n ?? 0, boughtTogetherRows: together[0]?.n ?? 0 };
  });
  const durationMs = Date.now() - started;
  await db.insert(offerRecoRuns).values({
    id: uuidv7(),
    startedAt: new Date(started),
    finishedAt: new Date(),
    durationMs,
    ...result,
  });
  return { ...result, durationMs };
}

/** The person's «buy again» product ids, best first: one read of the primary key. */
export async function buyAgainIds(db: Db, personId: string, limit = 12): Promise<string[]> {
  const rows = await db
    .select({ id: offerBuyAgain.productId })
    .from(offerBuyAgain)
    .where(eq(offerBuyAgain.personId, personId))
    .orderBy(offerBuyAgain.rank)
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Products frequently bought with this one, best first: one read of the primary key. */
export async function boughtTogetherIds(db: Db, productId: string, limit = 8): Promise<string[]> {
  const rows = await db
    .select({ id: offerBoughtTogether.otherId })
    .from(offerBoughtTogether)
    .where(eq(offerBoughtTogether.productId, productId))
    .orderBy(offerBoughtTogether.rank)
    .limit(limit);
  return rows.map((r) => r.id);
}

/** The latest run, for the back office. */
export async function lastRecoRun(db: Db) {
  const [row] = await db.select().from(offerRecoRuns).orderBy(desc(offerRecoRuns.startedAt)).limit(1);
  return row ?? null;
}
