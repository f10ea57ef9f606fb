import { and, asc, eq, inArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { publishEvent } from '../../server/core/jobs/queue.js';
import type { ShipmentStatus } from '../../shared/orders.js';
import { type StockAllocation, shipStock } from '../catalog/stock.service.js';
import { milli } from './aftercare.scope.js';
import { loadOrderDetail } from './orders.detail.js';
import {
  changeOrderStatus,
  lockOrder,
  type OrderActor,
  recordOrderEvent,
  systemActor,
} from './orders.lifecycle.js';
import {
  orderLines,
  orderReservations,
  orders,
  shipmentEvents,
  shipmentLines,
  shipments,
} from './orders.tables.js';

/** Order statuses in which the warehouse may ship (the first shipment moves `assembling` to `shipped`). */
export const shippableStatuses = ['assembling', 'shipped'] as const;

export interface NewShipment {
  carrier?: string | null | undefined;
  trackingNumber?: string | null | undefined;
  expectedDate?: string | null | undefined;
  lines: Array<{ lineId: string; quantity: number }>;
}

/** Units of each line already in shipments. */
async function shippedByLine(tx: Db, orderId: string): Promise<Map<string, number>> {
  const rows = await tx
    .select({ lineId: shipmentLines.lineId, quantity: shipmentLines.quantity })
    .from(shipmentLines)
    .innerJoin(shipments, eq(shipments.id, shipmentLines.shipmentId))
    .where(eq(shipments.orderId, orderId));
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.lineId, (out.get(r.lineId) ?? 0) + milli(r.quantity));
  return out;
}

/**
 * Takes `quantity` of a line out of the order's reservation rows (warehouse by warehouse) and returns what
 * was taken, so it can leave the warehouse with `shipStock`.
 */
async function takeReserved(tx: Db, lineId: string, quantity: number): Promise<StockAllocation[]> {
  const rows = await tx
    .select()
    .from(orderReservations)
    .where(eq(orderReservations.lineId, lineId))
    .orderBy(asc(orderReservations.warehouseId));
  let need = milli(quantity);
  const taken: StockAllocation[] = [];
  for (const r of rows) {
    if (need === 0) break;
    const take = Math.min(need, milli(r.quantity));
    if (take === 0) continue;
    need -= take;
    taken.push({ key: lineId, variantId: r.variantId, warehouseId: r.warehouseId, quantity: take / 1000 });
    const left = milli(r.quantity) - take;
    const where = and(eq(orderReservations.lineId, lineId), eq(orderReservations.warehouseId, r.warehouseId));
    if (left === 0) await tx.delete(orderReservations).where(where);
    else
      await tx
        .update(orderReservations)
        .set({ quantity: left / 1000 })
        .where(where);
  }
  return taken;
}

/**
 * Ships some of an order's lines: checks each quantity against ordered minus shipped (SHIPMENT_TOO_LARGE),
 * numbers the shipment `<order>/<n>`, turns the matching reservations into stock leaving the warehouse, and
 * hands the shipment over at once (status `handed_over`), so the first shipment makes the order `shipped`.
 */
export async function createShipment(tx: Db, orderId: string, input: NewShipment, actor: OrderActor) {
  const order = await lockOrder(tx, orderId);
  if (!(shippableStatuses as readonly string[]).includes(order.status)) {
    throw new AppError('ORDER_STATUS_CONFLICT', `An order in status ${order.status} cannot be shipped`);
  }
  const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, orderId));
  const byId = new Map(lines.map((l) => [l.id, l]));
  const shipped = await shippedByLine(tx, orderId);
  const problems = input.lines.flatMap((l, i) => {
    const line = byId.get(l.lineId);
    if (!line) return [{ path: `lines.${i}.lineId`, message: 'Not a line of this order' }];
    const left = milli(line.quantity) - (shipped.get(l.lineId) ?? 0);
    return milli(l.quantity) > left
      ? [{ path: `lines.${i}.quantity`, message: `At most ${left / 1000} ${line.unit} are left to ship` }]
      : [];
  });
  if (new Set(input.lines.map((l) => l.lineId)).size !== input.lines.length) {
    problems.push({ path: 'lines', message: 'Each line once' });
  }
  if (problems.length) throw new AppError('SHIPMENT_TOO_LARGE', 'More than is left to ship', problems);

  const existing = await tx
    .select({ id: shipments.id })
    .from(shipments)
    .where(eq(shipments.orderId, orderId));
  const id = uuidv7();
  const now = new Date();
  const number = `${order.number}/${existing.length + 1}`;
  await tx.insert(shipments).values({
    id,
    orderId,
    number,
    carrier: input.carrier ?? order.delivery.carrier ?? null,
    trackingNumber: input.trackingNumber ?? null,
    status: 'handed_over',
    expectedDate: input.expectedDate ?? null,
    shippedAt: now,
  });
  await tx.insert(shipmentLines).values(input.lines.map((l) => ({ shipmentId: id, ...l })));
  await tx.insert(shipmentEvents).values({
    id: uuidv7(),
    shipmentId: id,
    at: now,
    status: 'handed_over',
    description: null,
    location: null,
    source: 'manager',
  });
  const leaving: StockAllocation[] = [];
  for (const l of input.lines) leaving.push(...(await takeReserved(tx, l.lineId, l.quantity)));
  await shipStock(tx, leaving);
  const [still] = await tx
    .select({ lineId: orderReservations.lineId })
    .from(orderReservations)
    .where(eq(orderReservations.orderId, orderId))
    .limit(1);
  if (!still)
    await tx.update(orders).set({ holdsStock: false, reservedUntil: null }).where(eq(orders.id, orderId));
  await recordOrderEvent(tx, orderId, actor, {
    kind: 'shipment',
    note: number,
    data: { shipmentId: id, lines: input.lines },
  });
  // Documents (the УПД) and finance (the debit of the company's account) react to a shipment.
  await publishEvent(tx, 'orders.shipment_created', {
    orderId,
    shipmentId: id,
    number,
    companyId: order.companyId,
    shippedAt: now.toISOString(),
  });
  if (order.status === 'assembling') await changeOrderStatus(tx, orderId, 'shipped', actor, { order });
  return id;
}

export interface TrackingEvent {
  status: ShipmentStatus;
  at?: Date | undefined;
  description?: string | null | undefined;
  location?: string | null | undefined;
  lat?: number | null | undefined;
  lon?: number | null | undefined;
}

/**
 * Records a tracking event (from the manager or a carrier feed): the same shipment, time and status twice is
 * recorded once. The newest event sets the shipment's status and last known place; when every line is shipped
 * and every shipment delivered, the order becomes `delivered`. Returns whether the event was new.
 */
export async function addTrackingEvent(
  tx: Db,
  shipmentId: string,
  event: TrackingEvent,
  source: 'carrier' | 'manager',
  actor: OrderActor = systemActor,
): Promise<{ created: boolean; orderId: string }> {
  const [shipment] = await tx.select().from(shipments).where(eq(shipments.id, shipmentId)).for('update');
  if (!shipment) throw new AppError('NOT_FOUND', 'Shipment not found');
  const at = event.at ?? new Date();
  const known = await tx.select().from(shipmentEvents).where(eq(shipmentEvents.shipmentId, shipmentId));
  if (known.some((e) => e.status === event.status && e.at.getTime() === at.getTime())) {
    return { created: false, orderId: shipment.orderId };
  }
  const lat = event.lat ?? null;
  const lon = event.lon ?? null;
  const hasPoint = lat !== null && lon !== null;
  await tx.insert(shipmentEvents).values({
    id: uuidv7(),
    shipmentId,
    at,
    status: event.status,
    description: event.description ?? null,
    location: event.location ?? null,
    lat: hasPoint ? lat : null,
    lon: hasPoint ? lon : null,
    source,
  });
  const newest = known.every((e) => e.at.getTime() <= at.getTime());
  if (newest || event.status === 'delivered') {
    await tx
      .update(shipments)
      .set({
        status: event.status,
        ...(hasPoint ? { lastLat: lat, lastLon: lon, lastLocation: event.location ?? null } : {}),
        ...(event.status === 'delivered' ? { deliveredAt: at } : {}),
      })
      .where(eq(shipments.id, shipmentId));
  }
  if (event.status === 'delivered') await deliverIfComplete(tx, shipment.orderId, actor);
  return { created: true, orderId: shipment.orderId };
}

/** The order becomes `delivered` once every line is fully shipped and every shipment delivered. */
async function deliverIfComplete(tx: Db, orderId: string, actor: OrderActor): Promise<void> {
  const order = await lockOrder(tx, orderId);
  if (order.status !== 'shipped') return;
  const [lines, all, shipped] = await Promise.all([
    tx.select().from(orderLines).where(eq(orderLines.orderId, orderId)),
    tx.select({ status: shipments.status }).from(shipments).where(eq(shipments.orderId, orderId)),
    shippedByLine(tx, orderId),
  ]);
  const fullyShipped = lines.every((l) => (shipped.get(l.id) ?? 0) >= milli(l.quantity));
  if (fullyShipped && all.every((s) => s.status === 'delivered')) {
    await changeOrderStatus(tx, orderId, 'delivered', actor, { order });
  }
}

export interface FeedItem {
  trackingNumber: string;
  status: ShipmentStatus;
  at: Date;
  description?: string | null | undefined;
  location?: string | null | undefined;
  lat?: number | null | undefined;
  lon?: number | null | undefined;
}

/** Applies a carrier's feed: each item to the shipments with its tracking number, idempotently. */
export async function importTrackingFeed(db: Db, items: FeedItem[]) {
  const numbers = [...new Set(items.map((i) => i.trackingNumber))];
  const found = numbers.length
    ? await db
        .select({ id: shipments.id, trackingNumber: shipments.trackingNumber })
        .from(shipments)
        .where(inArray(shipments.trackingNumber, numbers))
    : [];
  let applied = 0;
  let duplicates = 0;
  const unknown: string[] = [];
  for (const item of items) {
    const targets = found.filter((s) => s.trackingNumber === item.trackingNumber);
    if (targets.length === 0) {
      unknown.push(item.trackingNumber);
      continue;
    }
    for (const s of targets) {
      const { trackingNumber: _n, ...event } = item;
      const result = await db.transaction((tx) => addTrackingEvent(tx, s.id, event, 'carrier'));
      if (result.created) applied++;
      else duplicates++;
    }
  }
  return { applied, duplicates, unknown: [...new Set(unknown)] };
}

/** The shipments of an order with their lines and events, as the tracking page shows them. */
export async function trackingOf(db: Db, orderId: string) {
  const detail = await loadOrderDetail(db, orderId, () => '');
  return { shipments: detail.shipments };
}
