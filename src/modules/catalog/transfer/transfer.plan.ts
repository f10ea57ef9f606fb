import type { Readable } from 'node:stream';
import type { Db } from '../../../server/core/db.js';
import { columnKeyOf, columnsOf, type TransferFormat, type TransferKind } from './transfer.columns.js';
import type { MessageParams, RowMessageCode } from './transfer.messages.js';
import { readRows, UnreadableFileError } from './transfer.read.js';
import type { TransferChange, TransferCounts, TransferRowError } from './transfer.tables.js';
import { type Cell, cellText } from './transfer.values.js';

/** The most data rows one file may hold. */
export const maxImportRows = 200_000;
/** Problems kept for the report (the count goes on). */
export const maxStoredErrors = 10_000;
/** Changes shown before and after applying. */
export const previewSize = 20;

/** A data row of the file by column key; absent columns are absent from the map. */
export interface DataRow {
  number: number;
  values: Map<string, Cell>;
}

/** Collects the problems of an import: every one is counted, the first ones are kept. */
export class RowReport {
  readonly errors: TransferRowError[] = [];
  readonly badRows = new Set<number>();
  count = 0;

  /** Records a problem of one row (column key or null for the whole row). */
  add(row: number, column: string | null, code: RowMessageCode, params?: MessageParams): void {
    this.count += 1;
    this.badRows.add(row);
    if (this.errors.length < maxStoredErrors)
      this.errors.push({ row, column, code, ...(params ? { params } : {}) });
  }

  /** Records a cell that did not parse. */
  addParsed(row: number, column: string, failure: { code: RowMessageCode; params?: MessageParams }): void {
    this.add(row, column, failure.code, failure.params);
  }

  has(row: number): boolean {
    return this.badRows.has(row);
  }
}

/** A row that changes the catalog: a new record or an update. */
export interface PlanItem {
  row: number;
  create: boolean;
}

/** What a per-kind planner returns: the rows that change something, and how many change nothing. */
export interface KindPlan<I extends PlanItem> {
  items: I[];
  unchanged: number;
  preview: TransferChange[];
}

/** The result of validating a file: what applying it would do and everything wrong with it. */
export interface ImportPlan<I extends PlanItem = PlanItem> extends KindPlan<I> {
  counts: TransferCounts;
  errors: TransferRowError[];
  errorCount: number;
}

/** Plans one kind: validates the rows against the catalog, reporting progress (0–1) as it goes. */
export type KindPlanner<I extends PlanItem> = (
  db: Db,
  rows: DataRow[],
  present: Set<string>,
  report: RowReport,
  onProgress: (fraction: number) => void,
) => Promise<KindPlan<I>>;

/** Reads the header and data rows of a file; a file that is not a table at all throws UnreadableFileError. */
export async function readTable(
  kind: TransferKind,
  file: { stream: Readable; size: number },
  format: TransferFormat,
  report: RowReport,
  onProgress: (fraction: number) => void,
): Promise<{ rows: DataRow[]; present: Set<string>; headerOk: boolean }> {
  let header: { number: number; keys: (string | null)[] } | null = null;
  const rows: DataRow[] = [];
  for await (const row of readRows(file, format, onProgress)) {
    if (row.cells.every((c) => c === null)) continue;
    if (!header) {
      header = {
        number: row.number,
        keys: row.cells.map((c) => (c === null ? null : columnKeyOf(kind, cellText(c) ?? ''))),
      };
      continue;
    }
    if (rows.length >= maxImportRows) {
      throw new UnreadableFileError('tooManyRows');
    }
    const values = new Map<string, Cell>();
    header.keys.forEach((key, index) => {
      if (key) values.set(key, row.cells[index] ?? null);
    });
    rows.push({ number: row.number, values });
  }
  if (!header) throw new UnreadableFileError('noHeader');
  const present = new Set<string>();
  let headerOk = true;
  for (const key of header.keys) {
    if (!key) continue;
    if (present.has(key)) {
      report.add(header.number, key, 'columnTwice');
      headerOk = false;
    }
    present.add(key);
  }
  for (const column of columnsOf[kind]) {
    if (column.required && !present.has(column.key)) {
      report.add(header.number, column.key, 'columnMissing');
      headerOk = false;
    }
  }
  if (!present.has('sku')) headerOk = false;
  return { rows, present, headerOk };
}

/** Validates a file of one kind and plans what applying it changes. */
export async function planImport<I extends PlanItem>(
  db: Db,
  kind: TransferKind,
  planner: KindPlanner<I>,
  file: { stream: Readable; size: number },
  format: TransferFormat,
  onProgress: (fraction: number) => void,
): Promise<ImportPlan<I>> {
  const report = new RowReport();
  // Reading takes most of the time for big files; checking against the catalog the rest.
  const table = await readTable(kind, file, format, report, (f) => onProgress(f * 0.6));
  let plan: KindPlan<I> = { items: [], unchanged: 0, preview: [] };
  if (table.headerOk) {
    plan = await planner(db, table.rows, table.present, report, (f) => onProgress(0.6 + f * 0.4));
  }
  const invalid = table.headerOk ? table.rows.filter((r) => report.has(r.number)).length : table.rows.length;
  const creates = plan.items.filter((i) => i.create).length;
  return {
    ...plan,
    // Problems found in later passes (unknown SKUs, duplicates) join those of the cells, in file order.
    errors: report.errors.sort((a, b) => a.row - b.row),
    errorCount: report.count,
    counts: {
      rows: table.rows.length,
      valid: table.rows.length - invalid,
      invalid,
      create: creates,
      update: plan.items.length - creates,
      unchanged: plan.unchanged,
    },
  };
}

/** Splits a list into batches (lookups and multi-row writes). */
export function* batches<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** A required text cell: trimmed, within a length; reports and returns null when missing or too long. */
export function requiredText(row: DataRow, key: string, max: number, report: RowReport): string | null {
  const text = cellText(row.values.get(key) ?? null);
  if (text === null) {
    report.add(row.number, key, 'required');
    return null;
  }
  if (text.length > max) {
    report.add(row.number, key, 'tooLong', { max });
    return null;
  }
  return text;
}
