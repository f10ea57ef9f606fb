import { and, asc, desc, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { enqueueJob } from '../../server/core/jobs/queue.js';
import { queueMail } from '../../server/core/mail/mailer.js';
import { decodeCursor, toPage } from '../../server/core/pagination.js';
import { businessDay } from '../../shared/business-day.js';
import { getCompany } from '../companies/companies.service.js';
import { peopleByIds } from '../people/people.service.js';
import { reconciliationDisputedMail } from './reconciliation.mail.js';
import type { DisputeBody, ReconciliationListQuery, ResolveBody } from './reconciliation.schema.js';
import {
  type ReconciliationStatus,
  reconciliationDisputes,
  reconciliationLines,
  reconciliationRequests,
} from './reconciliation.tables.js';

export const reconciliationJob = 'finance.reconciliation';

type RequestRow = typeof reconciliationRequests.$inferSelect;
type Period = { from: string; to: string };

const isUuid = (id: string) => z.uuid().safeParse(id).success;
const notFound = () => new AppError('NOT_FOUND', 'Reconciliation act not found');

/** The document's download link of an act (documents module route). */
const documentUrl = (r: RequestRow) =>
  r.documentId ? `/api/v1/orgs/${r.companyId}/documents/${r.documentId}/file` : null;

/** A request as lists show it (no lines). */
export function presentRequest(r: RequestRow) {
  return {
    id: r.id,
    companyId: r.companyId,
    from: r.periodFrom,
    to: r.periodTo,
    status: r.status,
    progress: r.progress,
    error: r.error,
    documentId: r.documentId,
    documentUrl: documentUrl(r),
    opening: r.opening,
    debit: r.debitTotal,
    credit: r.creditTotal,
    closing: r.closing,
    requestedBy: r.requestedBy,
    confirmedAt: r.confirmedAt?.toISOString() ?? null,
    disputedAt: r.disputedAt?.toISOString() ?? null,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    resolution: r.resolution,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The days of a quarter '2026-Q3'. */
export function quarterPeriod(quarter: string): Period {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  const from = `${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
  const nextYear = q === 4 ? year + 1 : year;
  const nextMonth = q === 4 ? 1 : q * 3 + 1;
  return { from, to: addDays(`${nextYear}-${String(nextMonth).padStart(2, '0')}-01`, -1) };
}

const maxDays = 3 * 366;

/** Checks a period: from ≤ to, not past today (Moscow), at most three years. */
export function checkPeriod(p: Period, today = businessDay()): Period {
  const problems: { path: string; message: string }[] = [];
  if (p.from > p.to) problems.push({ path: 'from', message: 'The period must start before it ends' });
  if (p.to > today) problems.push({ path: 'to', message: 'The period cannot end in the future' });
  if ((Date.parse(p.to) - Date.parse(p.from)) / 86_400_000 >= maxDays)
    problems.push({ path: 'from', message: 'The period is at most three years' });
  if (problems.length)
    throw new AppError('VALIDATION_FAILED', problems[0]?.message ?? 'Bad period', problems);
  return p;
}

/**
 * Asks for an act over the period: a new request and its job, or the request of the same company and period
 * still in the making (`created: false`).
 */
export async function requestReconciliation(
  db: Db,
  companyId: string,
  period: Period,
  actor: string,
): Promise<{ request: RequestRow; created: boolean }> {
  const p = checkPeriod(period);
  return db.transaction(async (tx) => {
    const id = uuidv7();
    const [inserted] = await tx
      .insert(reconciliationRequests)
      .values({ id, companyId, periodFrom: p.from, periodTo: p.to, requestedBy: actor })
      .onConflictDoNothing()
      .returning();
    if (inserted) {
      await enqueueJob(tx, reconciliationJob, { requestId: id }, { maxAttempts: 3 });
      return { request: inserted, created: true };
    }
    const [active] = await tx
      .select()
      .from(reconciliationRequests)
      .where(
        and(
          eq(reconciliationRequests.companyId, companyId),
          eq(reconciliationRequests.periodFrom, p.from),
          eq(reconciliationRequests.periodTo, p.to),
          inArray(reconciliationRequests.status, ['queued', 'running']),
        ),
      );
    if (!active) throw new AppError('CONFLICT', 'Try again');
    return { request: active, created: false };
  });
}

const idCursor = z.tuple([z.uuid()]);

/** Requests newest first; a company's (companyId) or every company's (back office), by status. */
export async function listReconciliations(db: Db, q: ReconciliationListQuery & { companyId?: string }) {
  const where: SQL[] = [];
  if (q.companyId) where.push(eq(reconciliationRequests.companyId, q.companyId));
  if (q.status) where.push(eq(reconciliationRequests.status, q.status));
  if (q.cursor) where.push(lt(reconciliationRequests.id, decodeCursor(q.cursor, idCursor)[0]));
  const rows = await db
    .select()
    .from(reconciliationRequests)
    .where(and(...where))
    .orderBy(desc(reconciliationRequests.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, presentRequest, (r) => [r.id]);
}

async function requestRow(db: Db, id: string, companyId?: string): Promise<RequestRow> {
  if (!isUuid(id)) throw notFound();
  const [row] = await db
    .select()
    .from(reconciliationRequests)
    .where(
      and(
        eq(reconciliationRequests.id, id),
        companyId ? eq(reconciliationRequests.companyId, companyId) : undefined,
      ),
    );
  if (!row) throw notFound();
  return row;
}

/** One act with its lines and disputes; another company's id is NOT_FOUND. */
export async function getReconciliation(db: Db, id: string, companyId?: string) {
  const row = await requestRow(db, id, companyId);
  const [lines, disputes] = await Promise.all([
    db
      .select()
      .from(reconciliationLines)
      .where(eq(reconciliationLines.requestId, row.id))
      .orderBy(asc(reconciliationLines.lineNo)),
    db
      .select()
      .from(reconciliationDisputes)
      .where(eq(reconciliationDisputes.requestId, row.id))
      .orderBy(asc(reconciliationDisputes.lineNo)),
  ]);
  return {
    ...presentRequest(row),
    lines: lines.map((l) => ({
      lineId: l.lineNo,
      date: l.entryDate,
      description: l.description,
      debit: l.debit,
      credit: l.credit,
      ledgerEntryId: l.ledgerEntryId,
    })),
    disputes: disputes.map((d) => ({
      lineId: d.lineNo,
      comment: d.comment,
      theirAmount: d.theirAmount,
      createdAt: d.createdAt.toISOString(),
      answer: d.answer,
      answerComment: d.answerComment,
      answeredAt: d.answeredAt?.toISOString() ?? null,
    })),
  };
}

/** Locks the company's act for a change and checks it is in one of `statuses`. */
async function lockedIn(tx: Db, id: string, companyId: string | undefined, statuses: ReconciliationStatus[]) {
  const row = await requestRow(tx, id, companyId);
  await tx.execute(sql`select 1 from reconciliation_requests where id = ${row.id} for update`);
  const [fresh] = await tx.select().from(reconciliationRequests).where(eq(reconciliationRequests.id, row.id));
  if (!fresh) throw notFound();
  if (!statuses.includes(fresh.status))
    throw new AppError('BAD_REQUEST', `The act is ${fresh.status}; this needs it ${statuses.join(' or ')}`);
  return fresh;
}

/** The company agrees with the act as printed. */
export async function confirmReconciliation(db: Db, companyId: string, id: string, actor: string) {
  await db.transaction(async (tx) => {
    await lockedIn(tx, id, companyId, ['ready']);
    await tx
      .update(reconciliationRequests)
      .set({ status: 'confirmed', confirmedBy: actor, confirmedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(reconciliationRequests.id, id));
  });
  return getReconciliation(db, id, companyId);
}

/** The company disagrees with some lines: each line once, with its comment and its own amount. */
export async function disputeReconciliation(
  db: Db,
  companyId: string,
  id: string,
  body: DisputeBody,
  actor: string,
) {
  await db.transaction(async (tx) => {
    const row = await lockedIn(tx, id, companyId, ['ready']);
    const ids = body.lines.map((l) => l.lineId);
    const seen = new Set<number>();
    const problems: { path: string; message: string }[] = [];
    ids.forEach((lineId, i) => {
      if (seen.has(lineId)) problems.push({ path: `lines.${i}.lineId`, message: 'The line is named twice' });
      seen.add(lineId);
    });
    const known = new Set(
      (
        await tx
          .select({ n: reconciliationLines.lineNo })
          .from(reconciliationLines)
          .where(and(eq(reconciliationLines.requestId, row.id), inArray(reconciliationLines.lineNo, ids)))
      ).map((r) => r.n),
    );
    ids.forEach((lineId, i) => {
      if (!known.has(lineId))
        problems.push({ path: `lines.${i}.lineId`, message: 'The act has no such line' });
    });
    if (problems.length) throw new AppError('BAD_REQUEST', problems[0]?.message ?? 'Bad lines', problems);
    await tx.insert(reconciliationDisputes).values(
      body.lines.map((l) => ({
        requestId: row.id,
        lineNo: l.lineId,
        comment: l.comment,
        theirAmount: l.theirAmount ?? null,
        createdBy: actor,
      })),
    );
    await tx
      .update(reconciliationRequests)
      .set({ status: 'disputed', disputedBy: actor, disputedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(reconciliationRequests.id, row.id));
    await notifyManager(tx, row, body.lines.length);
  });
  return getReconciliation(db, id, companyId);
}

async function notifyManager(tx: Db, row: RequestRow, lines: number) {
  const company = await getCompany(tx, row.companyId);
  if (!company?.managerId) return;
  const email = (await peopleByIds(tx, [company.managerId])).get(company.managerId)?.email;
  if (!email) return;
  await queueMail(tx, {
    to: email,
    template: reconciliationDisputedMail.name,
    locale: 'ru',
    vars: { company: company.name, from: row.periodFrom, to: row.periodTo, lines },
  });
}

/** Staff answer every disputed line (resolved or rejected, with a comment); the act becomes resolved. */
export async function resolveReconciliation(
  db: Db,
  id: string,
  body: ResolveBody,
  actor: string,
  audit?: (tx: Db, companyId: string) => Promise<void>,
) {
  const row = await db.transaction(async (tx) => {
    const locked = await lockedIn(tx, id, undefined, ['disputed']);
    const disputed = await tx
      .select({ n: reconciliationDisputes.lineNo })
      .from(reconciliationDisputes)
      .where(eq(reconciliationDisputes.requestId, locked.id));
    const open = new Set(disputed.map((d) => d.n));
    const answered = new Set(body.answers.map((a) => a.lineId));
    const problems = [
      ...body.answers
        .filter((a) => !open.has(a.lineId))
        .map((a) => ({ path: 'answers', message: `Line ${a.lineId} is not disputed` })),
      ...[...open]
        .filter((n) => !answered.has(n))
        .map((n) => ({ path: 'answers', message: `Line ${n} needs an answer` })),
    ];
    if (answered.size !== body.answers.length)
      problems.push({ path: 'answers', message: 'A line is answered twice' });
    if (problems.length) throw new AppError('BAD_REQUEST', problems[0]?.message ?? 'Bad answers', problems);
    for (const a of body.answers) {
      await tx
        .update(reconciliationDisputes)
        .set({ answer: a.answer, answerComment: a.comment, answeredBy: actor, answeredAt: sql`now()` })
        .where(
          and(eq(reconciliationDisputes.requestId, locked.id), eq(reconciliationDisputes.lineNo, a.lineId)),
        );
    }
    await tx
      .update(reconciliationRequests)
      .set({
        status: 'resolved',
        resolvedBy: actor,
        resolvedAt: sql`now()`,
        resolution: body.comment ?? null,
        updatedAt: sql`now()`,
      })
      .where(eq(reconciliationRequests.id, locked.id));
    await audit?.(tx, locked.companyId);
    return locked;
  });
  return getReconciliation(db, row.id);
}
