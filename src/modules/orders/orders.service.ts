import { and, desc, eq, gte, ilike, isNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, queryRows } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { publishEvent } from '../../server/core/jobs/queue.js';
import { decodeCursor, toPage } from '../../server/core/pagination.js';
import { type AddressOwner, defaultAddressId, listAddresses } from '../addresses/addresses.service.js';
import { priceLines } from '../catalog/pricing/pricing.service.js';
import type { PricingContext } from '../catalog/pricing/pricing.types.js';
import { quoteDelivery } from '../delivery/delivery.service.js';
import { listSavedMethods, type PaymentsContext, paymentOf } from '../payments/payments.service.js';
import { getOrdersSettings } from '../settings/settings.service.js';
import { approvalReasons, mayDecide } from './approvals.service.js';
import { creditOf } from './orders.credit.js';
import {
  loadOrderDetailRows,
  type OrderDetailRows,
  presentOrderDetail,
  presentOrderSummary,
} from './orders.detail.js';
import {
  changeOrderStatus,
  customerCancellable,
  lockOrder,
  type OrderActor,
  type OrderRow,
  recordOrderEvent,
} from './orders.lifecycle.js';
import { companyPaymentMethods, personalPaymentMethods, startOrderPayment } from './orders.place.js';
import { linesOfProduct, orderableVariants } from './orders.products.js';
import type { OrderListQuery } from './orders.schema.js';
import { orderLines, orders } from './orders.tables.js';

/** Whose orders a request sees: the person's own (company_id null) or one company's. */
export type OrderScope = { kind: 'me'; personId: string } | { kind: 'org'; companyId: string };

/** The viewer of an order page, for the `can` flags. */
export interface OrderViewer {
  id: string;
  name: string;
  /** Org role and whether the role approves orders (org scope). */
  role?: string;
  canApprove?: boolean;
  canPlace?: boolean;
}

const isUuid = (id: string) => z.uuid().safeParse(id).success;

function scopeWhere(scope: OrderScope): SQL {
  return scope.kind === 'me'
    ? (and(isNull(orders.companyId), eq(orders.personId, scope.personId)) as SQL)
    : eq(orders.companyId, scope.companyId);
}

/** The order in the scope, or NOT_FOUND (another company's order looks like no order). */
export async function orderInScope(db: Db, scope: OrderScope, id: string): Promise<OrderRow> {
  if (!isUuid(id)) throw new AppError('NOT_FOUND', 'Order not found');
  const [row] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.id, id), scopeWhere(scope)));
  if (!row) throw new AppError('NOT_FOUND', 'Order not found');
  return row;
}

const cursorShape = z.tuple([z.string(), z.string()]);
/** An order number as the portal gives them (`K-2026-000123`; older imports `B-0001234`). */
const wholeOrderNumber = /^[A-Z]-(\d{4}-\d{6}|\d{7})$/;

/** Order history of the scope with filters, newest first, keyset pages on (created_at, id). */
export async function listOrders(db: Db, scope: OrderScope, q: OrderListQuery) {
  const where: SQL[] = [scopeWhere(scope)];
  if (q.status?.length)
    where.push(
      sql`${orders.status} in (${sql.join(
        q.status.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  if (q.from) where.push(gte(orders.createdAt, new Date(`${q.from}T00:00:00Z`)));
  if (q.to) where.push(lt(orders.createdAt, new Date(new Date(`${q.to}T00:00:00Z`).getTime() + 86_400_000)));
  if (q.minTotal !== undefined) where.push(gte(orders.total, q.minTotal));
  if (q.maxTotal !== undefined) where.push(lte(orders.total, q.maxTotal));
  if (q.number) {
    // A whole number (pasted from a document) is found through the unique index; a part of one is searched.
    const whole = q.number.trim().toUpperCase();
    where.push(
      wholeOrderNumber.test(whole)
        ? eq(orders.number, whole)
        : ilike(orders.number, `%${q.number.replace(/[%_\\]/g, '\\$&')}%`),
    );
  }
  if (q.placedBy && scope.kind === 'org') where.push(eq(orders.personId, q.placedBy));
  if (q.product)
    where.push(
      sql`${orders.id} in (select ol.order_id from ${orderLines} ol where ${linesOfProduct(sql`ol`, q.product)})`,
    );
  if (q.q) {
    const like = `%${q.q.replace(/[%_\\]/g, '\\$&')}%`;
    where.push(
      or(
        ilike(orders.number, like),
        sql`exists (select 1 from ${orderLines} ol where ol.order_id = ${orders.id} and (ol.sku ilike ${like} or ol.name ilike ${like}))`,
      ) as SQL,
    );
  }
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, cursorShape);
    where.push(sql`(${orders.createdAt}, ${orders.id}) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await db
    .select()
    .from(orders)
    .where(and(...where))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, presentOrderSummary, (o) => [o.createdAt.toISOString(), o.id]);
}

/** What the viewer may do with the order. */
function canOf(order: OrderRow, viewer: OrderViewer, scope: OrderScope) {
  const placer = scope.kind === 'me' || viewer.canPlace === true;
  return {
    cancel: placer && customerCancellable.includes(order.status),
    pay:
      order.personId === viewer.id &&
      order.paymentMethod === 'card_online' &&
      order.status === 'awaiting_payment' &&
      order.paidAmount < order.total,
    approve:
      scope.kind === 'org' &&
      viewer.canApprove === true &&
      order.approvalState === 'pending' &&
      order.status === 'awaiting_approval' &&
      mayDecide(order, { id: viewer.id, role: viewer.role ?? '' }),
    return: scope.kind === 'me' && ['delivered', 'completed'].includes(order.status),
    claim: scope.kind === 'org' && ['shipped', 'delivered', 'completed'].includes(order.status),
    repeat: placer,
  };
}

/** The order page: detail, current payment and what the viewer may do. */
export async function orderDetail(db: Db, scope: OrderScope, id: string, viewer: OrderViewer) {
  const order = await orderInScope(db, scope, id);
  return orderPageOf(db, scope, await loadOrderDetailRows(db, order), viewer);
}

/** The order page from its rows (already read, or just written by placing the order). */
export async function orderPageOf(db: Db, scope: OrderScope, rows: OrderDetailRows, viewer: OrderViewer) {
  const { order } = rows;
  const base = scope.kind === 'me' ? '/api/v1/me' : `/api/v1/orgs/${scope.companyId}`;
  const { paymentId: _p, ...rest } = presentOrderDetail(rows, (a) =>
    a.ownerType === 'return'
      ? `${base}/returns/${a.ownerId}/attachments/${a.id}`
      : `${base}/claims/${a.ownerId}/attachments/${a.id}`,
  );
  const payment = order.paymentId ? await paymentOf(db, order.paymentId).catch(() => null) : null;
  return {
    ...rest,
    payment: payment
      ? { id: payment.id, status: payment.status, confirmationUrl: payment.confirmationUrl }
      : null,
    can: canOf(order, viewer, scope),
  };
}

/** The customer cancels their order while the lifecycle allows it; the stock goes back. */
export async function cancelOrder(
  db: Db,
  scope: OrderScope,
  id: string,
  actor: { id: string; name: string },
  reason?: string,
) {
  const found = await orderInScope(db, scope, id);
  await db.transaction(async (tx) => {
    const order = await lockOrder(tx, found.id);
    if (!customerCancellable.includes(order.status))
      throw new AppError(
        'ORDER_NOT_CANCELLABLE',
        `An order in status ${order.status} cannot be cancelled here`,
      );
    // A pending card payment is left to expire at the provider; a late success is refunded by the manager.
    await changeOrderStatus(
      tx,
      order.id,
      'cancelled',
      { kind: 'person', id: actor.id, name: actor.name },
      {
        order,
        note: reason ?? null,
      },
    );
  });
}

/** Starts a card payment again for an unpaid card order: the pending one, or a new one after a failure. */
export async function payOrder(
  db: Db,
  ctx: PaymentsContext,
  scope: OrderScope,
  id: string,
  personId: string,
  returnUrl: string,
) {
  const order = await orderInScope(db, scope, id);
  if (
    order.personId !== personId ||
    order.paymentMethod !== 'card_online' ||
    order.status !== 'awaiting_payment'
  )
    throw new AppError('ORDER_STATUS_CONFLICT', 'The order is not waiting for a card payment');
  if (order.paymentId) {
    const current = await paymentOf(db, order.paymentId);
    if (current.status === 'pending' && current.confirmationUrl)
      return { confirmationUrl: current.confirmationUrl, status: current.status };
  }
  const updated = await startOrderPayment(db, ctx, order, { returnUrl, attempt: String(Date.now()) });
  const payment = updated.paymentId ? await paymentOf(db, updated.paymentId) : null;
  return { confirmationUrl: payment?.confirmationUrl ?? null, status: payment?.status ?? 'pending' };
}

/**
 * Money received for an order (a card payment, or a payment 1C reports), inside the caller's transaction with
 * the order locked: the paid amount and payment state, a `payment` line on the timeline, and the status `paid`
 * once the order is paid in full while it was awaiting payment or confirmed.
 */
export async function recordPaymentReceived(
  tx: Db,
  order: OrderRow,
  amount: number,
  actor: OrderActor,
  data: Record<string, unknown>,
): Promise<void> {
  const paidAmount = order.paidAmount + amount;
  await tx
    .update(orders)
    .set({
      paidAmount,
      paymentState: paidAmount >= order.total ? 'paid' : 'partially_paid',
      updatedAt: new Date(),
    })
    .where(eq(orders.id, order.id));
  await recordOrderEvent(tx, order.id, actor, { kind: 'payment', note: 'paid', data });
  // Finance keeps the company's ledger: every payment an order receives, from any source, passes here.
  await publishEvent(tx, 'orders.payment_received', {
    orderId: order.id,
    number: order.number,
    companyId: order.companyId,
    amount,
    actor,
    data,
  });
  if (paidAmount >= order.total && ['awaiting_payment', 'confirmed'].includes(order.status))
    await changeOrderStatus(tx, order.id, 'paid', actor);
}

/** Applies a payments-module event to the order it paid for (idempotent per event). */
export async function applyPaymentEvent(
  db: Db,
  eventId: string,
  topic: string,
  payload: {
    subjectType?: string;
    subjectId?: string;
    amount?: number;
    fullyRefunded?: boolean;
    paymentId?: string;
    refundId?: string;
  },
): Promise<void> {
  if (payload.subjectType !== 'order' || !payload.subjectId || !isUuid(payload.subjectId)) return;
  await db.transaction(async (tx) => {
    const [exists] = await tx
      .select({ id: orders.id })
      .from(orders)
      .where(eq(orders.id, payload.subjectId as string));
    if (!exists) return;
    const order = await lockOrder(tx, exists.id);
    const seen = await queryRows(
      tx,
      sql`select 1 from order_events where order_id = ${order.id} and kind = 'payment' and data->>'eventId' = ${eventId}`,
    );
    if (seen.length) return;
    // A refund the portal asked for (back office, return, late payment) is already counted where it was made.
    const counted =
      topic === 'payments.refunded' && payload.refundId
        ? await queryRows(
            tx,
            sql`select 1 from order_events where order_id = ${order.id} and data->>'refundId' = ${payload.refundId}`,
          )
        : [];
    if (counted.length) return;
    const amount = payload.amount ?? 0;
    const data = {
      eventId,
      topic,
      paymentId: payload.paymentId ?? null,
      amount,
      ...(payload.refundId ? { refundId: payload.refundId } : {}),
    };
    if (topic === 'payments.succeeded') {
      await recordPaymentReceived(tx, order, amount, { kind: 'system', id: null, name: null }, data);
    } else if (topic === 'payments.refunded') {
      const refundedAmount = order.refundedAmount + amount;
      await tx
        .update(orders)
        .set({
          refundedAmount,
          paymentState:
            payload.fullyRefunded || refundedAmount >= order.paidAmount ? 'refunded' : 'partially_refunded',
          updatedAt: new Date(),
        })
        .where(eq(orders.id, order.id));
      await recordOrderEvent(
        tx,
        order.id,
        { kind: 'system', id: null, name: null },
        { kind: 'payment', note: 'refunded', data },
      );
    } else {
      await recordOrderEvent(
        tx,
        order.id,
        { kind: 'system', id: null, name: null },
        { kind: 'payment', note: 'canceled', data },
      );
    }
  });
}

/** What checkout can offer for these lines (docs/orders.md, checkout options; lines come in a POST body). */
export async function checkoutOptions(
  db: Db,
  input: {
    scope: OrderScope;
    personId: string;
    role?: string;
    canApprove?: boolean;
    pricing: PricingContext;
    lines: { variantId: string; quantity: number }[];
    addressId?: string | undefined;
    desiredDate?: string | undefined;
  },
) {
  const variants = await orderableVariants(
    db,
    input.lines.map((l) => l.variantId),
    input.pricing.customerGroupId,
  );
  const known = input.lines.filter((l) => variants.has(l.variantId));
  const priced = await priceLines(
    db,
    input.pricing,
    known.map((l) => ({
      productId: variants.get(l.variantId)?.productId as string,
      variantId: l.variantId,
      quantity: l.quantity,
    })),
  );
  const lines = known.map((l, i) => {
    const v = variants.get(l.variantId);
    return {
      variantId: l.variantId,
      productId: v?.productId ?? '',
      sku: v?.sku ?? '',
      name: v?.name ?? '',
      unit: v?.unit ?? '',
      quantity: l.quantity,
      unitPrice: priced[i]?.unitPrice ?? null,
      lineTotal: priced[i]?.total ?? null,
    };
  });
  const itemsTotal = lines.reduce((s, l) => s + (l.lineTotal ?? 0), 0);
  const owner: AddressOwner =
    input.scope.kind === 'org'
      ? { kind: 'company', companyId: input.scope.companyId }
      : { kind: 'person', userId: input.personId };
  const book = await listAddresses(db, owner);
  const addressId = input.addressId ?? (await defaultAddressId(db, owner));
  const address = book.find((a) => a.id === addressId) ?? null;
  const quote = known.length
    ? await quoteDelivery(db, {
        address: address
          ? {
              ...(address.postalCode ? { postalCode: address.postalCode } : {}),
              ...(address.region ? { region: address.region } : {}),
              ...(address.city ? { city: address.city } : {}),
            }
          : {},
        items: known.map((l) => ({ variantId: l.variantId, quantity: l.quantity })),
        orderAmount: itemsTotal,
        ...(input.desiredDate ? { desiredDate: input.desiredDate } : {}),
        audience: input.scope.kind === 'org' ? 'company' : 'retail',
      })
    : { methods: [] };
  const credit = input.scope.kind === 'org' ? await creditOf(db, input.scope.companyId) : null;
  const methods = input.scope.kind === 'org' ? companyPaymentMethods : personalPaymentMethods;
  const cards = (await listSavedMethods(db, input.personId)).items;
  let approvalExpected = false;
  if (input.scope.kind === 'org') {
    const reasons = await approvalReasons(db, {
      companyId: input.scope.companyId,
      role: input.role ?? '',
      canApprove: input.canApprove ?? false,
      total: itemsTotal,
      categoryPaths: known.map((l) => variants.get(l.variantId)?.categoryPath ?? []),
    });
    approvalExpected = reasons.length > 0;
  }
  const overLimitPolicy =
    credit && itemsTotal > credit.available ? (await getOrdersSettings(db)).creditOverLimit : null;
  return {
    cart: { lines, itemsTotal },
    addresses: book.map((a) => ({
      id: a.id,
      label: a.label,
      text: [a.postalCode, a.city, a.line, a.flat].filter(Boolean).join(', '),
      isDefault: a.isDefault,
    })),
    addressId: address?.id ?? null,
    deliveryQuotes: quote.methods.map((m) => ({
      methodId: m.methodId,
      kind: m.kind,
      name: m.name,
      carrier: m.carrier,
      available: m.available,
      cost: m.available ? m.cost : null,
      deliveryDate: m.available ? m.deliveryDate : null,
      warehouseId: m.warehouse?.id ?? null,
      reason: m.available ? null : m.reason,
    })),
    // Deferred payment needs a credit limit; over the limit it is offered only when the policy sends to approval.
    paymentMethods: methods.filter(
      (m) => m !== 'deferred' || (credit !== null && overLimitPolicy !== 'refuse'),
    ),
    savedCards: cards.map((c) => ({
      id: c.id,
      title: `${c.cardBrand ?? 'Card'} •••• ${c.cardLast4 ?? ''}`.trim(),
    })),
    credit,
    approvalExpected,
  };
}
