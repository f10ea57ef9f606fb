import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Kopecks. */
const money = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });

/** The life of a reconciliation act (docs/finance.md, "Reconciliation acts"). */
export const reconciliationStatuses = [
  'queued',
  'running',
  'ready',
  'failed',
  'confirmed',
  'disputed',
  'resolved',
] as const;
export type ReconciliationStatus = (typeof reconciliationStatuses)[number];

export const disputeAnswers = ['resolved', 'rejected'] as const;
export type DisputeAnswer = (typeof disputeAnswers)[number];

/**
 * A company's request for an акт сверки over a period: the background job fills in the frozen figures and the
 * numbered 'reconciliation' document it printed; the company then confirms it or disputes lines.
 */
export const reconciliationRequests = pgTable(
  'reconciliation_requests',
  {
    id: uuid('id').primaryKey(),
    companyId: uuid('company_id').notNull(),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    requestedBy: text('requested_by').notNull(),
    status: text('status', { enum: reconciliationStatuses }).notNull().default('queued'),
    progress: integer('progress').notNull().default(0),
    error: text('error'),
    /** The numbered 'reconciliation' document (documents module). */
    documentId: uuid('document_id'),
    /** Frozen when the act is ready: balances and turnovers in the seller's books. */
    opening: money('opening'),
    debitTotal: money('debit_total'),
    creditTotal: money('credit_total'),
    closing: money('closing'),
    confirmedBy: text('confirmed_by'),
    confirmedAt: at('confirmed_at'),
    disputedBy: text('disputed_by'),
    disputedAt: at('disputed_at'),
    resolvedBy: text('resolved_by'),
    resolvedAt: at('resolved_at'),
    /** Staff's overall answer when resolving. */
    resolution: text('resolution'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('reconciliation_requests_company_idx').on(t.companyId, t.createdAt),
    index('reconciliation_requests_status_idx').on(t.status, t.updatedAt),
    // One act in the making per company and period: a repeated request returns it.
    uniqueIndex('reconciliation_requests_active_idx')
      .on(t.companyId, t.periodFrom, t.periodTo)
      .where(sql`${t.status} in ('queued', 'running')`),
  ],
);

/** The lines the act printed, numbered from 1 in print order. */
export const reconciliationLines = pgTable(
  'reconciliation_lines',
  {
    requestId: uuid('request_id')
      .notNull()
      .references(() => reconciliationRequests.id, { onDelete: 'cascade' }),
    lineNo: integer('line_no').notNull(),
    entryDate: date('entry_date').notNull(),
    description: text('description').notNull(),
    debit: money('debit').notNull(),
    credit: money('credit').notNull(),
    ledgerEntryId: uuid('ledger_entry_id'),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.lineNo] })],
);

/** A line the company disagrees with, and staff's answer. */
export const reconciliationDisputes = pgTable(
  'reconciliation_disputes',
  {
    requestId: uuid('request_id')
      .notNull()
      .references(() => reconciliationRequests.id, { onDelete: 'cascade' }),
    lineNo: integer('line_no').notNull(),
    comment: text('comment').notNull(),
    /** The amount in the company's books, kopecks, when it differs. */
    theirAmount: money('their_amount'),
    createdBy: text('created_by').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    answer: text('answer', { enum: disputeAnswers }),
    answerComment: text('answer_comment'),
    answeredBy: text('answered_by'),
    answeredAt: at('answered_at'),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.lineNo] })],
);
