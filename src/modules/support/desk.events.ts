import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import type { DeskActor } from './desk.staff.js';
import { ticketMessages, tickets } from './support.tables.js';

export type TicketRow = typeof tickets.$inferSelect;

/** What an event records: its type and the change, e.g. `{ type: 'status', from: 'new', to: 'open' }`. */
export interface EventData {
  type: string;
  [key: string]: unknown;
}

/** Writes a system event to the thread: who did what and when (the web shows it from `data`). */
export async function writeEvent(
  tx: Db,
  ticketId: string,
  actor: DeskActor | null,
  body: string,
  data: EventData,
  at = new Date(),
): Promise<string> {
  const id = uuidv7();
  await tx.insert(ticketMessages).values({
    id,
    ticketId,
    kind: 'event',
    side: 'system',
    authorId: actor?.id ?? null,
    authorName: actor?.name ?? 'Kabinet',
    body,
    data,
    createdAt: at,
  });
  return id;
}

/** Marks the request as touched (the list sorts by last activity). */
export async function touch(tx: Db, ticketId: string, at = new Date(), activity = true): Promise<void> {
  await tx
    .update(tickets)
    .set(activity ? { updatedAt: at, lastMessageAt: at } : { updatedAt: at })
    .where(eq(tickets.id, ticketId));
}
