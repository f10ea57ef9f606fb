import { and, desc, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { type Db, queryRows } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { publishEvent } from '../../server/core/jobs/queue.js';
import { queueMail } from '../../server/core/mail/mailer.js';
import { decodeCursor, toPage } from '../../server/core/pagination.js';
import type { FileStorage } from '../../server/core/storage.js';
import type { ReturnKind, ReturnStatus } from '../../shared/orders.js';
import { type PaymentsContext, refundPayment } from '../payments/payments.service.js';
import { peopleByIds } from '../people/people.service.js';
import { returnStatusMail } from './aftercare.mail.js';
import { milli, scopedOrder } from './aftercare.scope.js';
import { storeAttachments, type UploadedFile } from './attachments.js';
import { notifyReturnStatus } from './orders.inapp.js';
import { lockOrder, type OrderActor, recordOrderEvent } from './orders.lifecycle.js';
import {
  orderAttachments,
  orderEvents,
  orderLines,
  orderReturnLines,
  orderReturns,
  orders,
  shipmentLines,
  shipments,
} from './orders.tables.js';

/** Published when a return is refunded: `{ returnId, orderId, personId, companyId, amount, lines[] }`. */
export const orderReturnRefundedTopic = 'orders.return_refunded';

/** Days after delivery a customer may ask to return goods (the distance-selling rule: 14 days). */
export const returnWindowDays = 14;

/** Where a return request may go from each status. */
export const returnTransitions: Record<ReturnStatus, readonly ReturnStatus[]> = {
  requested: ['approved', 'rejected'],
  approved: ['received'],
  received: ['refunded', 'closed'],
  refunded: ['closed'],
  rejected: ['closed'],
  closed: [],
};

export interface NewReturn {
  kind: ReturnKind;
  reason: string;
  comment?: string | null | undefined;
  lines: Array<{ lineId: string; quantity: number }>;
}

type ReturnRow = typeof orderReturns.$inferSelect;
export type AttachmentUrlOf = (ownerId: string, attachmentId: string) => string;

/** When the order was delivered: its last `delivered` status event, else its last delivered shipment. */
async function deliveredAt(db: Db, orderId: string): Promise<Date | null> {
  const [event] = await db
    .select({ at: orderEvents.at })
    .from(orderEvents)
    .where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.status, 'delivered')))
    .orderBy(desc(orderEvents.at))
    .limit(1);
  if (event) return event.at;
  const [shipment] = await db
    .select({ at: shipments.deliveredAt })
    .from(shipments)
    .where(and(eq(shipments.orderId, orderId), eq(shipments.status, 'delivered')))
    .orderBy(desc(shipments.deliveredAt))
    .limit(1);
  return shipment?.at ?? null;
}

/** Units of each line that reached the customer: in delivered shipments, or the whole line without shipments. */
export async function deliveredByLine(db: Db, orderId: string): Promise<Map<string, number>> {
  const [lines, shipped, all] = await Promise.all([
    db.select().from(orderLines).where(eq(orderLines.orderId, orderId)),
    db
      .select({ lineId: shipmentLines.lineId, quantity: shipmentLines.quantity, status: shipments.status })
      .from(shipmentLines)
      .innerJoin(shipments, eq(shipments.id, shipmentLines.shipmentId))
      .where(eq(shipments.orderId, orderId)),
    db.select({ id: shipments.id }).from(shipments).where(eq(shipments.orderId, orderId)).limit(1),
  ]);
  const out = new Map<string, number>();
  if (all.length === 0) {
    for (const l of lines) out.set(l.id, milli(l.quantity));
    return out;
  }
  for (const s of shipped) {
    if (s.status === 'delivered') out.set(s.lineId, (out.get(s.lineId) ?? 0) + milli(s.quantity));
  }
  return out;
}

/**
 * Files a return request for a delivered order of the person: within the return window, for at most what was
 * delivered minus what other requests (not rejected) already take back; numbered `<order>-R<n>`, with photos.
 */
export async function fileReturn(
  tx: Db,
  storage: FileStorage,
  actor: OrderActor & { id: string },
  orderId: string,
  input: NewReturn,
  files: UploadedFile[],
  now = new Date(),
) {
  const scoped = await scopedOrder(tx, { kind: 'me', personId: actor.id }, orderId);
  const order = await lockOrder(tx, scoped.id);
  if (order.status !== 'delivered' && order.status !== 'completed') {
    throw new AppError('RETURN_NOT_ALLOWED', 'Only a delivered order can be returned');
  }
  const since = await deliveredAt(tx, orderId);
  if (!since || now.getTime() - since.getTime() > returnWindowDays * 86_400_000) {
    throw new AppError(
      'RETURN_NOT_ALLOWED',
      `Goods can be returned within ${returnWindowDays} days of delivery`,
    );
  }
  const [lines, delivered, earlier] = await Promise.all([
    tx.select().from(orderLines).where(eq(orderLines.orderId, orderId)),
    deliveredByLine(tx, orderId),
    tx
      .select({ lineId: orderReturnLines.lineId, quantity: orderReturnLines.quantity })
      .from(orderReturnLines)
      .innerJoin(orderReturns, eq(orderReturns.id, orderReturnLines.returnId))
      .where(and(eq(orderReturns.orderId, orderId), sql`${orderReturns.status} <> 'rejected'`)),
  ]);
  const returned = new Map<string, number>();
  for (const r of earlier) returned.set(r.lineId, (returned.get(r.lineId) ?? 0) + milli(r.quantity));
  const byId = new Map(lines.map((l) => [l.id, l]));
  const problems = input.lines.flatMap((l, i) => {
    const line = byId.get(l.lineId);
    if (!line) return [{ path: `data.lines.${i}.lineId`, message: 'Not a line of this order' }];
    const left = (delivered.get(l.lineId) ?? 0) - (returned.get(l.lineId) ?? 0);
    return milli(l.quantity) > left
      ? [{ path: `data.lines.${i}.quantity`, message: `At most ${Math.max(0, left) / 1000} can be returned` }]
      : [];
  });
  if (new Set(input.lines.map((l) => l.lineId)).size !== input.lines.length) {
    problems.push({ path: 'data.lines', message: 'Each line once' });
  }
  if (problems.length) throw new AppError('RETURN_NOT_ALLOWED', 'More than can be returned', problems);

  const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from order_returns where order_id = ${orderId}`,
  );
  const id = uuidv7();
  const number = `${order.number}-R${n + 1}`;
  // What the customer paid for the returned units: the line's total less its share of the order's discounts.
  const amount = input.lines.reduce((sum, l) => {
    const line = byId.get(l.lineId);
    if (!line) return sum;
    return sum + Math.round(((line.lineTotal - line.discount) * milli(l.quantity)) / milli(line.quantity));
  }, 0);
  await tx.insert(orderReturns).values({
    id,
    number,
    orderId,
    personId: actor.id,
    kind: input.kind,
    reason: input.reason,
    comment: input.comment ?? null,
    amount,
  });
  await tx.insert(orderReturnLines).values(input.lines.map((l) => ({ returnId: id, ...l })));
  await storeAttachments(tx, storage, { type: 'return', id }, files, actor.id);
  await recordOrderEvent(tx, orderId, actor, {
    kind: 'return',
    note: `${number}: requested`,
    data: { returnId: id, status: 'requested' },
  });
  await notify(tx, { number, personId: actor.id, locale: order.locale }, 'requested', null);
  return id;
}

async function notify(
  tx: Db,
  r: { number: string; personId: string; locale: string },
  status: ReturnStatus,
  comment: string | null,
) {
  const email = (await peopleByIds(tx, [r.personId])).get(r.personId)?.email;
  if (!email) return;
  await queueMail(tx, {
    to: email,
    template: returnStatusMail.name,
    locale: r.locale === 'en' ? 'en' : 'ru',
    vars: { number: r.number, status, comment },
  });
}

/** Return requests as the API shows them (docs/orders.md, `Return`), in a fixed number of queries. */
export async function presentReturns(db: Db, rows: ReturnRow[], urlOf: AttachmentUrlOf) {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [lines, files, orderRows] = await Promise.all([
    db
      .select({
        returnId: orderReturnLines.returnId,
        lineId: orderReturnLines.lineId,
        quantity: orderReturnLines.quantity,
        sku: orderLines.sku,
        name: orderLines.name,
      })
      .from(orderReturnLines)
      .innerJoin(orderLines, eq(orderLines.id, orderReturnLines.lineId))
      .where(inArray(orderReturnLines.returnId, ids)),
    db
      .select()
      .from(orderAttachments)
      .where(and(eq(orderAttachments.ownerType, 'return'), inArray(orderAttachments.ownerId, ids))),
    db
      .select({ id: orders.id, number: orders.number })
      .from(orders)
      .where(inArray(orders.id, [...new Set(rows.map((r) => r.orderId))])),
  ]);
  const numbers = new Map(orderRows.map((o) => [o.id, o.number]));
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    orderId: r.orderId,
    orderNumber: numbers.get(r.orderId) ?? '',
    kind: r.kind,
    status: r.status,
    reason: r.reason,
    comment: r.comment,
    amount: r.amount,
    refundedAmount: r.refundedAmount,
    managerComment: r.managerComment,
    lines: lines
      .filter((l) => l.returnId === r.id)
      .map((l) => ({ lineId: l.lineId, sku: l.sku, name: l.name, quantity: l.quantity })),
    attachments: files
      .filter((f) => f.ownerId === r.id)
      .map((f) => ({
        id: f.id,
        fileName: f.fileName,
        contentType: f.contentType,
        size: f.size,
        url: urlOf(r.id, f.id),
      })),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

const cursorShape = z.tuple([z.string(), z.uuid()]);

/** A page of return requests, newest first: the person's own, or all (back office) with a status filter. */
export async function listReturns(
  db: Db,
  filter: {
    personId?: string;
    status?: ReturnStatus | undefined;
    limit: number;
    cursor?: string | undefined;
  },
  urlOf: AttachmentUrlOf,
) {
  const where: SQL[] = [];
  if (filter.personId) where.push(eq(orderReturns.personId, filter.personId));
  if (filter.status) where.push(eq(orderReturns.status, filter.status));
  if (filter.cursor) {
    const [at, id] = decodeCursor(filter.cursor, cursorShape);
    const when = new Date(at);
    where.push(
      or(
        lt(orderReturns.createdAt, when),
        and(eq(orderReturns.createdAt, when), lt(orderReturns.id, id)),
      ) as SQL,
    );
  }
  const rows = await db
    .select()
    .from(orderReturns)
    .where(and(...where))
    .orderBy(desc(orderReturns.createdAt), desc(orderReturns.id))
    .limit(filter.limit + 1);
  const page = toPage(
    rows,
    filter.limit,
    (r) => r,
    (r) => [r.createdAt.toISOString(), r.id],
  );
  return { items: await presentReturns(db, page.items, urlOf), nextCursor: page.nextCursor };
}

/** One return request, the person's own when `personId` is given; NOT_FOUND otherwise. */
export async function returnOf(db: Db, id: string, personId?: string) {
  const [row] = await db
    .select()
    .from(orderReturns)
    .where(
      personId ? and(eq(orderReturns.id, id), eq(orderReturns.personId, personId)) : eq(orderReturns.id, id),
    );
  if (!row) throw new AppError('NOT_FOUND', 'Return not found');
  return row;
}

/**
 * Moves a return request on (back office). `refunded` refunds the amount through the payment provider for a card
 * order; other orders only record it. Every move is on the order's timeline and mailed to the customer.
 */
export async function setReturnStatus(
  db: Db,
  ctx: PaymentsContext,
  id: string,
  change: { status: ReturnStatus; managerComment?: string | null | undefined },
  actor: OrderActor,
) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(orderReturns).where(eq(orderReturns.id, id)).for('update');
    if (!row) throw new AppError('NOT_FOUND', 'Return not found');
    if (!returnTransitions[row.status].includes(change.status)) {
      throw new AppError(
        'RETURN_NOT_ALLOWED',
        `A return in status ${row.status} cannot become ${change.status}`,
      );
    }
    const order = await lockOrder(tx, row.orderId);
    let refundedAmount = row.refundedAmount;
    let refundId: string | undefined;
    if (change.status === 'refunded') {
      if (order.paymentId) {
        const refund = await refundPayment(tx, ctx, {
          paymentId: order.paymentId,
          amount: row.amount,
          idempotencyKey: `return-${row.id}`,
        });
        refundId = refund.id;
        const total = order.refundedAmount + refund.amount;
        await tx
          .update(orders)
          .set({
            refundedAmount: total,
            paymentState: total >= order.paidAmount ? 'refunded' : 'partially_refunded',
            updatedAt: new Date(),
          })
          .where(eq(orders.id, order.id));
      }
      refundedAmount = row.amount;
    }
    const managerComment = change.managerComment === undefined ? row.managerComment : change.managerComment;
    await tx
      .update(orderReturns)
      .set({ status: change.status, managerComment, refundedAmount, updatedAt: new Date() })
      .where(eq(orderReturns.id, id));
    if (change.status === 'refunded') {
      // Bonus points and promotions hear of returned goods (loyalty takes back the points earned on them).
      const returned = await tx
        .select({ lineId: orderReturnLines.lineId, quantity: orderReturnLines.quantity })
        .from(orderReturnLines)
        .where(eq(orderReturnLines.returnId, row.id));
      await publishEvent(tx, orderReturnRefundedTopic, {
        returnId: row.id,
        orderId: order.id,
        personId: order.personId,
        companyId: order.companyId,
        amount: row.amount,
        lines: returned,
      });
    }
    await recordOrderEvent(tx, order.id, actor, {
      kind: 'return',
      note: `${row.number}: ${change.status}`,
      data: { returnId: id, status: change.status, ...(refundId ? { refundId } : {}) },
    });
    await notify(
      tx,
      { number: row.number, personId: row.personId, locale: order.locale },
      change.status,
      managerComment,
    );
    await notifyReturnStatus(tx, row, change.status, managerComment);
  });
}
