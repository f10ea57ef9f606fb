import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../server/core/db.js';
import { defineJob, type JobDefinition } from '../../../server/core/jobs/job-definition.js';
import { kindHandlers } from './kinds/index.js';
import { columnsOf } from './transfer.columns.js';
import { writeTable } from './transfer.export.js';
import type { FileMessageCode } from './transfer.messages.js';
import { type ImportPlan, planImport } from './transfer.plan.js';
import { ProgressReporter } from './transfer.progress.js';
import { UnreadableFileError } from './transfer.read.js';
import { applyJob, exportJob, type TransferDeps, validateJob } from './transfer.service.js';
import { catalogTransfers } from './transfer.tables.js';

const attempts = 3;
const payload = z.object({ transferId: z.uuid() });
type Row = typeof catalogTransfers.$inferSelect;

async function load(db: Db, id: string): Promise<Row | undefined> {
  return (await db.select().from(catalogTransfers).where(eq(catalogTransfers.id, id)))[0];
}

async function fail(db: Db, id: string, statuses: Row['status'][], message: FileMessageCode) {
  await db
    .update(catalogTransfers)
    .set({ status: 'failed', message, updatedAt: sql`now()`, finishedAt: sql`now()` })
    .where(and(eq(catalogTransfers.id, id), inArray(catalogTransfers.status, statuses)));
}

/** Reads the stored file of an import and plans it. */
async function plan(
  deps: TransferDeps,
  row: Row,
  onProgress: (fraction: number) => void,
): Promise<ImportPlan> {
  const file = row.fileKey ? await deps.storage.read(row.fileKey) : null;
  if (!file) throw new UnreadableFileError('fileGone');
  return planImport(deps.db, row.kind, kindHandlers[row.kind].plan, file, row.format, onProgress);
}

const planFields = (p: ImportPlan) => ({
  counts: p.counts,
  errors: p.errors,
  errorCount: p.errorCount,
  preview: p.preview,
});

/** The validation job: reads every row, checks it against the catalog and records the report and the plan. */
export async function runValidation(
  deps: TransferDeps,
  id: string,
  jobProgress: (p: number) => Promise<void>,
) {
  const row = await load(deps.db, id);
  if (!row || (row.status !== 'uploaded' && row.status !== 'validating')) return;
  await deps.db
    .update(catalogTransfers)
    .set({ status: 'validating', progress: 0, updatedAt: sql`now()` })
    .where(eq(catalogTransfers.id, id));
  const progress = new ProgressReporter(deps.db, id, 'validating', jobProgress);
  const result = await plan(deps, row, (f) => progress.report(f));
  await progress.flush();
  await deps.db
    .update(catalogTransfers)
    .set({ status: 'validated', progress: 100, ...planFields(result), updatedAt: sql`now()` })
    .where(and(eq(catalogTransfers.id, id), eq(catalogTransfers.status, 'validating')));
}

/**
 * The apply job: checks the file again (the catalog may have changed since), then writes the rows in one
 * transaction together with the "done" status, so a retry after a crash never applies twice. When every row was
 * to be applied and a row has gone bad meanwhile, nothing changes and the import goes back to "validated".
 */
export async function runApply(deps: TransferDeps, id: string, jobProgress: (p: number) => Promise<void>) {
  const row = await load(deps.db, id);
  if (row?.status !== 'applying') return;
  const progress = new ProgressReporter(deps.db, id, 'applying', jobProgress);
  const result = await plan(deps, row, progress.part(0, 0.5));
  if (row.applyMode !== 'valid' && result.errorCount > 0) {
    await progress.flush();
    await deps.db
      .update(catalogTransfers)
      .set({
        status: 'validated',
        progress: 100,
        ...planFields(result),
        message: 'catalogChanged',
        updatedAt: sql`now()`,
      })
      .where(and(eq(catalogTransfers.id, id), eq(catalogTransfers.status, 'applying')));
    return;
  }
  const write = progress.part(0.5, 1);
  await deps.db.transaction(async (tx) => {
    await kindHandlers[row.kind].apply(tx, result.items, async (f) => write(f));
    await tx
      .update(catalogTransfers)
      .set({
        status: 'done',
        progress: 100,
        ...planFields(result),
        updatedAt: sql`now()`,
        finishedAt: sql`now()`,
      })
      .where(eq(catalogTransfers.id, id));
  });
  await progress.flush();
}

/** The export job: streams the catalog rows into an XLSX or CSV file and stores it for download. */
export async function runExport(deps: TransferDeps, id: string, jobProgress: (p: number) => Promise<void>) {
  const row = await load(deps.db, id);
  if (!row || (row.status !== 'queued' && row.status !== 'exporting')) return;
  await deps.db
    .update(catalogTransfers)
    .set({ status: 'exporting', progress: 0, updatedAt: sql`now()` })
    .where(eq(catalogTransfers.id, id));
  const progress = new ProgressReporter(deps.db, id, 'exporting', jobProgress);
  const source = kindHandlers[row.kind].source;
  const total = await source.count(deps.db);
  const { data, rows } = await writeTable(
    row.format,
    row.kind,
    columnsOf[row.kind].map((c) => c.key),
    source.rows(deps.db),
    async (written) => {
      if (written % 500 === 0) progress.report(Math.min(0.99, written / Math.max(1, total)));
    },
  );
  const fileKey = `catalog-transfer/${id}.${row.format}`;
  await deps.storage.put(fileKey, data);
  await progress.flush();
  await deps.db
    .update(catalogTransfers)
    .set({
      status: 'done',
      progress: 100,
      fileKey,
      fileSize: data.length,
      counts: { rows },
      updatedAt: sql`now()`,
      finishedAt: sql`now()`,
    })
    .where(eq(catalogTransfers.id, id));
}

/**
 * The module's jobs. A file that cannot be read fails the import at once with the reason; other errors retry,
 * and the last attempt marks the transfer failed (nothing was changed: writes happen in one transaction).
 */
export function transferJobs(deps: TransferDeps): JobDefinition[] {
  const job = (
    name: string,
    statuses: Row['status'][],
    run: (deps: TransferDeps, id: string, jobProgress: (p: number) => Promise<void>) => Promise<void>,
  ) =>
    defineJob({
      name,
      payload,
      maxAttempts: attempts,
      // A big file may take longer than the default lock of five minutes.
      lockMs: 30 * 60_000,
      handler: async ({ payload: p, setProgress, attempt, log }) => {
        try {
          await run(deps, p.transferId, setProgress);
        } catch (error) {
          if (error instanceof UnreadableFileError) {
            await fail(deps.db, p.transferId, statuses, error.code);
            return;
          }
          log.error({ err: error, transferId: p.transferId }, 'catalog transfer failed');
          if (attempt >= attempts) {
            await fail(deps.db, p.transferId, statuses, 'jobFailed');
          }
          throw error;
        }
      },
    }) as unknown as JobDefinition;
  return [
    job(validateJob, ['uploaded', 'validating'], runValidation),
    job(applyJob, ['applying'], runApply),
    job(exportJob, ['queued', 'exporting'], runExport),
  ];
}
