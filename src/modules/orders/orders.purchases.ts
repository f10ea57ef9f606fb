import { and, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../server/core/db.js';
import { type OrderDeliverySnapshot, orders } from './orders.tables.js';

/** A product a person bought on several days (personal orders, not cancelled): what and when. */
export interface RepeatPurchase {
  personId: string;
  productId: string;
  /** The variant, quantity and name of the newest purchase. */
  variantId: string;
  quantity: number;
  name: string;
  /** Distinct purchase days, oldest first (YYYY-MM-DD, UTC). */
  days: string[];
}

/**
 * Products each person bought on at least `minDays` different days in their personal orders (for «time to
 * reorder» reminders): one set-based query over the history since `since`.
 */
export async function repeatPurchases(
  db: Db,
  options: { minDays: number; since: Date; personId?: string },
): Promise<RepeatPurchase[]> {
  return queryRows<RepeatPurchase>(
    db,
    sql`select o.person_id as "personId", l.product_id as "productId",
        (array_agg(l.variant_id order by o.created_at desc))[1] as "variantId",
        (array_agg(l.quantity order by o.created_at desc))[1]::float8 as quantity,
        (array_agg(l.name order by o.created_at desc))[1] as name,
        array_agg(distinct to_char(o.created_at at time zone 'UTC', 'YYYY-MM-DD')) as days
      from orders o join order_lines l on l.order_id = o.id
      where o.company_id is null and o.status <> 'cancelled' and o.created_at >= ${options.since.toISOString()}::timestamptz
        ${options.personId ? sql`and o.person_id = ${options.personId}` : sql``}
      group by o.person_id, l.product_id
      having count(distinct to_char(o.created_at at time zone 'UTC', 'YYYY-MM-DD')) >= ${options.minDays}`,
  ).then((rows) => rows.map((r) => ({ ...r, days: [...r.days].sort() })));
}

/**
 * The delivery snapshots (phone, address) of a person's latest personal orders that were not cancelled, newest
 * first: one query (the referral fraud checks compare them).
 */
export async function recentDeliveries(
  db: Db,
  personId: string,
  options: { limit: number; exceptOrderId?: string | undefined },
): Promise<OrderDeliverySnapshot[]> {
  const rows = await db
    .select({ id: orders.id, delivery: orders.delivery })
    .from(orders)
    .where(and(isNull(orders.companyId), eq(orders.personId, personId), ne(orders.status, 'cancelled')))
    .orderBy(desc(orders.createdAt))
    .limit(options.limit);
  return rows.filter((r) => r.id !== options.exceptOrderId).map((r) => r.delivery);
}
