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

export const documentKinds = [
  'invoice',
  'upd',
  'act',
  'reconciliation',
  'order_confirmation',
  'external',
] as const;
export const documentStatuses = ['issued', 'paid', 'cancelled'] as const;
export const documentSources = ['generated', '1c', 'upload'] as const;

/** Kopecks. */
const money = (name: string) => bigint(name, { mode: 'number' });

/** A finance document of a company: generated here (numbered), received from 1C, or uploaded. */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey(),
    companyId: uuid('company_id').notNull(),
    kind: text('kind', { enum: documentKinds }).notNull(),
    /** The printed number; for generated documents the text of `seq`. */
    number: text('number').notNull(),
    /** Numbering year and sequence number within (kind, year); null for documents not numbered here. */
    year: integer('year'),
    seq: integer('seq'),
    docDate: date('doc_date').notNull(),
    orderId: uuid('order_id'),
    amount: money('amount').notNull(),
    vatAmount: money('vat_amount').notNull().default(0),
    status: text('status', { enum: documentStatuses }).notNull().default('issued'),
    source: text('source', { enum: documentSources }).notNull().default('generated'),
    storageKey: text('storage_key').notNull(),
    fileName: text('file_name').notNull(),
    size: integer('size').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Numbers of generated documents never repeat within a kind and year.
    uniqueIndex('documents_number_idx').on(t.kind, t.year, t.seq).where(sql`${t.source} = 'generated'`),
    // One live generated invoice per order (a repeated request returns it).
    uniqueIndex('documents_order_invoice_idx')
      .on(t.orderId)
      .where(sql`${t.kind} = 'invoice' and ${t.source} = 'generated' and ${t.status} <> 'cancelled'`),
    index('documents_company_date_idx').on(t.companyId, t.docDate, t.id),
  ],
);

/** The last number given per (kind, year); taken in the same transaction as the document row. */
export const documentCounters = pgTable(
  'document_counters',
  {
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.year] })],
);
