import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import {
  claimLines,
  claims,
  orderAttachments,
  orderEvents,
  orderLines,
  orderReturnLines,
  orderReturns,
  orders,
  shipmentEvents,
  shipmentLines,
  shipments,
} from './orders.tables.js';

type OrderRow = typeof orders.$inferSelect;

/** An order in lists (docs/orders.md, "Order JSON"). */
export function presentOrderSummary(o: OrderRow) {
  return {
    id: o.id,
    number: o.number,
    status: o.status,
    paymentState: o.paymentState,
    paymentMethod: o.paymentMethod,
    total: o.total,
    currency: o.currency,
    lineCount: o.lineCount,
    companyId: o.companyId,
    placedBy: { id: o.personId, name: o.placedByName },
    createdAt: o.createdAt.toISOString(),
    desiredDate: o.desiredDate,
    approvalState: o.approvalState,
  };
}
export type OrderSummary = ReturnType<typeof presentOrderSummary>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Where an attachment is downloaded from, in the scope the viewer is in. */
export type AttachmentUrl = (a: { id: string; ownerType: 'return' | 'claim'; ownerId: string }) => string;

/** The rows an order page is built from. */
export interface OrderDetailRows {
  order: OrderRow;
  lines: (typeof orderLines.$inferSelect)[];
  timeline: (typeof orderEvents.$inferSelect)[];
  shipments: (typeof shipments.$inferSelect)[];
  shippedLines: (typeof shipmentLines.$inferSelect)[];
  trackingEvents: (typeof shipmentEvents.$inferSelect)[];
  returns: (typeof orderReturns.$inferSelect)[];
  returnedLines: (typeof orderReturnLines.$inferSelect)[];
  claims: (typeof claims.$inferSelect)[];
  claimedLines: (typeof claimLines.$inferSelect)[];
  attachments: (typeof orderAttachments.$inferSelect)[];
}

/** The rows of an order that was just placed: it has no shipments, returns or claims yet. */
export function newOrderRows(
  order: OrderRow,
  lines: OrderDetailRows['lines'],
  timeline: OrderDetailRows['timeline'],
): OrderDetailRows {
  return {
    order,
    lines,
    timeline,
    shipments: [],
    shippedLines: [],
    trackingEvents: [],
    returns: [],
    returnedLines: [],
    claims: [],
    claimedLines: [],
    attachments: [],
  };
}

/**
 * Everything the order page shows, in a fixed number of queries: the order (unless the caller has read it),
 * its lines, timeline, shipments with their lines and tracking events, returns and claims with their lines and
 * attachments. The caller has already checked that the viewer may see the order.
 */
export async function loadOrderDetailRows(db: Db, orderOrId: string | OrderRow): Promise<OrderDetailRows> {
  let order: OrderRow | undefined;
  if (typeof orderOrId === 'string') [order] = await db.select().from(orders).where(eq(orders.id, orderOrId));
  else order = orderOrId;
  if (!order) throw new AppError('NOT_FOUND', 'Order not found');
  const orderId = order.id;
  const [lines, timeline, shipmentRows, returnRows, claimRows] = await Promise.all([
    db.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(asc(orderLines.position)),
    db
      .select()
      .from(orderEvents)
      .where(eq(orderEvents.orderId, orderId))
      .orderBy(asc(orderEvents.at), asc(orderEvents.id)),
    db.select().from(shipments).where(eq(shipments.orderId, orderId)).orderBy(asc(shipments.createdAt)),
    db
      .select()
      .from(orderReturns)
      .where(eq(orderReturns.orderId, orderId))
      .orderBy(desc(orderReturns.createdAt)),
    db.select().from(claims).where(eq(claims.orderId, orderId)).orderBy(desc(claims.createdAt)),
  ]);
  const shipmentIds = shipmentRows.map((s) => s.id);
  const ownerIds = [...returnRows.map((r) => r.id), ...claimRows.map((c) => c.id)];
  const [shippedLines, trackingEvents, returned, claimed, attachments] = await Promise.all([
    shipmentIds.length
      ? db.select().from(shipmentLines).where(inArray(shipmentLines.shipmentId, shipmentIds))
      : Promise.resolve([]),
    shipmentIds.length
      ? db
          .select()
          .from(shipmentEvents)
          .where(inArray(shipmentEvents.shipmentId, shipmentIds))
          .orderBy(asc(shipmentEvents.at), asc(shipmentEvents.id))
      : Promise.resolve([]),
    returnRows.length
      ? db
          .select()
          .from(orderReturnLines)
          .where(
            inArray(
              orderReturnLines.returnId,
              returnRows.map((r) => r.id),
            ),
          )
      : Promise.resolve([]),
    claimRows.length
      ? db
          .select()
          .from(claimLines)
          .where(
            inArray(
              claimLines.claimId,
              claimRows.map((c) => c.id),
            ),
          )
      : Promise.resolve([]),
    ownerIds.length
      ? db.select().from(orderAttachments).where(inArray(orderAttachments.ownerId, ownerIds))
      : Promise.resolve([]),
  ]);

  return {
    order,
    lines,
    timeline,
    shipments: shipmentRows,
    shippedLines,
    trackingEvents,
    returns: returnRows,
    returnedLines: returned,
    claims: claimRows,
    claimedLines: claimed,
    attachments,
  };
}

/** The order page as JSON from its rows; `can` and the payment are filled in by the caller's scope. */
export function presentOrderDetail(rows: OrderDetailRows, attachmentUrl: AttachmentUrl) {
  const {
    order,
    lines,
    timeline,
    shipments: shipmentRows,
    shippedLines,
    trackingEvents,
    returns: returnRows,
    returnedLines: returned,
    claims: claimRows,
    claimedLines: claimed,
    attachments,
  } = rows;
  const lineById = new Map(lines.map((l) => [l.id, l]));
  const lineRef = (lineId: string, quantity: number) => ({
    lineId,
    sku: lineById.get(lineId)?.sku ?? '',
    name: lineById.get(lineId)?.name ?? '',
    quantity,
  });
  const shippedByLine = new Map<string, number>();
  for (const s of shippedLines) shippedByLine.set(s.lineId, (shippedByLine.get(s.lineId) ?? 0) + s.quantity);
  const filesOf = (ownerType: 'return' | 'claim', ownerId: string) =>
    attachments
      .filter((a) => a.ownerType === ownerType && a.ownerId === ownerId)
      .map((a) => ({
        id: a.id,
        fileName: a.fileName,
        contentType: a.contentType,
        size: a.size,
        url: attachmentUrl({ id: a.id, ownerType, ownerId }),
      }));

  return {
    ...presentOrderSummary(order),
    itemsTotal: order.itemsTotal,
    deliveryCost: order.deliveryCost,
    discountTotal: order.discountTotal,
    discounts: order.discounts,
    paidAmount: order.paidAmount,
    refundedAmount: order.refundedAmount,
    comment: order.comment,
    cancelReason: order.cancelReason,
    delivery: order.delivery,
    lines: lines.map((l) => ({
      id: l.id,
      position: l.position,
      variantId: l.variantId,
      productId: l.productId,
      sku: l.sku,
      name: l.name,
      unit: l.unit,
      quantity: l.quantity,
      listPrice: l.listPrice,
      unitPrice: l.unitPrice,
      lineTotal: l.lineTotal,
      discount: l.discount,
      shippedQuantity: shippedByLine.get(l.id) ?? 0,
    })),
    timeline: timeline.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      kind: e.kind,
      status: e.status,
      actor: { kind: e.actorKind, name: e.actorName },
      note: e.note,
    })),
    approval: order.approvalState
      ? {
          state: order.approvalState,
          reasons: order.approvalReasons,
          decidedBy: order.approvedBy
            ? (timeline.findLast((e) => e.kind === 'approval')?.actorName ?? null)
            : null,
          comment: order.approvalComment,
          decidedAt: iso(order.approvalDecidedAt),
          reservedUntil: iso(order.reservedUntil),
        }
      : null,
    paymentId: order.paymentId,
    shipments: shipmentRows.map((s) => ({
      id: s.id,
      number: s.number,
      carrier: s.carrier,
      trackingNumber: s.trackingNumber,
      status: s.status,
      expectedDate: s.expectedDate,
      shippedAt: iso(s.shippedAt),
      deliveredAt: iso(s.deliveredAt),
      lastLocation:
        s.lastLat !== null && s.lastLon !== null
          ? { name: s.lastLocation, lat: s.lastLat, lon: s.lastLon }
          : null,
      lines: shippedLines.filter((l) => l.shipmentId === s.id).map((l) => lineRef(l.lineId, l.quantity)),
      events: trackingEvents
        .filter((e) => e.shipmentId === s.id)
        .map((e) => ({
          id: e.id,
          at: e.at.toISOString(),
          status: e.status,
          description: e.description,
          location: e.location,
          lat: e.lat,
          lon: e.lon,
          source: e.source,
        })),
    })),
    returns: returnRows.map((r) => ({
      id: r.id,
      number: r.number,
      orderId: r.orderId,
      orderNumber: order.number,
      kind: r.kind,
      status: r.status,
      reason: r.reason,
      comment: r.comment,
      amount: r.amount,
      refundedAmount: r.refundedAmount,
      managerComment: r.managerComment,
      lines: returned.filter((l) => l.returnId === r.id).map((l) => lineRef(l.lineId, l.quantity)),
      attachments: filesOf('return', r.id),
      createdAt: r.createdAt.toISOString(),
    })),
    claims: claimRows.map((c) => ({
      id: c.id,
      number: c.number,
      orderId: c.orderId,
      orderNumber: order.number,
      shipmentId: c.shipmentId,
      kind: c.kind,
      status: c.status,
      description: c.description,
      requestedResolution: c.requestedResolution,
      managerAnswer: c.managerAnswer,
      lines: claimed.filter((l) => l.claimId === c.id).map((l) => lineRef(l.lineId, l.quantity)),
      attachments: filesOf('claim', c.id),
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    })),
  };
}
export type OrderDetail = ReturnType<typeof presentOrderDetail>;

/** Loads and presents an order page (see `loadOrderDetailRows`). */
export async function loadOrderDetail(
  db: Db,
  orderId: string,
  attachmentUrl: AttachmentUrl,
): Promise<OrderDetail> {
  return presentOrderDetail(await loadOrderDetailRows(db, orderId), attachmentUrl);
}
