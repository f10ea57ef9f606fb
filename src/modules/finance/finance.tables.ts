import { sql } from 'drizzle-orm';
import { bigint, check, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Kopecks. */
const money = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });

/** Where a company payment came from. */
export const companyPaymentSources = ['backoffice', '1c', 'import', 'card'] as const;
export type CompanyPaymentSource = (typeof companyPaymentSources)[number];

/** Kinds of the company account's entries (docs/finance.md). */
export const ledgerEntryKinds = ['opening', 'shipment', 'payment', 'refund', 'adjustment'] as const;
export type LedgerEntryKind = (typeof ledgerEntryKinds)[number];

/**
 * Money a company paid: a bank payment order (back office, 1C, a statement import) or a card payment of one of
 * its orders. Orders and companies are referenced by id without foreign keys (other modules' rows).
 */
export const companyPayments = pgTable(
  'company_payments',
  {
    id: uuid('id').primaryKey(),
    companyId: uuid('company_id').notNull(),
    amount: money('amount').notNull(),
    /** What of it is allocated to orders and invoices; the rest is the company's credit. */
    allocated: money('allocated').notNull().default(0),
    paidOn: date('paid_on').notNull(),
    /** The payment order's number (`п/п № 45`). */
    number: text('number'),
    payer: text('payer'),
    purpose: text('purpose'),
    source: text('source', { enum: companyPaymentSources }).notNull(),
    /** The source's id of the payment: a repeat with the same (source, external id) is the same payment. */
    externalId: text('external_id'),
    /** The order it came through (card payments, 1C payments of an order). */
    orderId: uuid('order_id'),
    createdBy: text('created_by'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('company_payments_external_idx')
      .on(t.source, t.externalId)
      .where(sql`${t.externalId} is not null`),
    index('company_payments_company_idx').on(t.companyId, t.paidOn, t.id),
    // The company's credit: payments with something left to allocate.
    index('company_payments_open_idx')
      .on(t.companyId, t.paidOn, t.id)
      .where(sql`${t.allocated} < ${t.amount}`),
    check('company_payments_amount_check', sql`${t.amount} > 0`),
    check('company_payments_allocated_check', sql`${t.allocated} between 0 and ${t.amount}`),
  ],
);

/** A part of a payment applied to an order and/or an invoice document. */
export const paymentAllocations = pgTable(
  'payment_allocations',
  {
    id: uuid('id').primaryKey(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => companyPayments.id, { onDelete: 'cascade' }),
    orderId: uuid('order_id'),
    documentId: uuid('document_id'),
    amount: money('amount').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('payment_allocations_payment_idx').on(t.paymentId),
    index('payment_allocations_order_idx').on(t.orderId),
    index('payment_allocations_document_idx').on(t.documentId),
    check('payment_allocations_amount_check', sql`${t.amount} > 0`),
    check('payment_allocations_target_check', sql`${t.orderId} is not null or ${t.documentId} is not null`),
  ],
);

/**
 * The company's account as 1C keeps it (счёт 62): a debit for what was shipped to it, a credit for what it
 * paid. Balance = debits − credits; positive: the company owes.
 */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: uuid('id').primaryKey(),
    companyId: uuid('company_id').notNull(),
    entryDate: date('entry_date').notNull(),
    kind: text('kind', { enum: ledgerEntryKinds }).notNull(),
    debit: money('debit').notNull().default(0),
    credit: money('credit').notNull().default(0),
    orderId: uuid('order_id'),
    shipmentId: uuid('shipment_id'),
    paymentId: uuid('payment_id').references(() => companyPayments.id, { onDelete: 'restrict' }),
    documentId: uuid('document_id'),
    /** As 1C words it: «Реализация (К-2026-000012/1)», «Оплата (п/п № 45 от 01.12.2026)». */
    description: text('description').notNull(),
    source: text('source').notNull(),
    externalId: text('external_id'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('ledger_entries_company_idx').on(t.companyId, t.entryDate, t.id),
    // Each shipment is debited once, each payment credited once, each imported entry lands once.
    uniqueIndex('ledger_entries_shipment_idx').on(t.shipmentId).where(sql`${t.kind} = 'shipment'`),
    uniqueIndex('ledger_entries_payment_idx').on(t.paymentId).where(sql`${t.kind} = 'payment'`),
    uniqueIndex('ledger_entries_external_idx')
      .on(t.source, t.externalId)
      .where(sql`${t.externalId} is not null`),
    check(
      'ledger_entries_amount_check',
      sql`${t.debit} >= 0 and ${t.credit} >= 0 and not (${t.debit} > 0 and ${t.credit} > 0)
        and (${t.kind} = 'opening' or ${t.debit} > 0 or ${t.credit} > 0)`,
    ),
  ],
);
