import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Counts an import or export reports; which ones are set depends on the stage. */
export interface TransferCounts {
  /** Data rows read from the file (imports) or written to it (exports). */
  rows?: number;
  valid?: number;
  invalid?: number;
  /** What applying the valid rows does (planned at validation, done after applying). */
  create?: number;
  update?: number;
  unchanged?: number;
}

/**
 * One problem of an import: the row number as the spreadsheet shows it, the column, and what is wrong as a code
 * with parameters (rendered in the reader's language, see transfer.messages.ts).
 */
export interface TransferRowError {
  row: number;
  column: string | null;
  code: string;
  params?: Record<string, string | number>;
}

/** One change an import makes, shown before and after applying ("FLT-BB10 retail: 3 490,00 → 3 590,00"). */
export interface TransferChange {
  row: number;
  sku: string;
  /** What the row touches: a price list code, a warehouse, or null for a product. */
  target: string | null;
  /** The quantity break of a price. */
  minQty?: number;
  action: 'create' | 'update';
  /** Kopecks for a price, a quantity for stock, the name for a product; null when created. */
  before: string | number | null;
  after: string | number;
  /** The columns an update of a product changes. */
  fields?: string[];
}

/**
 * Catalog imports and exports (XLSX/CSV of products, prices or stock) and their progress. An import goes
 * uploaded → validating → validated → applying → done (or failed); an export goes queued → exporting → done.
 */
export const catalogTransfers = pgTable(
  'catalog_transfers',
  {
    id: uuid('id').primaryKey(),
    direction: text('direction', { enum: ['import', 'export'] }).notNull(),
    kind: text('kind', { enum: ['products', 'prices', 'stock'] }).notNull(),
    format: text('format', { enum: ['xlsx', 'csv'] }).notNull(),
    status: text('status', {
      enum: ['queued', 'uploaded', 'validating', 'validated', 'applying', 'exporting', 'done', 'failed'],
    }).notNull(),
    /** 0–100 within the current stage. */
    progress: integer('progress').notNull().default(0),
    fileName: text('file_name').notNull(),
    /** The uploaded file or the finished export in file storage. */
    fileKey: text('file_key'),
    fileSize: integer('file_size'),
    /** How the person chose to apply: every row (only when none has an error) or the valid rows only. */
    applyMode: text('apply_mode', { enum: ['all', 'valid'] }),
    counts: jsonb('counts').$type<TransferCounts>().notNull().default({}),
    /** The first problems (up to the report limit); `errorCount` has them all. */
    errors: jsonb('errors').$type<TransferRowError[]>().notNull().default([]),
    errorCount: integer('error_count').notNull().default(0),
    /** The first changes the import makes. */
    preview: jsonb('preview').$type<TransferChange[]>().notNull().default([]),
    /** Why the whole file failed (unreadable, no header, too many rows), as a code of transfer.messages.ts. */
    message: text('message'),
    /** The staff member's user id, or 'operator'. No foreign key: the history outlives a removed person. */
    createdBy: text('created_by').notNull(),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('catalog_transfers_status_idx').on(t.status)],
);
