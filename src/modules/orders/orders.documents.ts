import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../server/core/db.js';
import { orderInScope } from './orders.service.js';
import { orderLines } from './orders.tables.js';

/** A company order as finance documents print it (the documents module's view of an order). */
export interface OrderForDocuments {
  id: string;
  number: string;
  status: string;
  createdAt: Date;
  currency: string;
  total: number;
  deliveryCost: number;
  deliveryName: string;
  lines: {
    name: string;
    sku: string;
    unit: string;
    quantity: number;
    price: number;
    amount: number;
    vatRate: number | null;
  }[];
}

/** The company's order with its lines, or NOT_FOUND (another company's order looks like no order). */
export async function orderForDocuments(
  db: Db,
  companyId: string,
  orderId: string,
): Promise<OrderForDocuments> {
  const order = await orderInScope(db, { kind: 'org', companyId }, orderId);
  const lines = await db
    .select()
    .from(orderLines)
    .where(eq(orderLines.orderId, order.id))
    .orderBy(asc(orderLines.position));
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    createdAt: order.createdAt,
    currency: order.currency,
    total: order.total,
    deliveryCost: order.deliveryCost,
    deliveryName: order.delivery.name,
    lines: lines.map((l) => ({
      name: l.name,
      sku: l.sku,
      unit: l.unit,
      quantity: l.quantity,
      price: l.unitPrice,
      amount: l.lineTotal,
      vatRate: l.vatRate,
    })),
  };
}
