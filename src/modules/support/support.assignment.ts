import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../server/core/db.js';
import { supportQueueMembers, supportQueues } from './support.tables.js';

/**
 * The operator who gets the queue's next request: the member after the previous one, in a stable order (by
 * user id), wrapping around. The queue row is locked for the rest of the caller's transaction, so two requests
 * filed at once take turns instead of landing on the same person. No members, an inactive queue or round-robin
 * switched off → null (the request waits unassigned). Call inside the transaction that creates the request.
 */
export async function assignRoundRobin(tx: Db, queueId: string | null): Promise<string | null> {
  if (!queueId) return null;
  const [queue] = await tx
    .select({
      last: supportQueues.lastAssigneeId,
      roundRobin: supportQueues.roundRobin,
      active: supportQueues.active,
    })
    .from(supportQueues)
    .where(eq(supportQueues.id, queueId))
    .for('update');
  if (!queue?.roundRobin || !queue.active) return null;
  const members = await tx
    .select({ userId: supportQueueMembers.userId })
    .from(supportQueueMembers)
    .where(eq(supportQueueMembers.queueId, queueId))
    .orderBy(asc(supportQueueMembers.userId));
  if (members.length === 0) return null;
  const ids = members.map((m) => m.userId);
  const next = ids.find((id) => queue.last !== null && id > queue.last) ?? (ids[0] as string);
  await tx.update(supportQueues).set({ lastAssigneeId: next }).where(eq(supportQueues.id, queueId));
  return next;
}
