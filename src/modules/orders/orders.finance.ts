import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../server/core/db.js';

/** What a shipment is worth on the company's account (finance debits it once). */
export interface ShipmentValue {
  shipmentId: string;
  /** `K-2026-000123/2`. */
  number: string;
  orderId: string;
  orderNumber: string;
  companyId: string | null;
  shippedAt: Date;
  /** Kopecks: price × quantity of the shipped lines, plus the order's delivery cost with its first shipment. */
  amount: number;
  isFirst: boolean;
}

/** The value of a shipment (null for an unknown one), for the finance ledger. */
export async function shipmentValue(db: Db, shipmentId: string): Promise<ShipmentValue | null> {
  const [row] = await queryRows<{
    shipment_id: string;
    number: string;
    order_id: string;
    order_number: string;
    company_id: string | null;
    shipped_at: Date | string;
    lines_value: string;
    delivery_cost: string;
    is_first: boolean;
  }>(
    db,
    sql`select s.id as shipment_id, s.number, o.id as order_id, o.number as order_number, o.company_id,
          coalesce(s.shipped_at, s.created_at) as shipped_at, o.delivery_cost::text as delivery_cost,
          (select coalesce(sum(round(ol.unit_price * sl.quantity)), 0)::text from shipment_lines sl
             join order_lines ol on ol.id = sl.line_id where sl.shipment_id = s.id) as lines_value,
          not exists (select 1 from shipments e where e.order_id = s.order_id
             and (e.created_at, e.id) < (s.created_at, s.id)) as is_first
        from shipments s join orders o on o.id = s.order_id where s.id = ${shipmentId}`,
  );
  if (!row) return null;
  const delivery = row.is_first ? Number(row.delivery_cost) : 0;
  return {
    shipmentId: row.shipment_id,
    number: row.number,
    orderId: row.order_id,
    orderNumber: row.order_number,
    companyId: row.company_id,
    shippedAt: new Date(row.shipped_at),
    amount: Number(row.lines_value) + delivery,
    isFirst: row.is_first,
  };
}

/** A company's deferred-payment order that still owes money. */
export interface OpenDeferredOrder {
  id: string;
  number: string;
  total: number;
  paidAmount: number;
  /** total − paid. */
  due: number;
  createdAt: Date;
  /** When its first shipment left (the payment term counts from it); null while nothing is shipped. */
  firstShippedAt: Date | null;
}

/**
 * The company's non-cancelled deferred orders with something left to pay (the partial index of the credit
 * check), each with its first shipment's time: shipped ones first, oldest shipment first, then unshipped ones
 * oldest first — the order payments are allocated in.
 */
export async function openDeferredOrders(db: Db, companyId: string): Promise<OpenDeferredOrder[]> {
  const rows = await queryRows<{
    id: string;
    number: string;
    total: string;
    paid_amount: string;
    created_at: Date | string;
    first_shipped_at: Date | string | null;
  }>(
    db,
    sql`select o.id, o.number, o.total::text, o.paid_amount::text, o.created_at,
          (select min(coalesce(s.shipped_at, s.created_at)) from shipments s where s.order_id = o.id) as first_shipped_at
        from orders o
        where o.company_id = ${companyId} and o.payment_method = 'deferred' and o.status <> 'cancelled'
          and o.paid_amount < o.total
        order by first_shipped_at asc nulls last, o.created_at, o.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    total: Number(r.total),
    paidAmount: Number(r.paid_amount),
    due: Number(r.total) - Number(r.paid_amount),
    createdAt: new Date(r.created_at),
    firstShippedAt: r.first_shipped_at === null ? null : new Date(r.first_shipped_at),
  }));
}
