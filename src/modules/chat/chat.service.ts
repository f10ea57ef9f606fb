import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { enqueueJob } from '../../server/core/jobs/queue.js';
import type { PubSub } from '../../server/core/pubsub.js';
import { membershipIn } from '../companies/companies.service.js';
import { companies, companyMembers } from '../companies/companies.tables.js';
import { users } from '../people/people.tables.js';
import { chatConversations, chatMessages, chatReads } from './chat.tables.js';

export type Side = 'staff' | 'customer';
export type Conversation = typeof chatConversations.$inferSelect;
type MessageRow = typeof chatMessages.$inferSelect;

/** The pub/sub channel of chat events; payloads carry ids only (docs/chat.md). */
export const chatChannel = 'kabinet_chat';
export type ChatEvent =
  | { t: 'message'; c: string; m: number }
  | { t: 'read'; c: string; u: string; side: Side; m: number }
  | { t: 'typing'; c: string; u: string; side: Side; name: string };

/** How long a message may stay unread before its recipients are told by e-mail and in-app. */
export const awayDelayMs = 2 * 60_000;
export const awayJobName = 'chat.away';

const other = (side: Side): Side => (side === 'staff' ? 'customer' : 'staff');

/** Opens (or returns) the open conversation of a company the person belongs to, or their personal one. */
export async function openConversation(
  db: Db,
  userId: string,
  orgId: string | undefined,
): Promise<Conversation> {
  if (orgId) {
    if (!(await membershipIn(db, orgId, userId))) throw new AppError('NOT_FOUND', 'No such company');
    const existing = await openOf(db, 'company', orgId);
    if (existing) return existing;
    const [company] = await db
      .select({ managerId: companies.managerId })
      .from(companies)
      .where(eq(companies.id, orgId));
    await db
      .insert(chatConversations)
      .values({ id: uuidv7(), kind: 'company', companyId: orgId, assignedTo: company?.managerId ?? null })
      .onConflictDoNothing();
    return (await openOf(db, 'company', orgId)) as Conversation;
  }
  const existing = await openOf(db, 'personal', userId);
  if (existing) return existing;
  await db
    .insert(chatConversations)
    .values({ id: uuidv7(), kind: 'personal', personId: userId })
    .onConflictDoNothing();
  return (await openOf(db, 'personal', userId)) as Conversation;
}

async function openOf(db: Db, kind: 'company' | 'personal', ownerId: string) {
  const [row] = await db
    .select()
    .from(chatConversations)
    .where(
      and(
        eq(chatConversations.kind, kind),
        kind === 'company'
          ? eq(chatConversations.companyId, ownerId)
          : eq(chatConversations.personId, ownerId),
        isNull(chatConversations.closedAt),
      ),
    );
  return row ?? null;
}

/** A conversation the person may see: their own, or their company's. Anything else is NOT_FOUND. */
export async function customerConversation(db: Db, userId: string, id: string): Promise<Conversation> {
  const [row] = await db.select().from(chatConversations).where(eq(chatConversations.id, id));
  if (row?.kind === 'personal' && row.personId === userId) return row;
  if (row?.kind === 'company' && row.companyId && (await membershipIn(db, row.companyId, userId))) return row;
  throw new AppError('NOT_FOUND', 'No such conversation');
}

/** Any conversation, for staff who answer chats. */
export async function staffConversation(db: Db, id: string): Promise<Conversation> {
  const [row] = await db.select().from(chatConversations).where(eq(chatConversations.id, id));
  if (!row) throw new AppError('NOT_FOUND', 'No such conversation');
  return row;
}

/** May this connected person see events of the conversation? (The socket hub asks per event.) */
export function canSee(
  conversation: Pick<Conversation, 'kind' | 'companyId' | 'personId'>,
  viewer: { userId: string; staff: boolean; companyIds: ReadonlySet<string> },
): Side | null {
  if (conversation.kind === 'personal' && conversation.personId === viewer.userId) return 'customer';
  if (
    conversation.kind === 'company' &&
    conversation.companyId &&
    viewer.companyIds.has(conversation.companyId)
  )
    return 'customer';
  return viewer.staff ? 'staff' : null;
}

/** The company ids a person belongs to (what their socket may hear about). */
export async function companyIdsOf(db: Db, userId: string): Promise<Set<string>> {
  const rows = await db
    .select({ id: companyMembers.companyId })
    .from(companyMembers)
    .where(eq(companyMembers.userId, userId));
  return new Set(rows.map((r) => r.id));
}

/** How far each side has read: the furthest read position among its people. */
export async function readPositions(db: Db, conversationId: string) {
  const rows = await db
    .select({ side: chatReads.side, m: sql<string>`max(${chatReads.lastReadId})` })
    .from(chatReads)
    .where(eq(chatReads.conversationId, conversationId))
    .groupBy(chatReads.side);
  const of = (side: Side) => Number(rows.find((r) => r.side === side)?.m ?? 0);
  return { customer: of('customer'), staff: of('staff') };
}

const unreadFor = (userId: string, side: Side) => sql<number>`(
  select count(*)::int from ${chatMessages} m
  where m.conversation_id = ${chatConversations.id} and m.side = ${other(side)}
    and m.id > coalesce((select r.last_read_id from ${chatReads} r
      where r.conversation_id = ${chatConversations.id} and r.user_id = ${userId}), 0))`;

const listColumns = (userId: string, side: Side) => ({
  id: chatConversations.id,
  kind: chatConversations.kind,
  companyId: chatConversations.companyId,
  companyName: companies.name,
  personId: chatConversations.personId,
  personName: users.name,
  assignedTo: chatConversations.assignedTo,
  lastMessageId: chatConversations.lastMessageId,
  lastMessageAt: chatConversations.lastMessageAt,
  unread: unreadFor(userId, side),
});

type ListRow = {
  id: string;
  kind: 'company' | 'personal';
  companyId: string | null;
  companyName: string | null;
  personId: string | null;
  personName: string | null;
  assignedTo: string | null;
  lastMessageId: number | null;
  lastMessageAt: Date | null;
  unread: number;
};

export function presentConversation(row: ListRow, lastText: string | null = null) {
  return {
    id: row.id,
    kind: row.kind,
    companyId: row.companyId,
    title: (row.kind === 'company' ? row.companyName : row.personName) ?? '',
    assignedTo: row.assignedTo,
    lastMessageId: row.lastMessageId,
    lastMessageAt: row.lastMessageAt ? row.lastMessageAt.toISOString() : null,
    lastText,
    unread: Number(row.unread),
  };
}

async function lastTexts(db: Db, ids: number[]) {
  if (ids.length === 0) return new Map<number, string>();
  const rows = await db
    .select({ id: chatMessages.id, body: chatMessages.body, name: chatMessages.attachmentName })
    .from(chatMessages)
    .where(inArray(chatMessages.id, ids));
  return new Map(rows.map((r) => [r.id, r.body || (r.name ? `📎 ${r.name}` : '')]));
}

async function presentList(db: Db, rows: ListRow[]) {
  const texts = await lastTexts(
    db,
    rows.map((r) => r.lastMessageId).filter((id): id is number => id !== null),
  );
  return rows.map((r) =>
    presentConversation(r, r.lastMessageId ? (texts.get(r.lastMessageId) ?? null) : null),
  );
}

/** The person's open conversations: their personal one and their companies'. */
export async function listCustomerConversations(db: Db, userId: string) {
  const mine = await companyIdsOf(db, userId);
  const rows = await db
    .select(listColumns(userId, 'customer'))
    .from(chatConversations)
    .leftJoin(companies, eq(companies.id, chatConversations.companyId))
    .leftJoin(users, eq(users.id, chatConversations.personId))
    .where(
      and(
        isNull(chatConversations.closedAt),
        or(
          and(eq(chatConversations.kind, 'personal'), eq(chatConversations.personId, userId)),
          mine.size > 0
            ? and(eq(chatConversations.kind, 'company'), inArray(chatConversations.companyId, [...mine]))
            : sql`false`,
        ),
      ),
    )
    .orderBy(sql`${chatConversations.lastMessageAt} desc nulls last`, desc(chatConversations.id));
  return presentList(db, rows);
}

/** The staff inbox: conversations assigned to me, the unassigned queue, or both. */
export async function listStaffConversations(db: Db, userId: string, filter: 'mine' | 'queue' | 'all') {
  const where =
    filter === 'mine'
      ? eq(chatConversations.assignedTo, userId)
      : filter === 'queue'
        ? isNull(chatConversations.assignedTo)
        : or(eq(chatConversations.assignedTo, userId), isNull(chatConversations.assignedTo));
  const rows = await db
    .select(listColumns(userId, 'staff'))
    .from(chatConversations)
    .leftJoin(companies, eq(companies.id, chatConversations.companyId))
    .leftJoin(users, eq(users.id, chatConversations.personId))
    .where(and(isNull(chatConversations.closedAt), where))
    .orderBy(sql`${chatConversations.lastMessageAt} desc nulls last`, desc(chatConversations.id))
    .limit(200);
  return presentList(db, rows);
}

/** One conversation as its list row, for the thread header. */
export async function conversationSummary(db: Db, id: string, userId: string, side: Side) {
  const [row] = await db
    .select(listColumns(userId, side))
    .from(chatConversations)
    .leftJoin(companies, eq(companies.id, chatConversations.companyId))
    .leftJoin(users, eq(users.id, chatConversations.personId))
    .where(eq(chatConversations.id, id));
  if (!row) throw new AppError('NOT_FOUND', 'No such conversation');
  const [presented] = await presentList(db, [row]);
  return { ...(presented as ReturnType<typeof presentConversation>), read: await readPositions(db, id) };
}

export function presentMessage(row: MessageRow, authorName: string | null, fileUrl: (id: number) => string) {
  return {
    id: row.id,
    conversationId: row.conversationId,
    side: row.side,
    authorId: row.authorId,
    authorName: authorName ?? '',
    text: row.body,
    attachment: row.attachmentKey
      ? {
          name: row.attachmentName ?? 'file',
          type: row.attachmentType ?? 'application/octet-stream',
          size: row.attachmentSize ?? 0,
          url: fileUrl(row.id),
        }
      : null,
    createdAt: row.createdAt.toISOString(),
  };
}
export type PresentedMessage = ReturnType<typeof presentMessage>;

const withAuthor = (db: Db) =>
  db
    .select({ m: chatMessages, name: users.name })
    .from(chatMessages)
    .leftJoin(users, eq(users.id, chatMessages.authorId));

/**
 * A page of messages, oldest first: the newest `limit` (or those before `before`), or those after `after`
 * (the catch-up after a reconnect).
 */
export async function listMessages(
  db: Db,
  conversationId: string,
  q: { before?: number | undefined; after?: number | undefined; limit: number },
  fileUrl: (id: number) => string,
) {
  const conditions = [eq(chatMessages.conversationId, conversationId)];
  if (q.before !== undefined) conditions.push(lt(chatMessages.id, q.before));
  if (q.after !== undefined) conditions.push(gt(chatMessages.id, q.after));
  const rows = await withAuthor(db)
    .where(and(...conditions))
    .orderBy(q.after !== undefined ? asc(chatMessages.id) : desc(chatMessages.id))
    .limit(q.limit + 1);
  const hasMore = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  if (q.after === undefined) page.reverse();
  return { items: page.map((r) => presentMessage(r.m, r.name, fileUrl)), hasMore };
}

/** One message of a conversation with its author's name, or null. */
export async function messageById(db: Db, id: number) {
  const [row] = await withAuthor(db).where(eq(chatMessages.id, id));
  return row ?? null;
}

export interface NewMessage {
  text: string;
  file?: { storageKey: string; name: string; type: string; size: number } | undefined;
}

/**
 * Adds a message, moves the author's read position to it, starts the away notification of the other side
 * for this burst (one pending job per side), and publishes the event; call inside a transaction so the
 * NOTIFY and the job exist only if the message does.
 */
export async function sendMessage(
  tx: Db,
  pubsub: PubSub,
  conversation: Conversation,
  author: { id: string; side: Side },
  input: NewMessage,
): Promise<number> {
  const [row] = await tx
    .insert(chatMessages)
    .values({
      conversationId: conversation.id,
      authorId: author.id,
      side: author.side,
      body: input.text,
      attachmentKey: input.file?.storageKey ?? null,
      attachmentName: input.file?.name ?? null,
      attachmentType: input.file?.type ?? null,
      attachmentSize: input.file?.size ?? null,
    })
    .returning();
  const message = row as MessageRow;
  const recipient = other(author.side);
  await tx
    .update(chatConversations)
    .set({ lastMessageId: message.id, lastMessageAt: message.createdAt })
    .where(eq(chatConversations.id, conversation.id));
  // The first unanswered message of a burst sets the side's alert and schedules its one notification.
  const alert = recipient === 'staff' ? chatConversations.staffAlertAt : chatConversations.customerAlertAt;
  const started = await tx
    .update(chatConversations)
    .set(recipient === 'staff' ? { staffAlertAt: sql`now()` } : { customerAlertAt: sql`now()` })
    .where(and(eq(chatConversations.id, conversation.id), isNull(alert)))
    .returning({ id: chatConversations.id });
  if (started.length > 0) {
    await enqueueJob(
      tx,
      awayJobName,
      { conversationId: conversation.id, side: recipient },
      {
        runAt: new Date(Date.now() + awayDelayMs),
        singletonKey: `${conversation.id}:${recipient}:${message.id}`,
      },
    );
  }
  await upsertRead(tx, conversation.id, author.id, author.side, message.id);
  await pubsub.publish(tx, chatChannel, {
    t: 'message',
    c: conversation.id,
    m: message.id,
  } satisfies ChatEvent);
  return message.id;
}

async function upsertRead(db: Db, conversationId: string, userId: string, side: Side, messageId: number) {
  await db
    .insert(chatReads)
    .values({ conversationId, userId, side, lastReadId: messageId })
    .onConflictDoUpdate({
      target: [chatReads.conversationId, chatReads.userId],
      set: {
        lastReadId: sql`greatest(${chatReads.lastReadId}, excluded.last_read_id)`,
        side,
        updatedAt: sql`now()`,
      },
    });
}

/** Moves the person's read position forward (never back) and tells the other side. */
export async function markConversationRead(
  db: Db,
  pubsub: PubSub,
  conversation: Conversation,
  reader: { id: string; side: Side },
  messageId: number,
): Promise<number> {
  const [last] = await db
    .select({ id: chatMessages.id })
    .from(chatMessages)
    .where(and(eq(chatMessages.conversationId, conversation.id), sql`${chatMessages.id} <= ${messageId}`))
    .orderBy(desc(chatMessages.id))
    .limit(1);
  if (!last) throw new AppError('NOT_FOUND', 'No such message in this conversation');
  await upsertRead(db, conversation.id, reader.id, reader.side, last.id);
  await pubsub.publish(db, chatChannel, {
    t: 'read',
    c: conversation.id,
    u: reader.id,
    side: reader.side,
    m: last.id,
  } satisfies ChatEvent);
  return last.id;
}

/** Staff takes a conversation (from the queue, or from a colleague). */
export async function assignConversation(db: Db, id: string, staffId: string | null) {
  const [row] = await db
    .update(chatConversations)
    .set({ assignedTo: staffId })
    .where(eq(chatConversations.id, id))
    .returning({ id: chatConversations.id });
  if (!row) throw new AppError('NOT_FOUND', 'No such conversation');
}
