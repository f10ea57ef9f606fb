import { and, asc, desc, eq, exists, gte, ilike, inArray, lt, lte, type SQL, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { type Db, queryRows } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { queueMail } from '../../server/core/mail/mailer.js';
import { decodeCursor, toPage } from '../../server/core/pagination.js';
import type { OrderStatus } from '../../shared/orders.js';
import { variantIdsBySku, variantOrderFacts } from '../catalog/catalog.service.js';
import { priceLines } from '../catalog/pricing/pricing.service.js';
import { releaseStock, reserveStock } from '../catalog/stock.service.js';
import { companyIdsManagedBy, companySummariesOf, getCompany } from '../companies/companies.service.js';
import { type PaymentsContext, refundPayment } from '../payments/payments.service.js';
import { peopleByIds } from '../people/people.service.js';
import { orderEditedMail } from './aftercare.mail.js';
import { milli } from './aftercare.scope.js';
import { loadOrderDetail, presentOrderSummary } from './orders.detail.js';
import { changeOrderStatus, lockOrder, type OrderActor, recordOrderEvent } from './orders.lifecycle.js';
import { linesOfProduct } from './orders.products.js';
import { orderLines, orderReservations, orders } from './orders.tables.js';

export interface AdminOrderFilters {
  limit: number;
  cursor?: string | undefined;
  status?: OrderStatus[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  minTotal?: number | undefined;
  maxTotal?: number | undefined;
  number?: string | undefined;
  companyId?: string | undefined;
  personId?: string | undefined;
  product?: string | undefined;
  mine?: boolean | undefined;
}

const cursorShape = z.tuple([z.number().int(), z.string(), z.uuid()]);

/**
 * Every order for the back office, newest first, keyset-paginated on (mine, created_at, id): with `mine`,
 * orders of the companies the staff member manages come first.
 */
export async function listAdminOrders(db: Db, staffId: string, f: AdminOrderFilters) {
  const managed = f.mine ? await companyIdsManagedBy(db, staffId) : [];
  const mineRank: SQL<number> = managed.length
    ? sql<number>`(case when ${orders.companyId} = any(${`{${managed.join(',')}}`}::uuid[]) then 1 else 0 end)`
    : sql<number>`0`;
  const where: SQL[] = [];
  if (f.status?.length) where.push(inArray(orders.status, f.status));
  if (f.from) where.push(gte(orders.createdAt, new Date(f.from)));
  if (f.to) where.push(lt(orders.createdAt, new Date(new Date(f.to).getTime() + 86_400_000)));
  if (f.minTotal !== undefined) where.push(gte(orders.total, f.minTotal));
  if (f.maxTotal !== undefined) where.push(lte(orders.total, f.maxTotal));
  if (f.number) where.push(ilike(orders.number, `%${f.number.replace(/[%_\\]/g, '\\$&')}%`));
  if (f.companyId) where.push(eq(orders.companyId, f.companyId));
  if (f.personId) where.push(eq(orders.personId, f.personId));
  if (f.product) {
    where.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(orderLines)
          .where(and(eq(orderLines.orderId, orders.id), linesOfProduct(sql`${orderLines}`, f.product))),
      ),
    );
  }
  if (f.cursor) {
    const [rank, createdAt, id] = decodeCursor(f.cursor, cursorShape);
    const at = new Date(createdAt);
    where.push(
      sql`(${mineRank} < ${rank} or (${mineRank} = ${rank} and (${orders.createdAt}, ${orders.id}) < (${at.toISOString()}::timestamptz, ${id}::uuid)))`,
    );
  }
  const rows = await db
    .select({ order: orders, rank: mineRank })
    .from(orders)
    .where(and(...where))
    // A constant in ORDER BY would be read as a column position: rank only when it can differ.
    .orderBy(...(managed.length ? [desc(mineRank)] : []), desc(orders.createdAt), desc(orders.id))
    .limit(f.limit + 1);
  const companyMap = await companySummariesOf(
    db,
    rows.flatMap((r) => (r.order.companyId ? [r.order.companyId] : [])),
  );
  return toPage(
    rows,
    f.limit,
    (r) => {
      const company = r.order.companyId ? companyMap.get(r.order.companyId) : undefined;
      return {
        ...presentOrderSummary(r.order),
        companyName: company?.name ?? null,
        managerId: company?.managerId ?? null,
      };
    },
    (r) => [Number(r.rank), r.order.createdAt.toISOString(), r.order.id],
  );
}

/** Where back-office attachment downloads live. */
const adminAttachmentUrl = (a: { id: string; ownerType: 'return' | 'claim'; ownerId: string }) =>
  `/api/v1/admin/${a.ownerType === 'return' ? 'returns' : 'claims'}/${a.ownerId}/attachments/${a.id}`;

/** The order page of the back office: the detail plus the company's name and the customer's e-mail. */
export async function adminOrderDetail(db: Db, orderId: string) {
  const detail = await loadOrderDetail(db, orderId, adminAttachmentUrl);
  const [company, people] = await Promise.all([
    detail.companyId ? getCompany(db, detail.companyId) : Promise.resolve(null),
    peopleByIds(db, [detail.placedBy.id]),
  ]);
  const editable = editableStatuses.includes(detail.status);
  return {
    ...detail,
    companyName: company?.name ?? null,
    customerEmail: people.get(detail.placedBy.id)?.email ?? null,
    can: {
      cancel: detail.status !== 'cancelled' && detail.status !== 'completed',
      pay: false,
      approve: false,
      return: false,
      claim: false,
      repeat: false,
      edit: editable,
      ship: detail.status === 'assembling' || detail.status === 'shipped',
      refund: detail.paymentId !== null && detail.paidAmount > detail.refundedAmount,
    },
  };
}

/** A staff move along the lifecycle; `shipped` only comes from a shipment, `delivered` from tracking or here. */
export async function setOrderStatus(
  tx: Db,
  orderId: string,
  to: OrderStatus,
  actor: OrderActor,
  note: string | null,
) {
  if (to === 'shipped') {
    throw new AppError(
      'ORDER_STATUS_CONFLICT',
      'An order becomes shipped when its first shipment is created',
    );
  }
  const before = await lockOrder(tx, orderId);
  await changeOrderStatus(tx, orderId, to, actor, { note, order: before });
  return before.status;
}

/** An order can be edited by the back office until it is confirmed. */
export const editableStatuses: readonly OrderStatus[] = ['new', 'awaiting_approval'];

export interface OrderEdit {
  lines?: Array<{ lineId: string; quantity: number }> | undefined;
  addLines?:
    | Array<{ variantId?: string | undefined; sku?: string | undefined; quantity: number }>
    | undefined;
  deliveryCost?: number | undefined;
  comment?: string | null | undefined;
}

/** New lines with their variant ids: a SKU nobody has is a 400 at that line. */
async function variantsOfNewLines(db: Db, adding: NonNullable<OrderEdit['addLines']>) {
  const bySku = await variantIdsBySku(
    db,
    adding.flatMap((a) => (a.sku ? [a.sku] : [])),
  );
  return adding.map((a, i) => {
    const variantId = a.variantId ?? bySku.get(a.sku?.trim().toLowerCase() ?? '');
    if (!variantId)
      throw new AppError('VALIDATION_FAILED', `No product with the SKU ${a.sku}`, [
        { path: `addLines.${i}.sku`, message: 'No product with this SKU' },
      ]);
    return { variantId, quantity: a.quantity };
  });
}

/** Moves `delta` (positive: more) of a line's reservation; released stock goes back from the last warehouse. */
async function adjustReservation(
  tx: Db,
  orderId: string,
  line: { id: string; variantId: string },
  delta: number,
) {
  if (delta > 0) {
    const result = await reserveStock(tx, [
      { key: line.id, variantId: line.variantId, quantity: delta / 1000 },
    ]);
    if (!result.ok) {
      throw new AppError('OUT_OF_STOCK', 'Not enough stock for the change', [
        { path: line.id, message: `Only ${result.shortages[0]?.available ?? 0} more are available` },
      ]);
    }
    for (const a of result.allocations) {
      await tx
        .insert(orderReservations)
        .values({
          orderId,
          lineId: line.id,
          variantId: a.variantId,
          warehouseId: a.warehouseId,
          quantity: a.quantity,
        })
        .onConflictDoUpdate({
          target: [orderReservations.lineId, orderReservations.warehouseId],
          set: { quantity: sql`${orderReservations.quantity} + ${a.quantity}` },
        });
    }
    return;
  }
  let give = -delta;
  const rows = await tx
    .select()
    .from(orderReservations)
    .where(eq(orderReservations.lineId, line.id))
    .orderBy(desc(orderReservations.warehouseId));
  for (const r of rows) {
    if (give === 0) break;
    const take = Math.min(give, milli(r.quantity));
    give -= take;
    await releaseStock(tx, [
      { key: line.id, variantId: r.variantId, warehouseId: r.warehouseId, quantity: take / 1000 },
    ]);
    const where = and(
      eq(orderReservations.lineId, line.id),
      eq(orderReservations.warehouseId, r.warehouseId),
    );
    if (take === milli(r.quantity)) await tx.delete(orderReservations).where(where);
    else
      await tx
        .update(orderReservations)
        .set({ quantity: (milli(r.quantity) - take) / 1000 })
        .where(where);
  }
}

/**
 * Edits an order before confirmation: quantities (0 removes the line), new lines priced for the order's
 * context (the person or their company, now), the delivery cost and the comment. Stock reservations follow the
 * difference, totals are recomputed, the timeline gets an `edit` event listing the changes and the customer
 * is told by e-mail in the order's language.
 */
export async function editOrder(tx: Db, orderId: string, edit: OrderEdit, actor: OrderActor) {
  const order = await lockOrder(tx, orderId);
  if (!editableStatuses.includes(order.status)) {
    throw new AppError('ORDER_NOT_EDITABLE', 'Only an order that is not confirmed yet can be edited');
  }
  // A promo code's or points' share was decided for these lines: changing them would break the split.
  if (order.discountTotal > 0 && (edit.lines?.length || edit.addLines?.length)) {
    throw new AppError(
      'ORDER_NOT_EDITABLE',
      'The lines of an order with a promo code or bonus points cannot be edited; cancel it and place a new one',
    );
  }
  const lines = await tx
    .select()
    .from(orderLines)
    .where(eq(orderLines.orderId, orderId))
    .orderBy(asc(orderLines.position));
  const byId = new Map(lines.map((l) => [l.id, l]));
  const changes: string[] = [];
  for (const [i, change] of (edit.lines ?? []).entries()) {
    const line = byId.get(change.lineId);
    if (!line) {
      throw new AppError('VALIDATION_FAILED', 'Not a line of this order', [
        { path: `lines.${i}.lineId`, message: 'Not a line of this order' },
      ]);
    }
    const delta = milli(change.quantity) - milli(line.quantity);
    if (delta === 0) continue;
    if (order.holdsStock) await adjustReservation(tx, orderId, line, delta);
    if (change.quantity === 0) {
      await tx.delete(orderLines).where(eq(orderLines.id, line.id));
      byId.delete(line.id);
      changes.push(`− ${line.sku} ${line.name}`);
    } else {
      const lineTotal = Math.round(line.unitPrice * change.quantity);
      await tx
        .update(orderLines)
        .set({ quantity: change.quantity, lineTotal })
        .where(eq(orderLines.id, line.id));
      byId.set(line.id, { ...line, quantity: change.quantity, lineTotal });
      changes.push(`${line.sku}: ${line.quantity} → ${change.quantity}`);
    }
  }
  const adding = await variantsOfNewLines(tx, edit.addLines ?? []);
  if (adding.length) {
    const facts = await variantOrderFacts(
      tx,
      adding.map((a) => a.variantId),
    );
    const priced = await priceLines(
      tx,
      {
        scope: order.companyId ? 'org' : 'me',
        userId: order.personId,
        companyId: order.companyId,
        customerGroupId: order.companyId
          ? ((await getCompany(tx, order.companyId))?.customerGroupId ?? null)
          : null,
        at: new Date(),
      },
      adding.map((a) => ({
        variantId: a.variantId,
        productId: facts.get(a.variantId)?.productId ?? '',
        quantity: a.quantity,
      })),
    );
    let position = Math.max(0, ...lines.map((l) => l.position));
    for (const [i, add] of adding.entries()) {
      const fact = facts.get(add.variantId);
      const price = priced[i];
      if (!fact || !price) {
        throw new AppError('VALIDATION_FAILED', 'This product cannot be ordered', [
          { path: `addLines.${i}.variantId`, message: 'No such product or no price for this customer' },
        ]);
      }
      const line = {
        id: uuidv7(),
        orderId,
        position: ++position,
        variantId: add.variantId,
        productId: fact.productId,
        sku: fact.sku,
        name: fact.name,
        unit: fact.unit,
        quantity: add.quantity,
        listPrice: price.listPrice ?? price.unitPrice,
        unitPrice: price.unitPrice,
        lineTotal: price.total,
      };
      await tx.insert(orderLines).values(line);
      if (order.holdsStock) await adjustReservation(tx, orderId, line, milli(add.quantity));
      byId.set(line.id, { ...line, discount: 0, vatRate: null });
      changes.push(`+ ${fact.sku} ${fact.name} × ${add.quantity}`);
    }
  }
  if (byId.size === 0) {
    throw new AppError('VALIDATION_FAILED', 'An order keeps at least one line', [
      { path: 'lines', message: 'Cancel the order instead of removing every line' },
    ]);
  }
  const deliveryCost = edit.deliveryCost ?? order.deliveryCost;
  if (deliveryCost !== order.deliveryCost) changes.push(`delivery: ${order.deliveryCost} → ${deliveryCost}`);
  const comment = edit.comment === undefined ? order.comment : edit.comment;
  if (comment !== order.comment) changes.push('comment');
  const itemsTotal = [...byId.values()].reduce((sum, l) => sum + l.lineTotal, 0);
  const total = itemsTotal - order.discountTotal + deliveryCost;
  await tx
    .update(orders)
    .set({
      itemsTotal,
      deliveryCost,
      total,
      lineCount: byId.size,
      comment,
      updatedAt: new Date(),
    })
    .where(eq(orders.id, orderId));
  if (changes.length === 0) return { changes };
  await recordOrderEvent(tx, orderId, actor, { kind: 'edit', note: changes.join('; '), data: { changes } });
  const email = (await peopleByIds(tx, [order.personId])).get(order.personId)?.email;
  if (email) {
    await queueMail(tx, {
      to: email,
      template: orderEditedMail.name,
      locale: order.locale === 'en' ? 'en' : 'ru',
      vars: { number: order.number, changes, total },
    });
  }
  return { changes };
}

/**
 * Refunds money of a card order through the payment provider and records it on the order (refunded
 * amount, payment state, timeline). Orders not paid by card have nothing to refund here.
 */
export async function refundOrder(
  db: Db,
  ctx: PaymentsContext,
  orderId: string,
  input: { amount: number; reason: string; idempotencyKey?: string | undefined },
  actor: OrderActor,
) {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) throw new AppError('NOT_FOUND', 'Order not found');
  if (!order.paymentId) throw new AppError('ORDER_NOT_REFUNDABLE', 'This order was not paid by card online');
  const refund = await refundPayment(db, ctx, {
    paymentId: order.paymentId,
    amount: input.amount,
    idempotencyKey: input.idempotencyKey ?? `order-refund-${uuidv7()}`,
  });
  await db.transaction(async (tx) => {
    const locked = await lockOrder(tx, orderId);
    const already = await queryRows(
      tx,
      sql`select 1 from order_events where order_id = ${orderId} and kind = 'payment' and data->>'refundId' = ${refund.id}`,
    );
    if (already.length) return;
    const refundedAmount = locked.refundedAmount + refund.amount;
    await tx
      .update(orders)
      .set({
        refundedAmount,
        paymentState: refundedAmount >= locked.paidAmount ? 'refunded' : 'partially_refunded',
        updatedAt: new Date(),
      })
      .where(eq(orders.id, orderId));
    await recordOrderEvent(tx, orderId, actor, {
      kind: 'payment',
      note: `refund ${refund.amount}: ${input.reason}`,
      data: { refundId: refund.id, amount: refund.amount, reason: input.reason },
    });
  });
  return refund;
}
