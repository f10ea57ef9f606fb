import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../server/core/db.js';

/** A window of order placement times, both ends included. */
export interface SpendWindow {
  since: Date;
  until: Date;
  /** Only this person's orders (reads through `orders_person_created_idx`). */
  personId?: string;
}

/**
 * What each person spent on their own orders (company_id null) placed in the window, in kopecks, as a subquery
 * `(person_id text, spend bigint)` for set-based readers (loyalty tiers). An order counts once money was paid or goods
 * went out: status paid, shipped, delivered or completed, or assembling when paid in full; cancelled orders never.
 * It counts its total (what the customer paid after discounts, delivery included) less what was refunded — the larger
 * of the order's refunded amount (card refunds) and its refunded returns (returns of cash orders are recorded only
 * there), never below zero. One aggregate over the placement-time index: no per-order lookups beyond the returns'
 * `order_id` index.
 */
export function personalSpendSql(window: SpendWindow): SQL {
  return sql`select o.person_id, sum(greatest(o.total - greatest(o.refunded_amount, coalesce(r.refunded, 0)), 0))::bigint as spend
    from orders o
    left join lateral (select sum(ret.refunded_amount) as refunded from order_returns ret where ret.order_id = o.id) r on true
    where o.company_id is null
      and o.created_at >= ${window.since.toISOString()}::timestamptz
      and o.created_at <= ${window.until.toISOString()}::timestamptz
      and (o.status in ('paid', 'shipped', 'delivered', 'completed')
           or (o.status = 'assembling' and o.paid_amount >= o.total))
      ${window.personId ? sql`and o.person_id = ${window.personId}` : sql``}
    group by o.person_id`;
}

/** One person's spend on their own orders in the window, in kopecks (see personalSpendSql). */
export async function personalSpendOf(db: Db, personId: string, window: Omit<SpendWindow, 'personId'>) {
  const [row] = await queryRows<{ spend: string }>(
    db,
    sql`select spend::text from (${personalSpendSql({ ...window, personId })}) s`,
  );
  return Number(row?.spend ?? 0);
}
