import { and, asc, desc, eq, ilike, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { decodeCursor, toPage } from '../../server/core/pagination.js';
import { activeTicketStatuses, type TicketPriority, type TicketStatus } from '../../shared/support.js';
import { getCompanies, getCompany } from '../companies/companies.service.js';
import { notify } from '../notifications/index.js';
import { getPerson, peopleByIds } from '../people/people.service.js';
import { slaDeadlines } from '../sla/sla.service.js';
import { type TicketRow, touch, writeEvent } from './desk.events.js';
import type { ReplyInput, TicketListQuery, TicketPatch } from './desk.schema.js';
import { assertOperator, type DeskActor, resolveMentions } from './desk.staff.js';
import { notifyRequesterOfReply } from './support.mail.js';
import {
  supportQueues,
  supportTopics,
  ticketAttachments,
  ticketMessages,
  tickets,
} from './support.tables.js';

const active = [...activeTicketStatuses] as TicketStatus[];

/** The next SLA target still open: the first response until answered, then the resolution. */
const slaDue = sql`(case when ${tickets.firstRespondedAt} is null then ${tickets.firstResponseDueAt} else ${tickets.resolutionDueAt} end)`;
const slaSortKey = sql`coalesce(${slaDue}, 'infinity'::timestamptz)`;
const breachedAt = (now: Date) =>
  and(inArray(tickets.status, active), sql`${slaDue} < ${now.toISOString()}::timestamptz`);

/** The request in a transaction, locked for the change; 404 when unknown. */
export async function lockTicket(tx: Db, id: string): Promise<TicketRow> {
  const [row] = await tx.select().from(tickets).where(eq(tickets.id, id)).for('update');
  if (!row) throw new AppError('NOT_FOUND', 'No such request');
  return row;
}

function assertWorkable(ticket: TicketRow): void {
  if (ticket.status === 'merged') {
    throw new AppError('CONFLICT', `The request was merged into another one; work on that one instead`);
  }
}

const cursorShape = z.tuple([z.string().min(1).max(64), z.uuid()]);

/** The operators' list: filters, SLA or activity order, keyset pages. */
export async function listTickets(db: Db, actor: DeskActor, query: TicketListQuery, now = new Date()) {
  const where: (SQL | undefined)[] = [];
  if (query.queue) where.push(eq(tickets.queueId, query.queue));
  if (query.status === 'active') where.push(inArray(tickets.status, active));
  else if (query.status) where.push(eq(tickets.status, query.status));
  if (query.priority) where.push(eq(tickets.priority, query.priority));
  if (query.assignee === 'me') where.push(eq(tickets.assigneeId, actor.id));
  else if (query.assignee === 'unassigned') where.push(isNull(tickets.assigneeId));
  else if (query.assignee) where.push(eq(tickets.assigneeId, query.assignee));
  if (query.sla === 'breached') where.push(breachedAt(now));
  if (query.sla === 'due_soon') {
    const soon = new Date(now.getTime() + 3_600_000).toISOString();
    where.push(
      inArray(tickets.status, active),
      sql`${slaDue} >= ${now.toISOString()}::timestamptz and ${slaDue} < ${soon}::timestamptz`,
    );
  }
  if (query.company) where.push(eq(tickets.companyId, query.company));
  if (query.requester) where.push(eq(tickets.requesterId, query.requester));
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      or(ilike(tickets.number, like), ilike(tickets.subject, like), ilike(tickets.requesterName, like)),
    );
  }
  const bySla = query.sort === 'sla';
  const key = bySla ? slaSortKey : sql`${tickets.lastMessageAt}`;
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, cursorShape);
    where.push(
      bySla
        ? sql`(${key}, ${tickets.id}) > (${at}::timestamptz, ${id}::uuid)`
        : sql`(${key}, ${tickets.id}) < (${at}::timestamptz, ${id}::uuid)`,
    );
  }
  const rows = await db
    .select({ ticket: tickets, sortKey: sql<string>`${key}::text` })
    .from(tickets)
    .where(and(...where))
    .orderBy(...(bySla ? [asc(key), asc(tickets.id)] : [desc(key), desc(tickets.id)]))
    .limit(query.limit + 1);
  const names = await namesOf(
    db,
    rows.map((r) => r.ticket.assigneeId),
  );
  const companies = await companyNames(
    db,
    rows.map((r) => r.ticket.companyId),
  );
  return toPage(
    rows,
    query.limit,
    (r) => presentListItem(r.ticket, names, companies, now),
    (r) => [r.sortKey, r.ticket.id],
  );
}

async function namesOf(db: Db, ids: (string | null)[]) {
  const map = await peopleByIds(db, [...new Set(ids.filter((x): x is string => Boolean(x)))]);
  return new Map([...map].map(([id, p]) => [id, p.name]));
}

/** The page's company names in one query. */
async function companyNames(db: Db, ids: (string | null)[]) {
  const found = await getCompanies(db, [...new Set(ids.filter((x): x is string => Boolean(x)))]);
  return new Map([...found.values()].map((c) => [c.id, c.name]));
}

/** SLA state of a request at `now`: what is due next and by when. */
export function slaOf(t: TicketRow, now: Date) {
  const waiting = (active as string[]).includes(t.status);
  const target = !t.firstRespondedAt ? 'first_response' : !t.resolvedAt ? 'resolution' : null;
  const dueAt =
    target === 'first_response' ? t.firstResponseDueAt : target === 'resolution' ? t.resolutionDueAt : null;
  const remainingMinutes = waiting && dueAt ? Math.round((dueAt.getTime() - now.getTime()) / 60_000) : null;
  return {
    target: waiting ? target : null,
    dueAt: waiting && dueAt ? dueAt.toISOString() : null,
    remainingMinutes,
    breached: remainingMinutes !== null && remainingMinutes < 0,
    firstResponseDueAt: t.firstResponseDueAt?.toISOString() ?? null,
    resolutionDueAt: t.resolutionDueAt?.toISOString() ?? null,
  };
}

function presentListItem(
  t: TicketRow,
  names: Map<string, string>,
  companies: Map<string, string>,
  now: Date,
) {
  return {
    id: t.id,
    number: t.number,
    subject: t.subject,
    status: t.status,
    priority: t.priority,
    audience: t.audience,
    requester: { id: t.requesterId, name: t.requesterName },
    company: t.companyId ? { id: t.companyId, name: companies.get(t.companyId) ?? null } : null,
    queueId: t.queueId,
    assignee: t.assigneeId ? { id: t.assigneeId, name: names.get(t.assigneeId) ?? t.assigneeId } : null,
    sla: slaOf(t, now),
    lastMessageAt: t.lastMessageAt.toISOString(),
    createdAt: t.createdAt.toISOString(),
  };
}

/** Counts for the sidebar: active requests per queue, mine, unassigned and breached. */
export async function ticketCounts(db: Db, actor: DeskActor, now = new Date()) {
  const perQueue = await db
    .select({ queueId: tickets.queueId, n: sql<number>`count(*)::int` })
    .from(tickets)
    .where(inArray(tickets.status, active))
    .groupBy(tickets.queueId);
  const [row] = await db
    .select({
      all: sql<number>`count(*)::int`,
      mine: sql<number>`count(*) filter (where ${tickets.assigneeId} = ${actor.id})::int`,
      unassigned: sql<number>`count(*) filter (where ${tickets.assigneeId} is null)::int`,
      breached: sql<number>`count(*) filter (where ${slaDue} < ${now.toISOString()}::timestamptz)::int`,
    })
    .from(tickets)
    .where(inArray(tickets.status, active));
  return {
    active: row?.all ?? 0,
    mine: row?.mine ?? 0,
    unassigned: row?.unassigned ?? 0,
    breached: row?.breached ?? 0,
    queues: perQueue.map((q) => ({ queueId: q.queueId, count: q.n })),
  };
}

/** Everything the operator sees about a request, internal notes and merged duplicates' threads included. */
export async function ticketDetail(db: Db, id: string, now = new Date()) {
  const [t] = await db.select().from(tickets).where(eq(tickets.id, id));
  if (!t) throw new AppError('NOT_FOUND', 'No such request');
  const sources = await db
    .select({ id: tickets.id, number: tickets.number })
    .from(tickets)
    .where(eq(tickets.mergedIntoId, id));
  const threadIds = [id, ...sources.map((s) => s.id)];
  const messages = await db
    .select()
    .from(ticketMessages)
    .where(inArray(ticketMessages.ticketId, threadIds))
    .orderBy(asc(ticketMessages.createdAt), asc(ticketMessages.id));
  const files = await db
    .select()
    .from(ticketAttachments)
    .where(inArray(ticketAttachments.ticketId, threadIds));
  const [queue] = t.queueId
    ? await db.select().from(supportQueues).where(eq(supportQueues.id, t.queueId))
    : [];
  const [topic] = t.topicId
    ? await db.select().from(supportTopics).where(eq(supportTopics.id, t.topicId))
    : [];
  const person = await getPerson(db, t.requesterId);
  const company = t.companyId ? await getCompany(db, t.companyId) : null;
  const names = await namesOf(db, [t.assigneeId]);
  const [prev] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(tickets)
    .where(and(eq(tickets.requesterId, t.requesterId), ne(tickets.id, id)));
  const [mergedInto] = t.mergedIntoId
    ? await db
        .select({ id: tickets.id, number: tickets.number })
        .from(tickets)
        .where(eq(tickets.id, t.mergedIntoId))
    : [];
  const numberOf = new Map(sources.map((s) => [s.id, s.number]));
  return {
    id: t.id,
    number: t.number,
    subject: t.subject,
    status: t.status,
    priority: t.priority,
    audience: t.audience,
    locale: t.locale,
    context: t.context ?? null,
    requester: {
      id: t.requesterId,
      name: t.requesterName,
      email: person?.email ?? null,
      phone: person?.phone ?? null,
    },
    company: company ? { id: company.id, name: company.name } : null,
    queue: queue ? { id: queue.id, key: queue.key, nameRu: queue.nameRu, nameEn: queue.nameEn } : null,
    topic: topic ? { id: topic.id, key: topic.key, nameRu: topic.nameRu, nameEn: topic.nameEn } : null,
    assignee: t.assigneeId ? { id: t.assigneeId, name: names.get(t.assigneeId) ?? t.assigneeId } : null,
    sla: slaOf(t, now),
    firstRespondedAt: t.firstRespondedAt?.toISOString() ?? null,
    resolvedAt: t.resolvedAt?.toISOString() ?? null,
    closedAt: t.closedAt?.toISOString() ?? null,
    mergedInto: mergedInto ?? null,
    mergedFrom: sources,
    csat: t.csatRating ? { rating: t.csatRating, comment: t.csatComment } : null,
    previousRequests: prev?.n ?? 0,
    createdAt: t.createdAt.toISOString(),
    messages: messages.map((m) => ({
      id: m.id,
      kind: m.kind,
      side: m.side,
      author: { id: m.authorId, name: m.authorName },
      body: m.body,
      mentions: m.mentions,
      data: m.data ?? null,
      /** Set when the message belongs to a duplicate merged into this request. */
      fromTicket: m.ticketId === id ? null : { id: m.ticketId, number: numberOf.get(m.ticketId) ?? '' },
      attachments: files
        .filter((f) => f.messageId === m.id)
        .map((f) => ({ id: f.id, fileName: f.fileName, contentType: f.contentType, size: f.size })),
      createdAt: m.createdAt.toISOString(),
    })),
  };
}

/** Moves a request to a status, stamping resolved/closed times and writing the event. */
async function setStatus(tx: Db, t: TicketRow, to: TicketStatus, actor: DeskActor, at: Date) {
  if (t.status === to) return;
  const reopening = to === 'open' || to === 'pending';
  await tx
    .update(tickets)
    .set({
      status: to,
      resolvedAt:
        to === 'resolved' || to === 'closed' ? (t.resolvedAt ?? at) : reopening ? null : t.resolvedAt,
      closedAt: to === 'closed' ? at : reopening ? null : t.closedAt,
      updatedAt: at,
    })
    .where(eq(tickets.id, t.id));
  await writeEvent(
    tx,
    t.id,
    actor,
    `Статус: ${t.status} → ${to}`,
    { type: 'status', from: t.status, to },
    at,
  );
  t.status = to;
}

/**
 * What follows an operator's reply outside this module: the person is told (mail, live update). Kept in one
 * place so the tickets module's notifier is wired in at merge.
 */
export async function afterOperatorReply(tx: Db, ticketId: string, messageId: string): Promise<void> {
  await notifyRequesterOfReply(tx, ticketId, messageId);
}

/** An operator's reply: the first one stops the first-response clock; the status follows the choice. */
export async function replyToTicket(
  tx: Db,
  actor: DeskActor,
  ticketId: string,
  input: Pick<ReplyInput, 'body' | 'status'>,
  at = new Date(),
): Promise<string> {
  const t = await lockTicket(tx, ticketId);
  assertWorkable(t);
  const id = uuidv7();
  await tx.insert(ticketMessages).values({
    id,
    ticketId,
    kind: 'reply',
    side: 'operator',
    authorId: actor.id,
    authorName: actor.name,
    body: input.body,
    createdAt: at,
  });
  if (!t.firstRespondedAt) {
    await tx.update(tickets).set({ firstRespondedAt: at }).where(eq(tickets.id, ticketId));
  }
  await touch(tx, ticketId, at);
  await setStatus(tx, t, input.status, actor, at);
  await afterOperatorReply(tx, ticketId, id);
  return id;
}

/** An internal note (staff only); the staff it mentions get an in-app notification. */
export async function addNote(
  tx: Db,
  actor: DeskActor,
  ticketId: string,
  input: { body: string; mentions: string[] },
  at = new Date(),
): Promise<string> {
  const t = await lockTicket(tx, ticketId);
  const mentions = (await resolveMentions(tx, input.body, input.mentions)).filter((m) => m !== actor.id);
  const id = uuidv7();
  await tx.insert(ticketMessages).values({
    id,
    ticketId,
    kind: 'note',
    side: 'operator',
    authorId: actor.id,
    authorName: actor.name,
    body: input.body,
    mentions,
    createdAt: at,
  });
  await touch(tx, ticketId, at, false);
  await notify(tx, {
    userIds: mentions,
    kind: 'support.mention',
    title: { ru: `Вас упомянули в ${t.number}`, en: `You were mentioned in ${t.number}` },
    body: {
      ru: `${actor.name}: ${input.body.slice(0, 200)}`,
      en: `${actor.name}: ${input.body.slice(0, 200)}`,
    },
    link: `/admin/support?ticket=${t.id}`,
    data: { ticketId: t.id, messageId: id },
  });
  return id;
}

/** Recomputes the SLA targets from the request's start for a new priority, for targets not yet met. */
async function slaFor(tx: Db, t: TicketRow, priority: TicketPriority) {
  const company = t.companyId ? await getCompany(tx, t.companyId) : null;
  const due = await slaDeadlines(tx, {
    priority,
    customerGroupId: company?.customerGroupId ?? null,
    start: t.createdAt,
  });
  return {
    slaPolicyId: due.policyId,
    ...(t.firstRespondedAt ? {} : { firstResponseDueAt: due.firstResponseDueAt }),
    ...(t.resolvedAt ? {} : { resolutionDueAt: due.resolutionDueAt }),
  };
}

/** Assignment, status, priority, queue and topic changes; each writes an event with who and what. */
export async function changeTicket(
  tx: Db,
  actor: DeskActor,
  ticketId: string,
  patch: TicketPatch,
  at = new Date(),
): Promise<void> {
  const t = await lockTicket(tx, ticketId);
  assertWorkable(t);
  if (patch.priority && patch.priority !== t.priority) {
    await tx
      .update(tickets)
      .set({ priority: patch.priority, ...(await slaFor(tx, t, patch.priority)), updatedAt: at })
      .where(eq(tickets.id, ticketId));
    await writeEvent(
      tx,
      ticketId,
      actor,
      `Приоритет: ${t.priority} → ${patch.priority}`,
      {
        type: 'priority',
        from: t.priority,
        to: patch.priority,
      },
      at,
    );
  }
  if (patch.assigneeId !== undefined) {
    const to = patch.assigneeId === 'me' ? actor.id : patch.assigneeId;
    if (to !== t.assigneeId) {
      if (to && to !== actor.id) await assertOperator(tx, to, 'body.assigneeId');
      await tx.update(tickets).set({ assigneeId: to, updatedAt: at }).where(eq(tickets.id, ticketId));
      const names = await namesOf(tx, [to]);
      const toName = to ? (to === actor.id ? actor.name : (names.get(to) ?? to)) : null;
      await writeEvent(
        tx,
        ticketId,
        actor,
        toName ? `Исполнитель: ${toName}` : 'Исполнитель снят',
        { type: 'assignee', from: t.assigneeId, to, toName },
        at,
      );
    }
  }
  if (patch.queueId !== undefined && patch.queueId !== t.queueId) {
    if (patch.queueId) {
      const [q] = await tx.select().from(supportQueues).where(eq(supportQueues.id, patch.queueId));
      if (!q)
        throw new AppError('VALIDATION_FAILED', 'No such queue', [
          { path: 'body.queueId', message: 'No such queue' },
        ]);
    }
    await tx.update(tickets).set({ queueId: patch.queueId, updatedAt: at }).where(eq(tickets.id, ticketId));
    await writeEvent(
      tx,
      ticketId,
      actor,
      'Очередь изменена',
      { type: 'queue', from: t.queueId, to: patch.queueId },
      at,
    );
  }
  if (patch.topicId !== undefined && patch.topicId !== t.topicId) {
    if (patch.topicId) {
      const [topic] = await tx.select().from(supportTopics).where(eq(supportTopics.id, patch.topicId));
      if (!topic)
        throw new AppError('VALIDATION_FAILED', 'No such topic', [
          { path: 'body.topicId', message: 'No such topic' },
        ]);
    }
    await tx.update(tickets).set({ topicId: patch.topicId, updatedAt: at }).where(eq(tickets.id, ticketId));
    await writeEvent(
      tx,
      ticketId,
      actor,
      'Тема изменена',
      { type: 'topic', from: t.topicId, to: patch.topicId },
      at,
    );
  }
  if (patch.status) await setStatus(tx, t, patch.status, actor, at);
}

/** Folds a duplicate into another request; both threads show on the target, the source takes no replies. */
export async function mergeTicket(
  tx: Db,
  actor: DeskActor,
  sourceId: string,
  intoId: string,
  at = new Date(),
): Promise<void> {
  if (sourceId === intoId) {
    throw new AppError('VALIDATION_FAILED', 'A request cannot be merged into itself', [
      { path: 'body.intoId', message: 'Pick another request' },
    ]);
  }
  // Lock in id order so two opposite merges cannot deadlock.
  const [first, second] = [sourceId, intoId].sort();
  const a = await lockTicket(tx, first as string);
  const b = await lockTicket(tx, second as string);
  const source = a.id === sourceId ? a : b;
  const target = a.id === sourceId ? b : a;
  if (source.status === 'merged') throw new AppError('CONFLICT', 'This request is already merged');
  if (target.status === 'merged' || target.status === 'closed') {
    throw new AppError('CONFLICT', `${target.number} is ${target.status}; pick an open request`);
  }
  await tx
    .update(tickets)
    .set({ status: 'merged', mergedIntoId: target.id, updatedAt: at })
    .where(eq(tickets.id, source.id));
  await writeEvent(
    tx,
    source.id,
    actor,
    `Объединено с ${target.number}`,
    {
      type: 'merged',
      from: source.status,
      into: { id: target.id, number: target.number },
    },
    at,
  );
  await writeEvent(
    tx,
    target.id,
    actor,
    `Объединено с ${source.number}`,
    {
      type: 'merged_from',
      source: { id: source.id, number: source.number },
    },
    at,
  );
  await touch(tx, target.id, at);
}
