import { and, asc, eq, ilike, isNull, or, type SQL } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { getCompany } from '../companies/companies.service.js';
import type { DeskActor } from './desk.staff.js';
import { supportCannedReplies, tickets } from './support.tables.js';

type CannedRow = typeof supportCannedReplies.$inferSelect;

/** The placeholders a canned reply may use (docs/support-desk.md). */
export const cannedPlaceholders = [
  'requester.name',
  'requester.firstName',
  'ticket.number',
  'ticket.subject',
  'operator.name',
  'company.name',
  'context.label',
] as const;

/**
 * Fills `{{placeholders}}`. A known one without a value becomes empty; an unknown one stays as typed, so a
 * typo is visible to the operator instead of failing the reply.
 */
export function fillPlaceholders(body: string, values: Record<string, string | null | undefined>): string {
  return body.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, key: string) =>
    key in values ? (values[key] ?? '') : whole,
  );
}

/** Placeholder values of a request as the operator answers it. */
export async function placeholderValues(db: Db, ticketId: string, operator: DeskActor) {
  const [t] = await db.select().from(tickets).where(eq(tickets.id, ticketId));
  if (!t) throw new AppError('NOT_FOUND', 'No such request');
  const company = t.companyId ? await getCompany(db, t.companyId) : null;
  return {
    'requester.name': t.requesterName,
    'requester.firstName': t.requesterName.trim().split(/\s+/)[0] ?? '',
    'ticket.number': t.number,
    'ticket.subject': t.subject,
    'operator.name': operator.name,
    'company.name': company?.name ?? '',
    'context.label': t.context?.label ?? '',
  };
}

/** Sample values for the settings preview when no request is picked. */
export const samplePlaceholderValues = (operator: DeskActor) => ({
  'requester.name': 'Иван Петров',
  'requester.firstName': 'Иван',
  'ticket.number': 'S-2026-000123',
  'ticket.subject': 'Не пришёл трек-номер',
  'operator.name': operator.name,
  'company.name': 'ООО «ВодоСервис»',
  'context.label': 'K-2026-000042',
});

export function presentCanned(r: CannedRow) {
  return {
    id: r.id,
    title: r.title,
    body: r.body,
    locale: r.locale,
    queueId: r.queueId,
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Canned replies an operator may use: a queue's own and the ones for every queue. */
export async function listCanned(db: Db, query: { q?: string; queue?: string; locale?: string }) {
  const where: (SQL | undefined)[] = [];
  if (query.queue)
    where.push(or(isNull(supportCannedReplies.queueId), eq(supportCannedReplies.queueId, query.queue)));
  if (query.locale)
    where.push(or(isNull(supportCannedReplies.locale), eq(supportCannedReplies.locale, query.locale)));
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(supportCannedReplies.title, like), ilike(supportCannedReplies.body, like)));
  }
  const rows = await db
    .select()
    .from(supportCannedReplies)
    .where(and(...where))
    .orderBy(asc(supportCannedReplies.title))
    .limit(200);
  return rows.map(presentCanned);
}

export async function cannedOf(db: Db, id: string): Promise<CannedRow> {
  const [row] = await db.select().from(supportCannedReplies).where(eq(supportCannedReplies.id, id));
  if (!row) throw new AppError('NOT_FOUND', 'No such canned reply');
  return row;
}

export async function createCanned(
  db: Db,
  actor: DeskActor,
  input: { title: string; body: string; locale: string | null; queueId: string | null },
): Promise<string> {
  const id = uuidv7();
  await db.insert(supportCannedReplies).values({ id, ...input, createdBy: actor.id });
  return id;
}

export async function updateCanned(
  db: Db,
  id: string,
  input: Partial<{ title: string; body: string; locale: string | null; queueId: string | null }>,
): Promise<void> {
  await cannedOf(db, id);
  await db
    .update(supportCannedReplies)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(supportCannedReplies.id, id));
}

export async function deleteCanned(db: Db, id: string): Promise<void> {
  await cannedOf(db, id);
  await db.delete(supportCannedReplies).where(eq(supportCannedReplies.id, id));
}

/** The canned reply's text filled for a request. */
export async function renderCanned(db: Db, ticketId: string, replyId: string, operator: DeskActor) {
  const values = await placeholderValues(db, ticketId, operator);
  const reply = await cannedOf(db, replyId);
  return { id: reply.id, title: reply.title, body: fillPlaceholders(reply.body, values) };
}
