import { eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { defineJob } from '../../server/core/jobs/job-definition.js';
import { queueMail } from '../../server/core/mail/mailer.js';
import type { ModuleContext } from '../../server/core/module.js';
import { storageFor } from '../../server/core/storage.js';
import { issueReconciliationAct } from '../documents/index.js';
import { peopleByIds } from '../people/people.service.js';
import { ledgerFor } from './finance.service.js';
import { reconciliationReadyMail } from './reconciliation.mail.js';
import { reconciliationJob } from './reconciliation.service.js';
import { reconciliationLines, reconciliationRequests } from './reconciliation.tables.js';

const attempts = 3;
/** Progress is written once per this many ledger entries. */
const progressEvery = 500;

const setRequest = (db: Db, id: string, values: Partial<typeof reconciliationRequests.$inferInsert>) =>
  db
    .update(reconciliationRequests)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(reconciliationRequests.id, id));

/** A readable reason for the company: the requisites to fill in, or a plain "try again". */
function reasonOf(error: unknown): string {
  if (error instanceof AppError && error.code === 'MISSING_REQUISITES')
    return error.message.replace('The invoice cannot be issued', 'The act cannot be drawn up');
  return 'The act could not be drawn up; please try again later';
}

/**
 * Draws up an act: reads the company's account for the period, freezes its lines, prints the act as a numbered
 * 'reconciliation' document and marks the request ready — the lines, the document and the status in one
 * transaction, so a retry after a crash starts clean.
 */
export async function runReconciliation(
  db: Db,
  ctx: ModuleContext,
  requestId: string,
  jobProgress: (p: number) => Promise<void>,
) {
  const [row] = await db
    .select()
    .from(reconciliationRequests)
    .where(eq(reconciliationRequests.id, requestId));
  if (!row || (row.status !== 'queued' && row.status !== 'running')) return;
  const progress = async (percent: number) => {
    await setRequest(db, requestId, { progress: percent });
    await jobProgress(percent);
  };
  await setRequest(db, requestId, { status: 'running', progress: 5, error: null });
  const ledger = await ledgerFor(db, row.companyId, row.periodFrom, row.periodTo);
  await progress(10);
  const lines: (typeof reconciliationLines.$inferInsert)[] = [];
  for (const [i, e] of ledger.entries.entries()) {
    lines.push({
      requestId,
      lineNo: i + 1,
      entryDate: e.date,
      description: e.description,
      debit: e.debit,
      credit: e.credit,
      ledgerEntryId: e.id,
    });
    if ((i + 1) % progressEvery === 0)
      await progress(10 + Math.floor((50 * (i + 1)) / ledger.entries.length));
  }
  await progress(60);
  const debit = lines.reduce((s, l) => s + l.debit, 0);
  const credit = lines.reduce((s, l) => s + l.credit, 0);
  await issueReconciliationAct(
    db,
    storageFor(ctx.config),
    {
      companyId: row.companyId,
      periodFrom: row.periodFrom,
      periodTo: row.periodTo,
      openingBalance: ledger.opening,
      operations: lines.map((l) => ({
        date: l.entryDate,
        document: l.description,
        debit: l.debit,
        credit: l.credit,
      })),
      actor: row.requestedBy,
    },
    async (tx, document) => {
      await tx.delete(reconciliationLines).where(eq(reconciliationLines.requestId, requestId));
      for (let i = 0; i < lines.length; i += 1000)
        await tx.insert(reconciliationLines).values(lines.slice(i, i + 1000));
      await setRequest(tx, requestId, {
        status: 'ready',
        progress: 100,
        documentId: document.id,
        opening: ledger.opening,
        debitTotal: debit,
        creditTotal: credit,
        closing: ledger.closing,
      });
      const person = (await peopleByIds(tx, [row.requestedBy])).get(row.requestedBy);
      if (person?.email)
        await queueMail(tx, {
          to: person.email,
          template: reconciliationReadyMail.name,
          locale: 'ru',
          vars: {
            from: row.periodFrom,
            to: row.periodTo,
            url: `${ctx.config.publicUrl}/orgs/${row.companyId}/reconciliations/${requestId}`,
          },
        });
    },
  );
  await jobProgress(100);
}

/** The act job: a missing requisite fails the request at once with its reason; other errors retry. */
export function reconciliationJobs(ctx: ModuleContext) {
  return [
    defineJob({
      name: reconciliationJob,
      payload: z.object({ requestId: z.uuid() }),
      maxAttempts: attempts,
      handler: async ({ payload, db, attempt, setProgress }) => {
        try {
          await runReconciliation(db, ctx, payload.requestId, setProgress);
        } catch (error) {
          const final =
            attempt >= attempts || (error instanceof AppError && error.code === 'MISSING_REQUISITES');
          if (!final) throw error;
          await db
            .update(reconciliationRequests)
            .set({ status: 'failed', error: reasonOf(error), updatedAt: sql`now()` })
            .where(
              sql`${reconciliationRequests.id} = ${payload.requestId} and ${inArray(reconciliationRequests.status, ['queued', 'running'])}`,
            );
          if (!(error instanceof AppError)) throw error;
        }
      },
    }),
  ];
}
