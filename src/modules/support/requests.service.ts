import {
  and,
  arrayOverlaps,
  asc,
  desc,
  eq,
  ilike,
  inArray,
  isNull,
  lt,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { decodeCursor, toPage } from '../../server/core/pagination.js';
import type { FileStorage } from '../../server/core/storage.js';
import type { TicketAudience, TicketContext, TicketStatus } from '../../shared/support.js';
import { getCompany } from '../companies/companies.service.js';
import { orderInScope, type UploadedFile } from '../orders/index.js';
import { employeeRecordOf } from '../people/people.service.js';
import { slaDeadlines } from '../sla/sla.service.js';
import type { NewTicketData, ReplyData, TicketDetail, TicketListQuery } from './requests.schema.js';
import { assignRoundRobin } from './support.assignment.js';
import { attachmentsOf, storeTicketFiles } from './support.files.js';
import { publishTicketCreated } from './support.mail.js';
import { nextTicketNumber } from './support.numbers.js';
import { supportTopics, ticketMessages, tickets } from './support.tables.js';

/**
 * Whose requests a route works with: the person's own (personal cabinet, never a company's) or a company's
 * (every member sees all of them). Another scope's request is NOT_FOUND, whatever its id.
 */
export type RequestScope =
  | { kind: 'me'; personId: string }
  | { kind: 'org'; companyId: string; personId: string };

/** Who acts: the signed-in person (their language decides topic names and the request's locale). */
export interface Requester {
  id: string;
  name: string;
  locale?: string | undefined;
}

type TicketRow = typeof tickets.$inferSelect;
type Locale = 'ru' | 'en';
const localeOf = (l: string | undefined | null): Locale => (l === 'en' ? 'en' : 'ru');

/** A `resolved` request closes by itself after this many days without a reply from the person. */
export const autoCloseAfterDays = 5;

/** Statuses the person counts as still open (they may still reply); the rest are finished. */
const finishedStatuses: TicketStatus[] = ['closed', 'merged'];

function scopeWhere(scope: RequestScope): SQL {
  return scope.kind === 'me'
    ? (and(isNull(tickets.companyId), eq(tickets.requesterId, scope.personId)) as SQL)
    : eq(tickets.companyId, scope.companyId);
}

/** Who the person asks as in this scope, in order of preference for a topic that fits several. */
export async function audiencesOf(db: Db, scope: RequestScope): Promise<TicketAudience[]> {
  if (scope.kind === 'me') {
    return (await employeeRecordOf(db, scope.personId)) ? ['customer', 'employee'] : ['customer'];
  }
  const company = await getCompany(db, scope.companyId);
  return company?.kinds.includes('supplier') ? ['supplier', 'company'] : ['company'];
}

/** Topics the person may pick in this scope, in the display order. */
export async function topicsFor(db: Db, scope: RequestScope, locale: Locale) {
  const audiences = await audiencesOf(db, scope);
  const rows = await db
    .select()
    .from(supportTopics)
    .where(and(eq(supportTopics.active, true), arrayOverlaps(supportTopics.audiences, audiences)))
    .orderBy(asc(supportTopics.sort), asc(supportTopics.key));
  return {
    items: rows.map((t) => ({
      id: t.id,
      key: t.key,
      name: locale === 'en' ? t.nameEn : t.nameRu,
      defaultPriority: t.defaultPriority,
    })),
  };
}

/** The request in the scope, optionally locked for the rest of the transaction; else NOT_FOUND. */
export async function ticketInScope(
  db: Db,
  scope: RequestScope,
  id: string,
  lock = false,
): Promise<TicketRow> {
  const query = db
    .select()
    .from(tickets)
    .where(and(eq(tickets.id, id), scopeWhere(scope)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new AppError('NOT_FOUND', 'Request not found');
  return row;
}

/** What the person was looking at; an order must be one they (or their company) placed. */
async function checkedContext(
  db: Db,
  scope: RequestScope,
  context: NewTicketData['context'],
): Promise<TicketContext | null> {
  if (!context) return null;
  const clean: TicketContext = { kind: context.kind, label: context.label };
  if (context.path) clean.path = context.path;
  if (context.kind === 'order') {
    const order = context.id
      ? await orderInScope(
          db,
          scope.kind === 'me'
            ? { kind: 'me', personId: scope.personId }
            : { kind: 'org', companyId: scope.companyId },
          context.id,
        ).catch(() => null)
      : null;
    if (!order) {
      throw new AppError('VALIDATION_FAILED', 'The order in the context is not one of yours', [
        { path: 'data.context.id', message: 'Choose one of your own orders' },
      ]);
    }
    // The label shown to the operator is the order's real number, not what the browser sent.
    return { ...clean, id: order.id, label: order.number };
  }
  if (context.id) clean.id = context.id;
  return clean;
}

async function addEvent(
  tx: Db,
  ticketId: string,
  body: string,
  data: Record<string, unknown>,
  author?: Requester,
): Promise<void> {
  await tx.insert(ticketMessages).values({
    id: uuidv7(),
    ticketId,
    kind: 'event',
    side: author ? 'requester' : 'system',
    authorId: author?.id ?? null,
    authorName: author?.name ?? 'Kabinet',
    body,
    data,
  });
}

/**
 * Files a request in one transaction: number, the topic's queue and default priority, SLA deadlines (by the
 * company's customer group), the next operator of the queue, the first message with its files, and the outbox
 * event that notifies the assignee after the commit. Returns the new request's id.
 */
export async function createTicket(
  tx: Db,
  storage: FileStorage,
  actor: Requester,
  scope: RequestScope,
  data: NewTicketData,
  files: UploadedFile[],
): Promise<string> {
  const audiences = await audiencesOf(tx, scope);
  const [topic] = await tx
    .select()
    .from(supportTopics)
    .where(and(eq(supportTopics.id, data.topicId), eq(supportTopics.active, true)));
  const audience = audiences.find((a) => topic?.audiences.includes(a));
  if (!topic || !audience) {
    throw new AppError('VALIDATION_FAILED', 'Choose one of the offered topics', [
      { path: 'data.topicId', message: 'No such topic here' },
    ]);
  }
  const context = await checkedContext(tx, scope, data.context);
  const priority = data.priority ?? topic.defaultPriority;
  const company = scope.kind === 'org' ? await getCompany(tx, scope.companyId) : null;
  const now = new Date();
  const sla = await slaDeadlines(tx, {
    priority,
    customerGroupId: company?.customerGroupId ?? null,
    start: now,
  });
  const id = uuidv7();
  const assigneeId = await assignRoundRobin(tx, topic.queueId);
  await tx.insert(tickets).values({
    id,
    number: await nextTicketNumber(tx, now),
    subject: data.subject,
    status: 'new',
    priority,
    audience,
    requesterId: actor.id,
    requesterName: actor.name,
    companyId: scope.kind === 'org' ? scope.companyId : null,
    topicId: topic.id,
    queueId: topic.queueId,
    assigneeId,
    context,
    locale: localeOf(actor.locale),
    slaPolicyId: sla.policyId,
    firstResponseDueAt: sla.firstResponseDueAt,
    resolutionDueAt: sla.resolutionDueAt,
    lastMessageAt: now,
    createdAt: now,
    updatedAt: now,
  });
  const messageId = uuidv7();
  await tx.insert(ticketMessages).values({
    id: messageId,
    ticketId: id,
    kind: 'reply',
    side: 'requester',
    authorId: actor.id,
    authorName: actor.name,
    body: data.body,
    createdAt: now,
  });
  await storeTicketFiles(tx, storage, { ticketId: id, messageId }, files);
  await publishTicketCreated(tx, id);
  return id;
}

/**
 * The person's reply. A request merged into another takes the reply on the one it was merged into (when the
 * person sees it); a reply to a `pending` or `resolved` request puts it back to `open`; a closed one takes no
 * replies. Returns the id of the request that got the reply.
 */
export async function replyToTicket(
  tx: Db,
  storage: FileStorage,
  actor: Requester,
  scope: RequestScope,
  id: string,
  data: ReplyData,
  files: UploadedFile[],
): Promise<string> {
  let ticket = await ticketInScope(tx, scope, id, true);
  for (let hops = 0; ticket.status === 'merged' && hops < 5; hops++) {
    const target = ticket.mergedIntoId
      ? await ticketInScope(tx, scope, ticket.mergedIntoId, true).catch(() => null)
      : null;
    if (!target) {
      throw new AppError('CONFLICT', 'The request was merged into another one; open a new request');
    }
    ticket = target;
  }
  if (ticket.status === 'closed' || ticket.status === 'merged') {
    throw new AppError('CONFLICT', 'The request is closed; open a new one');
  }
  const now = new Date();
  const messageId = uuidv7();
  await tx.insert(ticketMessages).values({
    id: messageId,
    ticketId: ticket.id,
    kind: 'reply',
    side: 'requester',
    authorId: actor.id,
    authorName: actor.name,
    body: data.body,
    createdAt: now,
  });
  await storeTicketFiles(tx, storage, { ticketId: ticket.id, messageId }, files);
  const reopen = ticket.status === 'pending' || ticket.status === 'resolved';
  if (reopen) {
    await addEvent(tx, ticket.id, `Status: ${ticket.status} → open`, { status: [ticket.status, 'open'] });
  }
  await tx
    .update(tickets)
    .set({
      lastMessageAt: now,
      updatedAt: now,
      ...(reopen ? { status: 'open' as const, resolvedAt: null } : {}),
    })
    .where(eq(tickets.id, ticket.id));
  return ticket.id;
}

/** The person closes their request (from any state but closed or merged). */
export async function closeTicket(tx: Db, actor: Requester, scope: RequestScope, id: string): Promise<void> {
  const ticket = await ticketInScope(tx, scope, id, true);
  if (ticket.status === 'closed' || ticket.status === 'merged') {
    throw new AppError('CONFLICT', 'The request is already closed');
  }
  const now = new Date();
  await addEvent(tx, ticket.id, `Closed by ${actor.name}`, { status: [ticket.status, 'closed'] }, actor);
  await tx
    .update(tickets)
    .set({ status: 'closed', closedAt: now, updatedAt: now, lastMessageAt: now })
    .where(eq(tickets.id, ticket.id));
}

/** Customer satisfaction, once per request, after it is resolved or closed. */
export async function rateTicket(
  tx: Db,
  scope: RequestScope,
  id: string,
  input: { rating: number; comment?: string | undefined },
): Promise<void> {
  const ticket = await ticketInScope(tx, scope, id, true);
  if (ticket.status !== 'resolved' && ticket.status !== 'closed') {
    throw new AppError('CONFLICT', 'A request can be rated once it is resolved or closed');
  }
  if (ticket.ratedAt) throw new AppError('CONFLICT', 'The request is already rated');
  await tx
    .update(tickets)
    .set({ csatRating: input.rating, csatComment: input.comment || null, ratedAt: new Date() })
    .where(eq(tickets.id, ticket.id));
}

/**
 * Closes requests that stayed `resolved` longer than `days` (the person did not object), writing an event in
 * each thread. Returns how many it closed.
 */
export async function autoCloseResolved(
  db: Db,
  now = new Date(),
  days = autoCloseAfterDays,
): Promise<number> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  return db.transaction(async (tx) => {
    const closed = await tx
      .update(tickets)
      .set({ status: 'closed', closedAt: now, updatedAt: now })
      .where(and(eq(tickets.status, 'resolved'), lt(tickets.resolvedAt, cutoff)))
      .returning({ id: tickets.id });
    for (const t of closed) {
      await addEvent(tx, t.id, `Closed automatically after ${days} days without a reply`, {
        status: ['resolved', 'closed'],
        auto: true,
      });
    }
    return closed.length;
  });
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function topicNames(db: Db, ids: (string | null)[], locale: Locale) {
  const unique = [...new Set(ids.filter((i): i is string => i !== null))];
  if (unique.length === 0) return new Map<string, string>();
  const rows = await db.select().from(supportTopics).where(inArray(supportTopics.id, unique));
  return new Map(rows.map((t) => [t.id, locale === 'en' ? t.nameEn : t.nameRu]));
}

/** A request as the person sees it in the list, field by field (nothing of the desk's: assignee, queue, notes). */
function presentSummary(t: TicketRow, topics: Map<string, string>) {
  return {
    id: t.id,
    number: t.number,
    subject: t.subject,
    status: t.status,
    priority: t.priority,
    audience: t.audience,
    topic:
      t.topicId && topics.has(t.topicId) ? { id: t.topicId, name: topics.get(t.topicId) as string } : null,
    requesterName: t.requesterName,
    context: t.context ?? null,
    firstResponseDueAt: iso(t.firstResponseDueAt),
    resolutionDueAt: iso(t.resolutionDueAt),
    firstRespondedAt: iso(t.firstRespondedAt),
    lastMessageAt: t.lastMessageAt.toISOString(),
    createdAt: t.createdAt.toISOString(),
  };
}

const cursorShape = z.tuple([z.iso.datetime(), z.uuid()]);
/** `%` and `_` typed by a person are literal characters, not patterns. */
const literal = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The scope's requests, latest activity first, keyset pages on (last_message_at, id). */
export async function listTickets(db: Db, scope: RequestScope, q: TicketListQuery, locale: Locale) {
  const where: SQL[] = [scopeWhere(scope)];
  if (q.status === 'closed') where.push(inArray(tickets.status, finishedStatuses));
  if (q.status === 'open') where.push(sql`${tickets.status} not in ('closed', 'merged')`);
  if (q.q) {
    const like = `%${literal(q.q)}%`;
    where.push(or(ilike(tickets.number, like), ilike(tickets.subject, like)) as SQL);
  }
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, cursorShape);
    where.push(sql`(${tickets.lastMessageAt}, ${tickets.id}) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await db
    .select()
    .from(tickets)
    .where(and(...where))
    .orderBy(desc(tickets.lastMessageAt), desc(tickets.id))
    .limit(q.limit + 1);
  const topics = await topicNames(
    db,
    rows.map((r) => r.topicId),
    locale,
  );
  return toPage(
    rows,
    q.limit,
    (r) => presentSummary(r, topics),
    (r) => [r.lastMessageAt.toISOString(), r.id],
  );
}

/** Ids of the thread messages the person may see: replies and events, never internal notes. */
async function visibleMessages(db: Db, ticketId: string) {
  return db
    .select()
    .from(ticketMessages)
    .where(and(eq(ticketMessages.ticketId, ticketId), inArray(ticketMessages.kind, ['reply', 'event'])))
    .orderBy(asc(ticketMessages.id));
}

/** Ids of the messages whose files the person may download. */
export async function visibleMessageIds(db: Db, ticketId: string): Promise<string[]> {
  return (await visibleMessages(db, ticketId)).map((m) => m.id);
}

/** The request page: summary, what the person may do, and the thread without internal notes. */
export async function ticketDetail(
  db: Db,
  scope: RequestScope,
  id: string,
  viewer: Requester,
  attachmentUrl: (ticketId: string, attachmentId: string) => string,
): Promise<TicketDetail> {
  const ticket = await ticketInScope(db, scope, id);
  const locale = localeOf(viewer.locale);
  const [messages, topics] = await Promise.all([
    visibleMessages(db, ticket.id),
    topicNames(db, [ticket.topicId], locale),
  ]);
  const files = await attachmentsOf(
    db,
    messages.map((m) => m.id),
  );
  const target =
    ticket.status === 'merged' && ticket.mergedIntoId
      ? await ticketInScope(db, scope, ticket.mergedIntoId).catch(() => null)
      : null;
  const finished = ticket.status === 'closed' || ticket.status === 'merged';
  return {
    ...presentSummary(ticket, topics),
    resolvedAt: iso(ticket.resolvedAt),
    closedAt: iso(ticket.closedAt),
    mergedInto: target ? { id: target.id, number: target.number } : null,
    rating:
      ticket.csatRating !== null && ticket.ratedAt
        ? { rating: ticket.csatRating, comment: ticket.csatComment, ratedAt: ticket.ratedAt.toISOString() }
        : null,
    can: {
      reply: !finished || (ticket.status === 'merged' && target !== null && target.status !== 'closed'),
      close: !finished,
      rate: (ticket.status === 'resolved' || ticket.status === 'closed') && ticket.ratedAt === null,
    },
    messages: messages.map((m) => ({
      id: m.id,
      kind: m.kind as 'reply' | 'event',
      side: m.side,
      authorName: m.authorName,
      mine: m.side === 'requester' && m.authorId === viewer.id,
      body: m.body,
      data: m.data ?? null,
      attachments: (files.get(m.id) ?? []).map((a) => ({
        id: a.id,
        fileName: a.fileName,
        contentType: a.contentType,
        size: a.size,
        url: attachmentUrl(ticket.id, a.id),
      })),
      createdAt: m.createdAt.toISOString(),
    })),
  };
}

/** A request in a staff summary of a person or a company (the customer-360 view). */
export interface TicketOverview {
  id: string;
  number: string;
  subject: string;
  status: TicketStatus;
  priority: TicketRow['priority'];
  companyId: string | null;
  requesterId: string;
  requesterName: string;
  assigneeId: string | null;
  csatRating: number | null;
  createdAt: string;
  lastMessageAt: string;
}

const overview = (t: TicketRow): TicketOverview => ({
  id: t.id,
  number: t.number,
  subject: t.subject,
  status: t.status,
  priority: t.priority,
  companyId: t.companyId,
  requesterId: t.requesterId,
  requesterName: t.requesterName,
  assigneeId: t.assigneeId,
  csatRating: t.csatRating,
  createdAt: t.createdAt.toISOString(),
  lastMessageAt: t.lastMessageAt.toISOString(),
});

/** Every request a person filed (personal and for any company), latest activity first. Staff use only. */
export async function ticketsOfPerson(db: Db, personId: string, limit = 20): Promise<TicketOverview[]> {
  const rows = await db
    .select()
    .from(tickets)
    .where(eq(tickets.requesterId, personId))
    .orderBy(desc(tickets.lastMessageAt), desc(tickets.id))
    .limit(limit);
  return rows.map(overview);
}

/** Every request filed for a company, latest activity first. Staff use only. */
export async function ticketsOfCompany(db: Db, companyId: string, limit = 20): Promise<TicketOverview[]> {
  const rows = await db
    .select()
    .from(tickets)
    .where(eq(tickets.companyId, companyId))
    .orderBy(desc(tickets.lastMessageAt), desc(tickets.id))
    .limit(limit);
  return rows.map(overview);
}
