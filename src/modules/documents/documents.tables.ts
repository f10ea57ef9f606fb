import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  index,
  integer,
  jsonb,
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
    /** The shipment a generated УПД documents (one live УПД per shipment). */
    shipmentId: uuid('shipment_id'),
    /** The sender's id of an imported document (REST import): one document per (source, external id). */
    externalId: text('external_id'),
    /** sha256 of the stored file, so a repeated import of the same file changes nothing. */
    contentHash: text('content_hash'),
    amount: money('amount').notNull(),
    vatAmount: money('vat_amount').notNull().default(0),
    status: text('status', { enum: documentStatuses }).notNull().default('issued'),
    source: text('source', { enum: documentSources }).notNull().default('generated'),
    /** Empty when an imported document came without a file (size 0). */
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
    // One live generated УПД per shipment and one live order confirmation per order.
    uniqueIndex('documents_shipment_upd_idx')
      .on(t.shipmentId)
      .where(sql`${t.kind} = 'upd' and ${t.source} = 'generated' and ${t.status} <> 'cancelled'`),
    uniqueIndex('documents_order_confirmation_idx')
      .on(t.orderId)
      .where(
        sql`${t.kind} = 'order_confirmation' and ${t.source} = 'generated' and ${t.status} <> 'cancelled'`,
      ),
    // A document from outside is not numbered here: it is one per sender, company, kind, number and date.
    uniqueIndex('documents_external_number_idx')
      .on(t.source, t.companyId, t.kind, t.number, t.docDate)
      .where(sql`${t.source} <> 'generated'`),
    uniqueIndex('documents_external_id_idx')
      .on(t.source, t.externalId)
      .where(sql`${t.externalId} is not null`),
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

/**
 * A document that could not be generated on its own (the УПД of a shipment while requisites are missing):
 * kept until a retry or a staff request succeeds, so it is neither lost nor retried by the job queue forever.
 */
export const documentFailures = pgTable(
  'document_failures',
  {
    kind: text('kind', { enum: documentKinds }).notNull(),
    /** What the document is for: the shipment id of a УПД. */
    subjectId: uuid('subject_id').notNull(),
    companyId: uuid('company_id').notNull(),
    orderId: uuid('order_id'),
    /** The problem in words and the field paths to fill in or correct. */
    reason: text('reason').notNull(),
    fields: jsonb('fields').$type<string[]>().notNull().default([]),
    attempts: integer('attempts').notNull().default(1),
    firstFailedAt: timestamp('first_failed_at', { withTimezone: true }).notNull().defaultNow(),
    lastTriedAt: timestamp('last_tried_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.subjectId] })],
);
