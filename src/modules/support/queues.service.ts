import { asc, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import type { TicketAudience, TicketPriority } from '../../shared/support.js';
import { peopleByIds } from '../people/people.service.js';
import { assertOperator } from './desk.staff.js';
import { supportQueueMembers, supportQueues, supportTopics } from './support.tables.js';

/** Queues with their members (for the sidebar and the settings page). */
export async function listQueues(db: Db) {
  const queues = await db
    .select()
    .from(supportQueues)
    .orderBy(asc(supportQueues.createdAt), asc(supportQueues.key));
  const members = await db.select().from(supportQueueMembers);
  const names = await peopleByIds(db, [...new Set(members.map((m) => m.userId))]);
  return queues.map((q) => ({
    id: q.id,
    key: q.key,
    nameRu: q.nameRu,
    nameEn: q.nameEn,
    roundRobin: q.roundRobin,
    active: q.active,
    members: members
      .filter((m) => m.queueId === q.id)
      .map((m) => ({ id: m.userId, name: names.get(m.userId)?.name ?? m.userId })),
  }));
}

async function queueOf(db: Db, id: string) {
  const [row] = await db.select().from(supportQueues).where(eq(supportQueues.id, id));
  if (!row) throw new AppError('NOT_FOUND', 'No such queue');
  return row;
}

async function assertFreeKey(db: Db, table: typeof supportQueues | typeof supportTopics, key: string) {
  const [taken] = await db.select({ id: table.id }).from(table).where(eq(table.key, key));
  if (taken) {
    throw new AppError('CONFLICT', `The key ${key} is taken`, [
      { path: 'body.key', message: 'Already used' },
    ]);
  }
}

export async function createQueue(
  db: Db,
  input: { key: string; nameRu: string; nameEn: string; roundRobin: boolean; active: boolean },
): Promise<string> {
  await assertFreeKey(db, supportQueues, input.key);
  const id = uuidv7();
  await db.insert(supportQueues).values({ id, ...input });
  return id;
}

export async function updateQueue(
  db: Db,
  id: string,
  input: Partial<{ nameRu: string; nameEn: string; roundRobin: boolean; active: boolean }>,
): Promise<void> {
  await queueOf(db, id);
  if (Object.keys(input).length > 0)
    await db.update(supportQueues).set(input).where(eq(supportQueues.id, id));
}

/** Replaces a queue's members; each must be able to work requests. */
export async function setQueueMembers(db: Db, id: string, userIds: string[]): Promise<void> {
  await queueOf(db, id);
  const unique = [...new Set(userIds)];
  for (const userId of unique) await assertOperator(db, userId, 'body.userIds');
  await db.delete(supportQueueMembers).where(eq(supportQueueMembers.queueId, id));
  if (unique.length > 0) {
    await db.insert(supportQueueMembers).values(unique.map((userId) => ({ queueId: id, userId })));
  }
}

export async function listTopics(db: Db) {
  const rows = await db.select().from(supportTopics).orderBy(asc(supportTopics.sort), asc(supportTopics.key));
  return rows.map((t) => ({
    id: t.id,
    key: t.key,
    nameRu: t.nameRu,
    nameEn: t.nameEn,
    audiences: t.audiences,
    queueId: t.queueId,
    defaultPriority: t.defaultPriority,
    sort: t.sort,
    active: t.active,
  }));
}

interface TopicInput {
  nameRu: string;
  nameEn: string;
  audiences: TicketAudience[];
  queueId: string | null;
  defaultPriority: TicketPriority;
  sort: number;
  active: boolean;
}

async function assertQueue(db: Db, queueId: string | null | undefined) {
  if (!queueId) return;
  const [q] = await db
    .select({ id: supportQueues.id })
    .from(supportQueues)
    .where(eq(supportQueues.id, queueId));
  if (!q)
    throw new AppError('VALIDATION_FAILED', 'No such queue', [
      { path: 'body.queueId', message: 'No such queue' },
    ]);
}

export async function createTopic(db: Db, input: TopicInput & { key: string }): Promise<string> {
  await assertFreeKey(db, supportTopics, input.key);
  await assertQueue(db, input.queueId);
  const id = uuidv7();
  await db.insert(supportTopics).values({ id, ...input });
  return id;
}

export async function updateTopic(db: Db, id: string, input: Partial<TopicInput>): Promise<void> {
  const [row] = await db.select({ id: supportTopics.id }).from(supportTopics).where(eq(supportTopics.id, id));
  if (!row) throw new AppError('NOT_FOUND', 'No such topic');
  await assertQueue(db, input.queueId);
  if (Object.keys(input).length > 0)
    await db.update(supportTopics).set(input).where(eq(supportTopics.id, id));
}
