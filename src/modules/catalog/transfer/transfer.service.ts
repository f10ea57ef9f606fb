import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { actorOf } from '../../../server/core/access.js';
import type { Db } from '../../../server/core/db.js';
import { AppError } from '../../../server/core/errors.js';
import { enqueueJob } from '../../../server/core/jobs/queue.js';
import { decodeCursor, toPage } from '../../../server/core/pagination.js';
import type { FileStorage } from '../../../server/core/storage.js';
import { recordAudit } from '../../audit/audit.service.js';
import { columnsOf, type TransferFormat, type TransferKind, templateExamples } from './transfer.columns.js';
import { mediaTypeOf, writeTable } from './transfer.export.js';
import { fileMessage, type Lang, rowMessage } from './transfer.messages.js';
import { sniffFormat } from './transfer.read.js';
import { catalogTransfers } from './transfer.tables.js';

/** What the transfer services need from the app. */
export interface TransferDeps {
  db: Db;
  storage: FileStorage;
  /** Wakes the job runner after a job was queued. */
  poke(): void;
}

export const validateJob = 'catalog.transfer.validate';
export const applyJob = 'catalog.transfer.apply';
export const exportJob = 'catalog.transfer.export';

/** The largest file an import takes. */
export const maxUploadBytes = 20 * 1024 * 1024;
/** Problems the status answer lists (the full report is a download). */
export const errorsShown = 100;

type TransferRow = typeof catalogTransfers.$inferSelect;

/**
 * A transfer as the API shows it, its messages in `lang`; the detail adds the first problems and the changes.
 */
export function presentTransfer(row: TransferRow, lang: Lang, detail = false) {
  return {
    id: row.id,
    direction: row.direction,
    kind: row.kind,
    format: row.format,
    status: row.status,
    progress: row.progress,
    fileName: row.fileName,
    fileSize: row.fileSize,
    applyMode: row.applyMode,
    counts: row.counts,
    errorCount: row.errorCount,
    message: fileMessage(row.message, lang),
    createdBy: { id: row.createdBy, name: row.createdByName },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    ...(detail
      ? {
          errors: row.errors.slice(0, errorsShown).map((e) => ({
            row: e.row,
            column: e.column,
            code: e.code,
            message: rowMessage(e.code, e.params, lang),
          })),
          preview: row.preview,
        }
      : {}),
  };
}

/** A safe file name for the record and the download header (no path, no quotes, no control characters). */
function cleanFileName(name: string, format: TransferFormat): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  const base = [...last]
    .filter((ch) => ch >= ' ' && ch !== '"')
    .join('')
    .trim()
    .slice(0, 200);
  return base || `import.${format}`;
}

/**
 * Stores an uploaded file and queues its validation. The format comes from the content (an XLSX package or
 * text), never from the name: anything else is refused with 415.
 */
export async function uploadImport(
  deps: TransferDeps,
  request: FastifyRequest,
  kind: TransferKind,
  fileName: string,
  data: Buffer,
  lang: Lang,
) {
  const sniffed = sniffFormat(data.subarray(0, 65_536));
  if (!sniffed.format) throw new AppError('UNSUPPORTED_MEDIA_TYPE', sniffed.reason);
  const actor = actorOf(request);
  const id = uuidv7();
  const fileKey = `catalog-transfer/${id}.${sniffed.format}`;
  await deps.storage.put(fileKey, data);
  const row = await deps.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(catalogTransfers)
      .values({
        id,
        direction: 'import',
        kind,
        format: sniffed.format,
        status: 'uploaded',
        fileName: cleanFileName(fileName, sniffed.format),
        fileKey,
        fileSize: data.length,
        createdBy: actor.id,
        createdByName: actor.name,
      })
      .returning();
    await enqueueJob(tx, validateJob, { transferId: id }, { maxAttempts: 3 });
    return created as TransferRow;
  });
  deps.poke();
  return presentTransfer(row, lang, true);
}

/** One transfer with its progress, counts, first problems and changes. */
export async function getTransfer(db: Db, id: string) {
  const [row] = await db.select().from(catalogTransfers).where(eq(catalogTransfers.id, id));
  if (!row) throw new AppError('NOT_FOUND', 'No such import or export');
  return row;
}

const idCursor = z.tuple([z.uuid()]);

/** Recent imports and exports, newest first (ids are time-ordered), with keyset pagination. */
export async function listTransfers(
  db: Db,
  query: {
    limit: number;
    cursor?: string | undefined;
    direction?: 'import' | 'export' | undefined;
    lang: Lang;
  },
) {
  const before = query.cursor ? decodeCursor(query.cursor, idCursor)[0] : undefined;
  const rows = await db
    .select()
    .from(catalogTransfers)
    .where(
      and(
        before ? lt(catalogTransfers.id, before) : undefined,
        query.direction ? eq(catalogTransfers.direction, query.direction) : undefined,
      ),
    )
    .orderBy(desc(catalogTransfers.id))
    .limit(query.limit + 1);
  return toPage(
    rows,
    query.limit,
    (r) => presentTransfer(r, query.lang),
    (r) => [r.id],
  );
}

/**
 * Applies a validated import: every row (only when none has a problem) or the valid rows only. The apply job
 * checks the file again against the catalog as it is then and writes everything in one transaction.
 */
export async function requestApply(
  deps: TransferDeps,
  request: FastifyRequest,
  id: string,
  mode: 'all' | 'valid',
  lang: Lang,
) {
  const current = await getTransfer(deps.db, id);
  if (current.direction !== 'import') throw new AppError('NOT_FOUND', 'No such import');
  if (current.status !== 'validated') {
    throw new AppError('CONFLICT', `The import is ${current.status}: only a checked import can be applied`);
  }
  if (mode === 'all' && current.errorCount > 0) {
    throw new AppError(
      'CONFLICT',
      'The file has problems: fix them and upload it again, or apply the valid rows only',
    );
  }
  if ((current.counts.valid ?? 0) === 0)
    throw new AppError('CONFLICT', 'The file has no valid rows to apply');
  const row = await deps.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(catalogTransfers)
      .set({ status: 'applying', applyMode: mode, progress: 0, message: null, updatedAt: sql`now()` })
      .where(and(eq(catalogTransfers.id, id), eq(catalogTransfers.status, 'validated')))
      .returning();
    if (!updated) throw new AppError('CONFLICT', 'The import is being applied already');
    await enqueueJob(tx, applyJob, { transferId: id }, { maxAttempts: 3 });
    await recordAudit(tx, request, {
      action: 'catalog.import_applied',
      subject: id,
      details: { kind: updated.kind, mode, fileName: updated.fileName, counts: updated.counts },
    });
    return updated;
  });
  deps.poke();
  return presentTransfer(row, lang, true);
}

/** Queues an export of products, prices or stock to XLSX or CSV. */
export async function requestExport(
  deps: TransferDeps,
  request: FastifyRequest,
  kind: TransferKind,
  format: TransferFormat,
  lang: Lang,
) {
  const actor = actorOf(request);
  const id = uuidv7();
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const row = await deps.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(catalogTransfers)
      .values({
        id,
        direction: 'export',
        kind,
        format,
        status: 'queued',
        fileName: `catalog-${kind}-${stamp}.${format}`,
        createdBy: actor.id,
        createdByName: actor.name,
      })
      .returning();
    await enqueueJob(tx, exportJob, { transferId: id }, { maxAttempts: 3 });
    return created as TransferRow;
  });
  deps.poke();
  return presentTransfer(row, lang, true);
}

/** The file of a finished export. */
export async function openExport(deps: TransferDeps, id: string) {
  const row = await getTransfer(deps.db, id);
  const file =
    row.direction === 'export' && row.status === 'done' && row.fileKey
      ? await deps.storage.read(row.fileKey)
      : null;
  if (!file) throw new AppError('NOT_FOUND', 'The export is not ready');
  return { ...file, fileName: row.fileName, contentType: mediaTypeOf[row.format] };
}

/** The problems of an import as a file (row, column, message), for fixing the file in a spreadsheet. */
export async function errorReport(db: Db, id: string, format: TransferFormat, lang: Lang) {
  const row = await getTransfer(db, id);
  if (row.direction !== 'import') throw new AppError('NOT_FOUND', 'No such import');
  const { data } = await writeTable(
    format,
    'errors',
    ['row', 'column', 'message'],
    row.errors.map((e) => [e.row, e.column, rowMessage(e.code, e.params, lang)]),
  );
  const base = row.fileName.replace(/\.[^.]*$/, '');
  return { data, fileName: `${base}-errors.${format}`, contentType: mediaTypeOf[format] };
}

/** An empty file of a kind with its header and two example rows. */
export async function templateFile(kind: TransferKind, format: TransferFormat) {
  const header = columnsOf[kind].map((c) => c.key);
  const { data } = await writeTable(format, kind, header, templateExamples[kind]);
  return { data, fileName: `template-${kind}.${format}`, contentType: mediaTypeOf[format] };
}
