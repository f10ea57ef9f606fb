import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, queryRows } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import type { OrderStatus } from '../../shared/orders.js';
import { variantExternalIds } from '../catalog/catalog.service.js';
import { getCompanies } from '../companies/companies.service.js';
import { peopleByIds } from '../people/people.service.js';
import { milli } from './aftercare.scope.js';
import {
  changeOrderStatus,
  lockOrder,
  type OrderActor,
  type OrderRow,
  transitions,
} from './orders.lifecycle.js';
import { recordPaymentReceived } from './orders.service.js';
import { type OrderDeliverySnapshot, orderEvents, orderLines, orders, shipments } from './orders.tables.js';
import { createShipment } from './shipments.service.js';

/**
 * Orders as an accounting system sees them (the 1C sale exchange): what changed since a position of the orders
 * change sequence, and the changes 1C sends back. The change sequence is kept by a trigger (migration 0036).
 */

/** The advisory lock every order writer holds shared until it commits (the trigger of migration 0036). */
const changeSeqLock = 80310;

/** Who the timeline shows for what 1C did. */
export const oneCActor: OrderActor = { kind: 'system', id: null, name: '1C' };

/**
 * The highest change sequence whose transaction is over: waits a moment for order writers in progress (they
 * hold the lock shared) and holds new ones back while it reads. Every order that changes afterwards gets a
 * larger value, so a position confirmed up to this cutoff never skips an order committed later.
 */
export async function ordersChangeCutoff(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${changeSeqLock})`);
    const [row] = await queryRows<{ seq: string | null }>(
      tx,
      sql`select max(change_seq)::text as seq from orders`,
    );
    return Number(row?.seq ?? 0);
  });
}

/** The buyer as the accounting system needs it: a company with its legal details, or a person. */
export type ExchangeCustomer =
  | {
      kind: 'company';
      id: string;
      name: string;
      legalName: string;
      inn: string;
      kpp: string | null;
      address: string | null;
    }
  | { kind: 'person'; id: string; name: string; email: string | null; phone: string | null };

/** One order with everything the accounting system's document carries. */
export interface ExchangeOrder {
  id: string;
  number: string;
  changeSeq: number;
  createdAt: Date;
  status: OrderStatus;
  statusChangedAt: Date;
  paymentState: string;
  paymentMethod: string;
  currency: string;
  itemsTotal: number;
  deliveryCost: number;
  total: number;
  paidAmount: number;
  comment: string | null;
  cancelReason: string | null;
  number1c: string | null;
  delivery: OrderDeliverySnapshot;
  placedBy: { id: string; name: string; email: string | null };
  customer: ExchangeCustomer;
  lines: Array<{
    /** The 1C id of the variant (or of its product) when the catalog has one, else the variant's own id. */
    externalId: string;
    sku: string;
    name: string;
    unit: string;
    quantity: number;
    listPrice: number;
    unitPrice: number;
    lineTotal: number;
    /** The line's share of the order's promo-code and bonus discounts: it is paid `lineTotal - discount`. */
    discount: number;
    vatRate: number | null;
  }>;
}

/**
 * Orders whose change sequence is in (after, upTo], oldest change first, at most `limit`, with their lines, buyer
 * and the time of their last status change.
 */
export async function ordersChangedSince(
  db: Db,
  range: { after: number; upTo: number; limit: number },
): Promise<ExchangeOrder[]> {
  const rows = await db
    .select()
    .from(orders)
    .where(and(gt(orders.changeSeq, range.after), lte(orders.changeSeq, range.upTo)))
    .orderBy(asc(orders.changeSeq))
    .limit(range.limit);
  if (rows.length === 0) return [];
  const ids = rows.map((o) => o.id);
  const lines = await db
    .select()
    .from(orderLines)
    .where(inArray(orderLines.orderId, ids))
    .orderBy(asc(orderLines.orderId), asc(orderLines.position));
  const statusTimes = await db
    .select({ orderId: orderEvents.orderId, at: sql<string>`max(${orderEvents.at})::text` })
    .from(orderEvents)
    .where(and(inArray(orderEvents.orderId, ids), eq(orderEvents.kind, 'status')))
    .groupBy(orderEvents.orderId);
  const statusAt = new Map(statusTimes.map((s) => [s.orderId, new Date(s.at)]));
  const external = await variantExternalIds(
    db,
    lines.map((l) => l.variantId),
  );
  const people = await peopleByIds(db, [...new Set(rows.map((o) => o.personId))]);
  const companies = await getCompanies(
    db,
    rows.flatMap((o) => (o.companyId ? [o.companyId] : [])),
  );
  const linesOf = new Map<string, ExchangeOrder['lines']>();
  for (const l of lines) {
    const ext = external.get(l.variantId);
    const list = linesOf.get(l.orderId) ?? [];
    list.push({
      externalId: ext?.variantExternalId ?? ext?.productExternalId ?? l.variantId,
      sku: l.sku,
      name: l.name,
      unit: l.unit,
      quantity: l.quantity,
      listPrice: l.listPrice,
      unitPrice: l.unitPrice,
      lineTotal: l.lineTotal,
      discount: l.discount,
      vatRate: l.vatRate,
    });
    linesOf.set(l.orderId, list);
  }
  return rows.map((o) => {
    const person = people.get(o.personId);
    const company = o.companyId ? companies.get(o.companyId) : null;
    const placedBy = { id: o.personId, name: person?.name ?? o.placedByName, email: person?.email ?? null };
    const customer: ExchangeCustomer = company
      ? {
          kind: 'company',
          id: company.id,
          name: company.name,
          legalName: company.legalName,
          inn: company.inn,
          kpp: company.kpp,
          address: company.legalAddress ?? company.postalAddress,
        }
      : { kind: 'person', ...placedBy, phone: o.delivery.phone };
    return {
      id: o.id,
      number: o.number,
      changeSeq: o.changeSeq,
      createdAt: o.createdAt,
      status: o.status,
      statusChangedAt: statusAt.get(o.id) ?? o.createdAt,
      paymentState: o.paymentState,
      paymentMethod: o.paymentMethod,
      currency: o.currency,
      itemsTotal: o.itemsTotal,
      deliveryCost: o.deliveryCost,
      total: o.total,
      paidAmount: o.paidAmount,
      comment: o.comment,
      cancelReason: o.cancelReason,
      number1c: o.number1c,
      delivery: o.delivery,
      placedBy,
      customer,
      lines: linesOf.get(o.id) ?? [],
    };
  });
}

/** What 1C says about one of our orders (a `Документ` of its file), already read from the XML. */
export interface OrderChangeFrom1C {
  /** `Документ/Ид`: our order id (1C sends back what the query gave it). */
  id: string;
  /** `Документ/Номер`: our order number, tried when the id is unknown. */
  number: string;
  number1c: string | null;
  date1c: string | null;
  /** «Статус заказа» as 1C wrote it (`[N] Принят`, `[F] Доставлен`, `Отгружен`…). */
  status: string | null;
  cancelled: boolean;
  /** `ПометкаУдаления`: 1C marked the document deleted. */
  deleted: boolean;
  posted: boolean;
  final: boolean;
  /** A payment 1C recorded: its number (once per number), date and amount in kopecks (null: what is unpaid). */
  payment: { number: string; date: string | null; amount: number | null } | null;
  /** A shipment 1C recorded: its number (once per number) and date. */
  shipment: { number: string; date: string | null } | null;
}

/** What applying one document did: nothing when the order is unknown; changes and warnings in plain ASCII. */
export interface OrderChangeResult {
  orderId: string | null;
  changes: string[];
  warnings: string[];
}

/** Our statuses in lifecycle order, for "never move backwards". */
const rank: Record<OrderStatus, number> = {
  new: 0,
  awaiting_approval: 1,
  confirmed: 2,
  awaiting_payment: 3,
  paid: 4,
  assembling: 5,
  shipped: 6,
  delivered: 7,
  completed: 8,
  cancelled: 9,
};

/** 1C status names (lower case, the `[X]` code removed) by the status they mean here; first match wins. */
const statusWords: Array<[RegExp, OrderStatus]> = [
  [/отмен|аннулир/, 'cancelled'],
  [/выполнен|заверш|закрыт/, 'completed'],
  [/доставлен|получен|вручен/, 'delivered'],
  [/отгружен|передан|в пути/, 'shipped'],
  [/сборк|собира|комплект|к отгрузке|отгружается/, 'assembling'],
  [/принят|согласован|подтвержд|обеспечени|в работе|к выполнению|новый/, 'confirmed'],
];

/** Bitrix status codes 1C echoes (`[N] Принят`): N accepted, F final. Other letters are read by their name. */
const statusCodes: Record<string, OrderStatus> = { N: 'confirmed', F: 'completed' };

/**
 * The status 1C asks for, or null when it says nothing we act on. «Отменен» or a deletion mark cancel; otherwise
 * the furthest of «Статус заказа», «Финальный статус» (completed) and «Проведен» (confirmed).
 */
export function statusFrom1C(
  change: Pick<OrderChangeFrom1C, 'status' | 'cancelled' | 'deleted' | 'posted' | 'final'>,
): OrderStatus | null {
  if (change.cancelled || change.deleted) return 'cancelled';
  const wanted: OrderStatus[] = [];
  const raw = change.status?.trim() ?? '';
  if (raw) {
    const coded = /^\[(\w+)\]\s*(.*)$/.exec(raw);
    const byCode = coded ? statusCodes[coded[1]?.toUpperCase() ?? ''] : undefined;
    const name = (coded ? (coded[2] ?? '') : raw).toLowerCase();
    const byName = statusWords.find(([pattern]) => pattern.test(name))?.[1];
    if (byName === 'cancelled') return 'cancelled';
    if (byName) wanted.push(byName);
    else if (byCode) wanted.push(byCode);
  }
  if (change.final) wanted.push('completed');
  if (change.posted) wanted.push('confirmed');
  if (wanted.length === 0) return null;
  return wanted.reduce((a, b) => (rank[b] > rank[a] ? b : a));
}

/** Statuses an order passes through only for their own reasons (a payment, an approval), never as a 1C step. */
const notSteps = new Set<OrderStatus>(['cancelled', 'awaiting_approval', 'awaiting_payment', 'paid']);

/** Units of each line not shipped yet, as shipment lines. */
async function unshippedLines(tx: Db, orderId: string) {
  const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, orderId));
  const shipped = await queryRows<{ line_id: string; quantity: string }>(
    tx,
    sql`select sl.line_id, sum(sl.quantity)::text as quantity from shipment_lines sl
        join shipments s on s.id = sl.shipment_id where s.order_id = ${orderId} group by sl.line_id`,
  );
  const done = new Map(shipped.map((s) => [s.line_id, milli(Number(s.quantity))]));
  return lines.flatMap((l) => {
    const left = milli(l.quantity) - (done.get(l.id) ?? 0);
    return left > 0 ? [{ lineId: l.id, quantity: left / 1000 }] : [];
  });
}

/** Ships what is left of an assembling or shipped order, remembering 1C's number; false when nothing is left. */
async function shipRest(tx: Db, order: OrderRow, number: string | null): Promise<boolean> {
  const lines = await unshippedLines(tx, order.id);
  if (lines.length === 0) return false;
  const id = await createShipment(tx, order.id, { lines }, oneCActor);
  if (number) await tx.update(shipments).set({ externalNumber: number }).where(eq(shipments.id, id));
  return true;
}

const ascii = (value: string) => value.replace(/[^\x20-\x7e]/g, '?');

/**
 * Applies one 1C document to its order inside the caller's transaction, idempotently: 1C's number and date, a
 * payment once per 1C payment number, a shipment once per 1C shipment number, and the status — moved forward
 * only (never back), step by step through the lifecycle, shipping the rest when the step is `shipped`. Who: the
 * system, named "1C". An unknown order changes nothing (`orderId` null). A move the lifecycle refuses becomes a
 * warning.
 */
export async function applyOrderChangeFrom1C(tx: Db, change: OrderChangeFrom1C): Promise<OrderChangeResult> {
  const byId = z.uuid().safeParse(change.id).success
    ? await tx.select({ id: orders.id }).from(orders).where(eq(orders.id, change.id))
    : [];
  const [found] = byId.length
    ? byId
    : change.number
      ? await tx.select({ id: orders.id }).from(orders).where(eq(orders.number, change.number))
      : [];
  if (!found) return { orderId: null, changes: [], warnings: [] };
  const orderId = found.id;
  const changes: string[] = [];
  const warnings: string[] = [];
  let order = await lockOrder(tx, orderId);

  if (
    (change.number1c !== null && change.number1c !== order.number1c) ||
    (change.date1c !== null && change.date1c !== order.date1c)
  ) {
    await tx
      .update(orders)
      .set({ number1c: change.number1c ?? order.number1c, date1c: change.date1c ?? order.date1c })
      .where(eq(orders.id, orderId));
    changes.push('number1c');
    order = await lockOrder(tx, orderId);
  }

  if (change.payment) {
    const seen = await queryRows(
      tx,
      sql`select 1 from order_events where order_id = ${orderId} and kind = 'payment'
          and data->>'paymentNumber1c' = ${change.payment.number}`,
    );
    const amount = change.payment.amount ?? order.total - order.paidAmount;
    if (seen.length === 0 && amount > 0) {
      await recordPaymentReceived(tx, order, amount, oneCActor, {
        source: '1c',
        paymentNumber1c: change.payment.number,
        paymentDate1c: change.payment.date,
        amount,
      });
      changes.push(`payment ${amount}`);
      order = await lockOrder(tx, orderId);
    }
  }

  const target = statusFrom1C(change);
  if (target === 'cancelled') {
    if (order.status !== 'cancelled') {
      try {
        await changeOrderStatus(tx, orderId, 'cancelled', oneCActor, { order, note: 'cancelled in 1C' });
        changes.push('cancelled');
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        warnings.push(`order ${ascii(order.number)}: ${order.status} cannot be cancelled`);
      }
    }
    return { orderId, changes, warnings };
  }

  if (change.shipment) {
    const [known] = await tx
      .select({ id: shipments.id })
      .from(shipments)
      .where(and(eq(shipments.orderId, orderId), eq(shipments.externalNumber, change.shipment.number)));
    if (!known) {
      if (['confirmed', 'awaiting_payment', 'paid'].includes(order.status)) {
        order = await changeOrderStatus(tx, orderId, 'assembling', oneCActor, { order });
        changes.push('assembling');
      }
      if (order.status === 'assembling' || order.status === 'shipped') {
        if (await shipRest(tx, order, change.shipment.number)) changes.push('shipment');
        order = await lockOrder(tx, orderId);
      } else if (rank[order.status] < rank.shipped) {
        warnings.push(`order ${ascii(order.number)}: shipment in status ${order.status} ignored`);
      }
    }
  }

  if (target && order.status === 'cancelled') {
    warnings.push(`order ${ascii(order.number)}: cancelled, status ${target} from 1C ignored`);
    return { orderId, changes, warnings };
  }
  if (target && rank[target] > rank[order.status]) {
    while (rank[order.status] < rank[target]) {
      if (order.status === 'awaiting_approval') {
        warnings.push(`order ${ascii(order.number)}: awaits the company's approval, status not changed`);
        break;
      }
      const next = order.status === 'assembling' ? 'shipped' : bestStep(order.status, target);
      if (!next) break;
      if (next === 'shipped') {
        if (!(await shipRest(tx, order, null))) {
          warnings.push(`order ${ascii(order.number)}: nothing left to ship`);
          break;
        }
        order = await lockOrder(tx, orderId);
        if (order.status !== 'shipped') break;
      } else {
        order = await changeOrderStatus(tx, orderId, next, oneCActor, { order });
      }
      changes.push(order.status);
    }
  }
  return { orderId, changes, warnings };
}

/** The furthest allowed next status that does not pass the target (skipping payment and approval states). */
function bestStep(from: OrderStatus, target: OrderStatus): OrderStatus | null {
  const options = transitions[from].filter((s) => !notSteps.has(s) && rank[s] <= rank[target]);
  if (options.length === 0) return null;
  return options.reduce((a, b) => (rank[b] > rank[a] ? b : a));
}
