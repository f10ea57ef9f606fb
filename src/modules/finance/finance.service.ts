import { and, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { type Db, queryRows } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { decodeCursor, toPage } from '../../server/core/pagination.js';
import { businessDay } from '../../shared/business-day.js';
import { getDocument, markInvoicesPaid } from '../documents/index.js';
import {
  lockOrder,
  type OrderActor,
  openDeferredOrders,
  orderInScope,
  recordPaymentReceived,
  shipmentValue,
} from '../orders/index.js';
import {
  type CompanyPaymentSource,
  companyPayments,
  type LedgerEntryKind,
  ledgerEntries,
  paymentAllocations,
} from './finance.tables.js';

export type CompanyPaymentRow = typeof companyPayments.$inferSelect;
export type LedgerEntryRow = typeof ledgerEntries.$inferSelect;

/** Who records a payment: staff of the back office, or the system (an import, 1C). */
export type FinanceActor = OrderActor;
export const financeSystemActor: FinanceActor = { kind: 'system', id: null, name: null };

/** A payment a company made that is not yet tied to an order (a bank payment order). */
export interface CompanyPaymentInput {
  companyId: string;
  /** Kopecks, > 0. */
  amount: number;
  /** 'YYYY-MM-DD'. */
  paidOn: string;
  /** The payment order's number. */
  number?: string | null | undefined;
  payer?: string | null | undefined;
  purpose?: string | null | undefined;
  source: Exclude<CompanyPaymentSource, 'card'>;
  /** The source's id: a repeat with the same source and external id returns the first payment. */
  externalId?: string | null | undefined;
  /** Apply it to this order (of the company) first, or to this invoice document. */
  orderId?: string | null | undefined;
  invoiceId?: string | null | undefined;
}

/** 'YYYY-MM-DD' → 'DD.MM.YYYY', as 1C prints dates. */
const ruDate = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;
const isDay = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
/** A date as 1C or the portal sends it ('YYYY-MM-DD', 'DD.MM.YYYY', an ISO time) to 'YYYY-MM-DD'. */
function dayOf(value: unknown, fallback: string): string {
  if (typeof value !== 'string') return fallback;
  if (isDay(value)) return value;
  const ru = /^(\d{2})\.(\d{2})\.(\d{4})/.exec(value);
  if (ru) return `${ru[3]}-${ru[2]}-${ru[1]}`;
  const t = Date.parse(value);
  return Number.isNaN(t) ? fallback : businessDay(new Date(t));
}
const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** «Оплата (п/п № 45 от 01.12.2026)», as 1C words a bank payment on the account. */
function paymentDescription(p: { number: string | null; paidOn: string; source: string }, order?: string) {
  if (p.source === 'card') return `Оплата картой${order ? ` (${order})` : ''}`;
  const doc = p.number ? `п/п № ${p.number} от ${ruDate(p.paidOn)}` : `от ${ruDate(p.paidOn)}`;
  return `Оплата (${doc}${order ? `, ${order}` : ''})`;
}

/**
 * Serialises finance writes of one company (payments, allocations, shipment debits): an advisory lock for the
 * rest of the transaction, so two allocations never split the same credit.
 */
async function lockCompanyLedger(tx: Db, companyId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7461, hashtext(${companyId}))`);
}

async function insertPaymentEntry(tx: Db, payment: CompanyPaymentRow, orderNumber?: string): Promise<void> {
  await tx
    .insert(ledgerEntries)
    .values({
      id: uuidv7(),
      companyId: payment.companyId,
      entryDate: payment.paidOn,
      kind: 'payment',
      credit: payment.amount,
      orderId: payment.orderId,
      paymentId: payment.id,
      description: paymentDescription(payment, orderNumber),
      source: payment.source,
    })
    .onConflictDoNothing();
}

/** Adds an allocation and counts it on the payment. */
async function addAllocation(
  tx: Db,
  payment: CompanyPaymentRow,
  target: { orderId: string | null; documentId: string | null },
  amount: number,
): Promise<void> {
  await tx.insert(paymentAllocations).values({ id: uuidv7(), paymentId: payment.id, ...target, amount });
  await tx
    .update(companyPayments)
    .set({ allocated: sql`${companyPayments.allocated} + ${amount}` })
    .where(eq(companyPayments.id, payment.id));
  payment.allocated += amount;
}

/** What allocations in one transaction paid in full: their invoices become `paid` (documents module). */
interface Settled {
  orderIds: string[];
  invoiceIds: string[];
}
const nothingSettled = (): Settled => ({ orderIds: [], invoiceIds: [] });

/** Marks the invoices of fully paid orders and fully covered free invoices paid. */
async function settleInvoices(tx: Db, companyId: string, settled: Settled): Promise<void> {
  if (settled.orderIds.length || settled.invoiceIds.length) await markInvoicesPaid(tx, companyId, settled);
}

/** Pays an order from a payment through the orders module (the order locked), marked so finance skips its event. */
async function payOrderFrom(
  tx: Db,
  payment: CompanyPaymentRow,
  orderId: string,
  documentId: string | null,
  actor: FinanceActor,
  settled: Settled,
  limit = Number.POSITIVE_INFINITY,
): Promise<number> {
  const order = await lockOrder(tx, orderId);
  const take = Math.min(payment.amount - payment.allocated, order.total - order.paidAmount, limit);
  if (order.status === 'cancelled' || take <= 0) return 0;
  if (order.paidAmount + take >= order.total) settled.orderIds.push(orderId);
  await recordPaymentReceived(tx, order, take, actor, {
    source: 'finance',
    financePaymentId: payment.id,
    paymentNumber: payment.number,
    paidOn: payment.paidOn,
    amount: take,
  });
  await addAllocation(tx, payment, { orderId, documentId }, take);
  return take;
}

/**
 * Applies the company's unallocated payments (oldest first) to its open deferred orders: shipped ones by the
 * oldest first shipment (the oldest due date), then unshipped ones by age. Inside the caller's transaction,
 * which holds the company's ledger lock. Returns the kopecks applied.
 */
async function allocateOpenCredit(
  tx: Db,
  companyId: string,
  actor: FinanceActor,
  settled: Settled,
): Promise<number> {
  const open = await tx
    .select()
    .from(companyPayments)
    .where(
      and(
        eq(companyPayments.companyId, companyId),
        sql`${companyPayments.allocated} < ${companyPayments.amount}`,
      ),
    )
    .orderBy(companyPayments.paidOn, companyPayments.id);
  if (open.length === 0) return 0;
  let applied = 0;
  const queue = [...open];
  for (const order of await openDeferredOrders(tx, companyId)) {
    let owed = order.due;
    while (owed > 0 && queue.length > 0) {
      const payment = queue[0] as CompanyPaymentRow;
      const take = await payOrderFrom(tx, payment, order.id, null, actor, settled, owed);
      if (take === 0) break;
      owed -= take;
      applied += take;
      if (payment.allocated >= payment.amount) queue.shift();
    }
    if (queue.length === 0) break;
  }
  return applied;
}

/**
 * Records a company's payment from the back office, an import or 1C (not a card payment: those come through
 * orders), idempotently by (source, external id): a repeat returns the first payment with `created: false`.
 * Credits the company's account, applies the payment to the named order or invoice, then to open deferred
 * orders (oldest due first); what is left stays as the company's credit and is applied when more becomes due.
 */
export async function recordCompanyPayment(
  db: Db,
  input: CompanyPaymentInput,
  actor: FinanceActor,
): Promise<{ payment: CompanyPaymentRow; created: boolean }> {
  if (!Number.isInteger(input.amount) || input.amount <= 0)
    throw new AppError('VALIDATION_FAILED', 'The amount must be a positive number of kopecks', [
      { path: 'amount', message: 'Kopecks, more than 0' },
    ]);
  if (!isDay(input.paidOn))
    throw new AppError('VALIDATION_FAILED', 'The payment date must be YYYY-MM-DD', [
      { path: 'paidOn', message: 'YYYY-MM-DD' },
    ]);
  return db.transaction(async (tx) => {
    await lockCompanyLedger(tx, input.companyId);
    const externalId = input.externalId ?? null;
    if (externalId) {
      const [known] = await tx
        .select()
        .from(companyPayments)
        .where(and(eq(companyPayments.source, input.source), eq(companyPayments.externalId, externalId)));
      if (known) return { payment: known, created: false };
    }
    const invoice = input.invoiceId ? await getDocument(tx, input.companyId, input.invoiceId) : null;
    if (invoice && (invoice.kind !== 'invoice' || invoice.status === 'cancelled'))
      throw new AppError('VALIDATION_FAILED', 'Not an invoice that can be paid', [
        { path: 'invoiceId', message: 'An issued invoice of the company' },
      ]);
    const orderId = input.orderId
      ? (await orderInScope(tx, { kind: 'org', companyId: input.companyId }, input.orderId)).id
      : (invoice?.orderId ?? null);
    const [payment] = await tx
      .insert(companyPayments)
      .values({
        id: uuidv7(),
        companyId: input.companyId,
        amount: input.amount,
        paidOn: input.paidOn,
        number: input.number ?? null,
        payer: input.payer ?? null,
        purpose: input.purpose ?? null,
        source: input.source,
        externalId,
        orderId,
        createdBy: actor.id,
      })
      .returning();
    if (!payment) throw new Error('payment insert returned nothing');
    await insertPaymentEntry(tx, payment);
    const settled = nothingSettled();
    if (orderId) await payOrderFrom(tx, payment, orderId, invoice?.id ?? null, actor, settled);
    else if (invoice) {
      // An invoice for a free amount: applied up to what is still unpaid on it.
      const [row] = await queryRows<{ paid: string }>(
        tx,
        sql`select coalesce(sum(amount), 0)::text as paid from payment_allocations where document_id = ${invoice.id}`,
      );
      const take = Math.min(payment.amount, invoice.amount - Number(row?.paid ?? 0));
      if (take > 0) await addAllocation(tx, payment, { orderId: null, documentId: invoice.id }, take);
      if (take > 0 && take >= invoice.amount - Number(row?.paid ?? 0)) settled.invoiceIds.push(invoice.id);
    }
    await allocateOpenCredit(tx, input.companyId, actor, settled);
    await settleInvoices(tx, input.companyId, settled);
    const [fresh] = await tx.select().from(companyPayments).where(eq(companyPayments.id, payment.id));
    return { payment: fresh ?? payment, created: true };
  });
}

/** The `orders.payment_received` event as the orders module publishes it. */
export interface OrderPaymentEvent {
  orderId: string;
  number: string;
  companyId: string | null;
  amount: number;
  data?: Record<string, unknown> | null;
}

/**
 * A payment an order received (card, the 1C sale exchange, anything calling the orders module) becomes a
 * company payment allocated in full to that order, with its credit entry — once per outbox event. Personal
 * orders and payments finance itself made (`data.financePaymentId`) are skipped. Returns whether it was new.
 */
export async function recordOrderPayment(
  db: Db,
  eventId: string,
  event: OrderPaymentEvent,
): Promise<boolean> {
  const data = event.data ?? {};
  if (!event.companyId || data.financePaymentId || !(event.amount > 0)) return false;
  const companyId = event.companyId;
  const source: CompanyPaymentSource =
    data.source === '1c' ? '1c' : data.topic === 'payments.succeeded' ? 'card' : 'backoffice';
  const today = businessDay();
  const paidOn = source === '1c' ? dayOf(data.paymentDate1c, today) : today;
  return db.transaction(async (tx) => {
    await lockCompanyLedger(tx, companyId);
    const [payment] = await tx
      .insert(companyPayments)
      .values({
        id: uuidv7(),
        companyId,
        amount: event.amount,
        allocated: event.amount,
        paidOn,
        number: typeof data.paymentNumber1c === 'string' ? data.paymentNumber1c : null,
        purpose: `Оплата заказа ${event.number}`,
        source,
        externalId: `order-payment:${eventId}`,
        orderId: event.orderId,
      })
      .onConflictDoNothing()
      .returning();
    if (!payment) return false;
    await tx.insert(paymentAllocations).values({
      id: uuidv7(),
      paymentId: payment.id,
      orderId: event.orderId,
      amount: event.amount,
    });
    await insertPaymentEntry(tx, payment, event.number);
    const order = await lockOrder(tx, event.orderId);
    if (order.paidAmount >= order.total) await markInvoicesPaid(tx, companyId, { orderIds: [order.id] });
    return true;
  });
}

/**
 * A shipment of a company's order debits its account with the shipped lines' value (and the delivery cost with
 * the first shipment), once per shipment; then the company's credit goes to what became due. Returns whether
 * the debit was new.
 */
export async function recordShipment(db: Db, shipmentId: string): Promise<boolean> {
  const value = await shipmentValue(db, shipmentId);
  if (!value?.companyId || value.amount <= 0) return false;
  const companyId = value.companyId;
  return db.transaction(async (tx) => {
    await lockCompanyLedger(tx, companyId);
    const inserted = await tx
      .insert(ledgerEntries)
      .values({
        id: uuidv7(),
        companyId,
        entryDate: businessDay(value.shippedAt),
        kind: 'shipment',
        debit: value.amount,
        orderId: value.orderId,
        shipmentId: value.shipmentId,
        description: `Реализация (${value.number})`,
        source: 'portal',
      })
      .onConflictDoNothing()
      .returning({ id: ledgerEntries.id });
    const settled = nothingSettled();
    await allocateOpenCredit(tx, companyId, financeSystemActor, settled);
    await settleInvoices(tx, companyId, settled);
    return inserted.length > 0;
  });
}

/**
 * Sets the company's balance brought forward from the ERP as of a date (an `opening` entry: debit when the
 * company owed, credit when it had paid ahead), idempotently by (source, external id).
 */
export async function importOpeningBalance(
  db: Db,
  input: { companyId: string; asOf: string; balance: number; externalId: string; source?: string },
): Promise<{ entry: LedgerEntryRow; created: boolean }> {
  if (!isDay(input.asOf) || !Number.isInteger(input.balance))
    throw new AppError('VALIDATION_FAILED', 'A date YYYY-MM-DD and a balance in kopecks are needed');
  const source = input.source ?? '1c';
  const [entry] = await db
    .insert(ledgerEntries)
    .values({
      id: uuidv7(),
      companyId: input.companyId,
      entryDate: input.asOf,
      kind: 'opening',
      debit: Math.max(0, input.balance),
      credit: Math.max(0, -input.balance),
      description: `Начальное сальдо на ${ruDate(input.asOf)}`,
      source,
      externalId: input.externalId,
    })
    .onConflictDoNothing()
    .returning();
  if (entry) return { entry, created: true };
  const [known] = await db
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.source, source), eq(ledgerEntries.externalId, input.externalId)));
  if (!known) throw new Error('opening entry conflict without a row');
  return { entry: known, created: false };
}

/** The company's balance at the end of a day (default: all entries): debit − credit, positive = it owes. */
export async function balanceOf(db: Db, companyId: string, asOf?: string): Promise<number> {
  const [row] = await queryRows<{ b: string }>(
    db,
    sql`select coalesce(sum(debit - credit), 0)::text as b from ledger_entries
        where company_id = ${companyId} ${asOf ? sql`and entry_date <= ${asOf}` : sql``}`,
  );
  return Number(row?.b ?? 0);
}

/** An entry of the company's account as the reconciliation act prints it. */
export interface LedgerLine {
  id: string;
  date: string;
  kind: LedgerEntryKind;
  debit: number;
  credit: number;
  description: string;
  orderId: string | null;
  shipmentId: string | null;
  paymentId: string | null;
  documentId: string | null;
}

/** The account for a period (inclusive days): balance before it, its entries in order, balance after it. */
export async function ledgerFor(
  db: Db,
  companyId: string,
  from: string,
  to: string,
): Promise<{ opening: number; entries: LedgerLine[]; closing: number }> {
  const opening = await balanceOf(db, companyId, addDays(from, -1));
  const rows = await db
    .select()
    .from(ledgerEntries)
    .where(
      and(eq(ledgerEntries.companyId, companyId), sql`${ledgerEntries.entryDate} between ${from} and ${to}`),
    )
    .orderBy(ledgerEntries.entryDate, ledgerEntries.id);
  const entries = rows.map((r) => ({
    id: r.id,
    date: r.entryDate,
    kind: r.kind,
    debit: r.debit,
    credit: r.credit,
    description: r.description,
    orderId: r.orderId,
    shipmentId: r.shipmentId,
    paymentId: r.paymentId,
    documentId: r.documentId,
  }));
  const closing = entries.reduce((b, e) => b + e.debit - e.credit, opening);
  return { opening, entries, closing };
}

/** What the company paid that is not applied to any order or invoice yet (its credit), kopecks. */
export async function openCreditOf(db: Db, companyId: string): Promise<number> {
  const [row] = await queryRows<{ c: string }>(
    db,
    sql`select coalesce(sum(amount - allocated), 0)::text as c from company_payments
        where company_id = ${companyId} and allocated < amount`,
  );
  return Number(row?.c ?? 0);
}

async function paymentTermOf(db: Db, companyId: string) {
  const [row] = await queryRows<{ term: number; credit_limit: string | null }>(
    db,
    sql`select payment_term_days as term, credit_limit::text from companies where id = ${companyId}`,
  );
  if (!row) throw new AppError('NOT_FOUND', 'Company not found');
  return { term: Number(row.term), creditLimit: row.credit_limit === null ? null : Number(row.credit_limit) };
}

/** An open deferred order on the schedule. */
export interface ScheduleItem {
  orderId: string;
  number: string;
  total: number;
  paidAmount: number;
  /** What is left to pay, kopecks. */
  amountDue: number;
  /** The first shipment's day; null while nothing is shipped (then there is no due date yet). */
  shippedOn: string | null;
  dueDate: string | null;
  /** Days past the due date (0 when not overdue). */
  daysOverdue: number;
}

/**
 * The deferred-payment schedule: the company's open deferred orders, due `payment_term_days` after their first
 * shipment, earliest due first (unshipped ones last, without a due date).
 */
export async function paymentSchedule(
  db: Db,
  companyId: string,
  today: string = businessDay(),
): Promise<ScheduleItem[]> {
  const { term } = await paymentTermOf(db, companyId);
  return (await openDeferredOrders(db, companyId)).map((o) => {
    const shippedOn = o.firstShippedAt ? businessDay(o.firstShippedAt) : null;
    const dueDate = shippedOn ? addDays(shippedOn, term) : null;
    return {
      orderId: o.id,
      number: o.number,
      total: o.total,
      paidAmount: o.paidAmount,
      amountDue: o.due,
      shippedOn,
      dueDate,
      daysOverdue: dueDate ? Math.max(0, daysBetween(dueDate, today)) : 0,
    };
  });
}

/** The company finances page's figures, kopecks (docs/finance.md, "Summary"). */
export interface FinanceSummary {
  /** The account's balance: positive = the company owes. */
  balance: number;
  /** What shipped deferred orders still owe. */
  receivable: number;
  /** The part of it past its due date. */
  overdue: number;
  creditLimit: number | null;
  /** What non-cancelled deferred orders still owe, shipped or not (the orders module's credit check). */
  creditUsed: number;
  creditAvailable: number;
  /** Payments not applied to anything yet. */
  unallocatedCredit: number;
}

export async function financeSummary(
  db: Db,
  companyId: string,
  today: string = businessDay(),
): Promise<FinanceSummary> {
  const { creditLimit } = await paymentTermOf(db, companyId);
  const [balance, schedule, unallocatedCredit] = [
    await balanceOf(db, companyId, today),
    await paymentSchedule(db, companyId, today),
    await openCreditOf(db, companyId),
  ];
  const shipped = schedule.filter((s) => s.dueDate !== null);
  const creditUsed = schedule.reduce((s, i) => s + i.amountDue, 0);
  return {
    balance,
    receivable: shipped.reduce((s, i) => s + i.amountDue, 0),
    overdue: shipped.filter((s) => s.daysOverdue > 0).reduce((s, i) => s + i.amountDue, 0),
    creditLimit,
    creditUsed,
    creditAvailable: creditLimit === null ? 0 : Math.max(0, creditLimit - creditUsed),
    unallocatedCredit,
  };
}

/** A company payment with where it went. */
export interface CompanyPaymentView {
  id: string;
  amount: number;
  allocated: number;
  unallocated: number;
  paidOn: string;
  number: string | null;
  payer: string | null;
  purpose: string | null;
  source: CompanyPaymentSource;
  orderId: string | null;
  createdAt: string;
  allocations: {
    orderId: string | null;
    /** The order's number (`K-2026-000123`). */
    orderNumber: string | null;
    documentId: string | null;
    /** The invoice's number. */
    documentNumber: string | null;
    amount: number;
  }[];
}

/** The company's payments, newest payment date first, keyset pages on (paid_on, id); `paymentId`: just that one. */
export async function listCompanyPayments(
  db: Db,
  companyId: string,
  paging: { limit: number; cursor?: string | undefined; paymentId?: string },
): Promise<{ items: CompanyPaymentView[]; nextCursor: string | null }> {
  const after = paging.cursor ? decodeCursor(paging.cursor, z.tuple([z.string(), z.string()])) : null;
  const rows = await db
    .select()
    .from(companyPayments)
    .where(
      and(
        eq(companyPayments.companyId, companyId),
        paging.paymentId ? eq(companyPayments.id, paging.paymentId) : undefined,
        after
          ? sql`(${companyPayments.paidOn}, ${companyPayments.id}) < (${after[0]}::date, ${after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(sql`${companyPayments.paidOn} desc, ${companyPayments.id} desc`)
    .limit(paging.limit + 1);
  const ids = rows.slice(0, paging.limit).map((r) => r.id);
  // The numbers are read beside the allocations (orders' and documents' rows, read only).
  const allocations = ids.length
    ? await queryRows<{
        payment_id: string;
        order_id: string | null;
        order_number: string | null;
        document_id: string | null;
        document_number: string | null;
        amount: string;
      }>(
        db,
        sql`select a.payment_id, a.order_id, o.number as order_number, a.document_id,
              d.number as document_number, a.amount::text
            from payment_allocations a
            left join orders o on o.id = a.order_id
            left join documents d on d.id = a.document_id
            where a.payment_id in (${sql.join(
              ids.map((id) => sql`${id}::uuid`),
              sql`, `,
            )})
            order by a.created_at, a.id`,
      )
    : [];
  return toPage(
    rows,
    paging.limit,
    (p): CompanyPaymentView => ({
      id: p.id,
      amount: p.amount,
      allocated: p.allocated,
      unallocated: p.amount - p.allocated,
      paidOn: p.paidOn,
      number: p.number,
      payer: p.payer,
      purpose: p.purpose,
      source: p.source,
      orderId: p.orderId,
      createdAt: p.createdAt.toISOString(),
      allocations: allocations
        .filter((a) => a.payment_id === p.id)
        .map((a) => ({
          orderId: a.order_id,
          orderNumber: a.order_number,
          documentId: a.document_id,
          documentNumber: a.document_number,
          amount: Number(a.amount),
        })),
    }),
    (p) => [p.paidOn, p.id],
  );
}

/**
 * The company's closing balance day by day (or at the end of each 7-day step from `from`, and on `to`), for
 * the debt chart: one query, a running window sum over daily movements on top of the balance before `from`.
 */
export async function debtHistory(
  db: Db,
  companyId: string,
  from: string,
  to: string,
  step: 'day' | 'week' = 'day',
): Promise<{ date: string; balance: number }[]> {
  if (!isDay(from) || !isDay(to) || from > to)
    throw new AppError('VALIDATION_FAILED', 'A period from ≤ to, YYYY-MM-DD', [
      { path: 'from', message: 'YYYY-MM-DD, not after to' },
    ]);
  const rows = await queryRows<{ day: string; balance: string }>(
    db,
    sql`with moves as (
          select entry_date, sum(debit - credit) as m from ledger_entries
          where company_id = ${companyId} and entry_date <= ${to}::date
          group by entry_date
        ), days as (
          select g::date as day from generate_series(${from}::date, ${to}::date, interval '1 day') g
        ), series as (
          select d.day,
            (select coalesce(sum(m), 0) from moves where entry_date < ${from}::date)
              + sum(coalesce(mv.m, 0)) over (order by d.day) as balance
          from days d left join moves mv on mv.entry_date = d.day
        )
        select to_char(day, 'YYYY-MM-DD') as day, balance::text from series
        where ${step === 'day' ? sql`true` : sql`(day - ${from}::date) % 7 = 6 or day = ${to}::date`}
        order by day`,
  );
  return rows.map((r) => ({ date: r.day, balance: Number(r.balance) }));
}
