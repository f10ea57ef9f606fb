import { asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import { orderInScope } from './orders.service.js';
import { orderLines, orders, shipmentLines, shipments } from './orders.tables.js';

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

type LineRow = typeof orderLines.$inferSelect;

/**
 * A line as documents print it: after its share of the order's discounts (promo code), so the lines add up to the
 * order's total. `quantity` may be part of the line (a shipment); the amount is then that part of the net total.
 */
function netLine(line: LineRow, quantity: number): OrderForDocuments['lines'][number] {
  const net = line.lineTotal - line.discount;
  const amount =
    quantity === line.quantity
      ? net
      : Math.round((net * Math.round(quantity * 1000)) / Math.round(line.quantity * 1000));
  return {
    name: line.name,
    sku: line.sku,
    unit: line.unit,
    quantity,
    price: line.discount ? Math.round(amount / quantity) : line.unitPrice,
    amount,
    vatRate: line.vatRate,
  };
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
    lines: lines.map((l) => netLine(l, l.quantity)),
  };
}

/** A shipment as its УПД prints it: the shipped quantities of the order's lines, at the order's prices. */
export interface ShipmentForDocuments {
  id: string;
  number: string;
  orderId: string;
  orderNumber: string;
  /** Null for a consumer's order (no УПД). */
  companyId: string | null;
  shippedAt: Date | null;
  createdAt: Date;
  /** 1C's number when the shipment came from 1C (1C then prints its own УПД). */
  externalNumber: string | null;
  /** Whether this is the order's first shipment (its УПД carries the delivery). */
  first: boolean;
  deliveryCost: number;
  deliveryName: string;
  lines: OrderForDocuments['lines'];
}

/** A shipment with its lines, or null when there is no such shipment. */
export async function shipmentForDocuments(db: Db, shipmentId: string): Promise<ShipmentForDocuments | null> {
  if (!z.uuid().safeParse(shipmentId).success) return null;
  const [row] = await db
    .select({ shipment: shipments, order: orders })
    .from(shipments)
    .innerJoin(orders, eq(orders.id, shipments.orderId))
    .where(eq(shipments.id, shipmentId));
  if (!row) return null;
  const { shipment, order } = row;
  const lines = await db
    .select({ line: orderLines, quantity: shipmentLines.quantity })
    .from(shipmentLines)
    .innerJoin(orderLines, eq(orderLines.id, shipmentLines.lineId))
    .where(eq(shipmentLines.shipmentId, shipment.id))
    .orderBy(asc(orderLines.position));
  const [firstShipment] = await db
    .select({ id: shipments.id })
    .from(shipments)
    .where(eq(shipments.orderId, order.id))
    .orderBy(asc(shipments.createdAt), asc(shipments.id))
    .limit(1);
  return {
    id: shipment.id,
    number: shipment.number,
    orderId: order.id,
    orderNumber: order.number,
    companyId: order.companyId,
    shippedAt: shipment.shippedAt,
    createdAt: shipment.createdAt,
    externalNumber: shipment.externalNumber,
    first: firstShipment?.id === shipment.id,
    deliveryCost: order.deliveryCost,
    deliveryName: order.delivery.name,
    lines: lines.map(({ line, quantity }) =>
      line.discount
        ? netLine(line, quantity)
        : { ...netLine(line, quantity), amount: Math.round(line.unitPrice * quantity) },
    ),
  };
}

/** Orders by their numbers (`K-2026-000123`), with the company each belongs to. */
export async function ordersByNumbers(db: Db, numbers: readonly string[]) {
  if (numbers.length === 0) return [];
  return db
    .select({ id: orders.id, number: orders.number, companyId: orders.companyId })
    .from(orders)
    .where(inArray(orders.number, [...numbers]));
}
