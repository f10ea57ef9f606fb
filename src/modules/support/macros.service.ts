import { asc, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { fillPlaceholders, placeholderValues } from './canned.service.js';
import { addNote, changeTicket, lockTicket, replyToTicket } from './desk.service.js';
import type { DeskActor } from './desk.staff.js';
import { type SupportMacroActions, supportMacros } from './support.tables.js';

type MacroRow = typeof supportMacros.$inferSelect;

export function presentMacro(r: MacroRow) {
  return { id: r.id, name: r.name, actions: r.actions, updatedAt: r.updatedAt.toISOString() };
}

export async function listMacros(db: Db) {
  const rows = await db.select().from(supportMacros).orderBy(asc(supportMacros.name));
  return rows.map(presentMacro);
}

export async function macroOf(db: Db, id: string): Promise<MacroRow> {
  const [row] = await db.select().from(supportMacros).where(eq(supportMacros.id, id));
  if (!row) throw new AppError('NOT_FOUND', 'No such macro');
  return row;
}

export async function createMacro(
  db: Db,
  actor: DeskActor,
  input: { name: string; actions: SupportMacroActions },
): Promise<string> {
  const id = uuidv7();
  await db.insert(supportMacros).values({ id, ...input, createdBy: actor.id });
  return id;
}

export async function updateMacro(
  db: Db,
  id: string,
  input: { name?: string; actions?: SupportMacroActions },
): Promise<void> {
  await macroOf(db, id);
  await db
    .update(supportMacros)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(supportMacros.id, id));
}

export async function deleteMacro(db: Db, id: string): Promise<void> {
  await macroOf(db, id);
  await db.delete(supportMacros).where(eq(supportMacros.id, id));
}

/**
 * Runs a macro on a request in the caller's transaction: priority, assignee, queue, then the reply (which
 * leaves the macro's status, or `pending`), the note, and the status when there was no reply. Every step
 * writes its own event, and a failing step rolls back the whole macro.
 */
export async function applyMacro(tx: Db, actor: DeskActor, ticketId: string, macroId: string): Promise<void> {
  const macro = await macroOf(tx, macroId);
  await lockTicket(tx, ticketId);
  const a = macro.actions;
  if (a.priority || a.assignee || a.queueId) {
    await changeTicket(tx, actor, ticketId, {
      ...(a.priority ? { priority: a.priority } : {}),
      ...(a.assignee ? { assigneeId: a.assignee } : {}),
      ...(a.queueId ? { queueId: a.queueId } : {}),
    });
  }
  const status =
    a.status === 'open' || a.status === 'pending' || a.status === 'resolved' || a.status === 'closed'
      ? a.status
      : undefined;
  if (a.reply) {
    const body = fillPlaceholders(a.reply, await placeholderValues(tx, ticketId, actor));
    await replyToTicket(tx, actor, ticketId, { body, status: status ?? 'pending' });
  }
  if (a.note) await addNote(tx, actor, ticketId, { body: a.note, mentions: [] });
  if (status && !a.reply) await changeTicket(tx, actor, ticketId, { status });
}
