import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { publishEvent } from '../../server/core/jobs/queue.js';
import type { OrderStatus } from '../../shared/orders.js';
import { releaseStock } from '../catalog/stock.service.js';
import { orderEvents, orderReservations, orders } from './orders.tables.js';

/** Where each status may go next (docs/orders.md draws it). */
export const transitions: Record<OrderStatus, readonly OrderStatus[]> = {
  new: ['awaiting_approval', 'confirmed', 'awaiting_payment', 'cancelled'],
  awaiting_approval: ['confirmed', 'awaiting_payment', 'cancelled'],
  confirmed: ['awaiting_payment', 'paid', 'assembling', 'cancelled'],
  awaiting_payment: ['paid', 'assembling', 'cancelled'],
  paid: ['assembling', 'cancelled'],
  assembling: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: ['completed'],
  completed: [],
  cancelled: [],
};

/** Statuses in which the customer may still cancel by themselves. */
export const customerCancellable: readonly OrderStatus[] = [
  'new',
  'awaiting_approval',
  'confirmed',
  'awaiting_payment',
];

/** Who did something to an order, as the timeline shows it. */
export interface OrderActor {
  kind: 'person' | 'staff' | 'system';
  id: string | null;
  name: string | null;
}

export const systemActor: OrderActor = { kind: 'system', id: null, name: null };

export type OrderRow = typeof orders.$inferSelect;

/** Locks the order row for the rest of the transaction; another caller's change waits for ours. */
export async function lockOrder(tx: Db, orderId: string): Promise<OrderRow> {
  const [row] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
  if (!row) throw new AppError('NOT_FOUND', 'Order not found');
  return row;
}

/** What happened to an order, for its timeline. */
export interface OrderEventInput {
  kind: string;
  status?: OrderStatus | null;
  note?: string | null;
  data?: Record<string, unknown>;
}

/** Adds a line to the order's timeline. */
export async function recordOrderEvent(
  tx: Db,
  orderId: string,
  actor: OrderActor,
  event: OrderEventInput,
): Promise<void> {
  await tx.insert(orderEvents).values({
    id: uuidv7(),
    orderId,
    kind: event.kind,
    status: event.status ?? null,
    actorKind: actor.kind,
    actorId: actor.id,
    actorName: actor.name,
    note: event.note ?? null,
    data: event.data ?? {},
  });
}

/** Tells the rest of the portal (notifications) through the outbox that an order moved. */
export async function publishStatusChange(
  tx: Db,
  order: Pick<OrderRow, 'id' | 'number' | 'personId' | 'companyId'>,
  from: OrderStatus,
  to: OrderStatus,
  actor: OrderActor,
): Promise<void> {
  await publishEvent(tx, 'orders.status_changed', {
    orderId: order.id,
    number: order.number,
    from,
    to,
    personId: order.personId,
    companyId: order.companyId,
    actor,
  });
}

/** Gives back every unit the order still holds (cancellation, approval timeout). */
export async function releaseOrderStock(tx: Db, orderId: string): Promise<void> {
  const held = await tx.select().from(orderReservations).where(eq(orderReservations.orderId, orderId));
  await releaseStock(
    tx,
    held.map((r) => ({
      key: r.lineId,
      variantId: r.variantId,
      warehouseId: r.warehouseId,
      quantity: r.quantity,
    })),
  );
  await tx.delete(orderReservations).where(eq(orderReservations.orderId, orderId));
  await tx.update(orders).set({ holdsStock: false, reservedUntil: null }).where(eq(orders.id, orderId));
}

/**
 * Moves an order to a new status inside the caller's transaction: checks the transition, stamps the
 * timeline, releases stock on cancellation and publishes `orders.status_changed` through the outbox (the
 * notifications are sent from there). Throws ORDER_STATUS_CONFLICT for a move the lifecycle does not allow.
 */
export async function changeOrderStatus(
  tx: Db,
  orderId: string,
  to: OrderStatus,
  actor: OrderActor,
  options: { note?: string | null; data?: Record<string, unknown>; order?: OrderRow } = {},
): Promise<OrderRow> {
  const order = options.order ?? (await lockOrder(tx, orderId));
  if (!transitions[order.status].includes(to)) {
    throw new AppError('ORDER_STATUS_CONFLICT', `An order in status ${order.status} cannot become ${to}`);
  }
  if (to === 'cancelled' && order.holdsStock) await releaseOrderStock(tx, orderId);
  const now = new Date();
  const [updated] = await tx
    .update(orders)
    .set({
      status: to,
      updatedAt: now,
      ...(to === 'confirmed' && !order.confirmedAt ? { confirmedAt: now } : {}),
      ...(to === 'cancelled' ? { cancelledAt: now, cancelReason: options.note ?? null } : {}),
    })
    .where(eq(orders.id, orderId))
    .returning();
  await recordOrderEvent(tx, orderId, actor, {
    kind: 'status',
    status: to,
    note: options.note ?? null,
    data: options.data ?? {},
  });
  await publishStatusChange(tx, order, order.status, to, actor);
  return updated as OrderRow;
}
