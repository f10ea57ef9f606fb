import { and, desc, eq, gte, ilike, lt, or, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import { decodeCursor, toPage } from '../../server/core/pagination.js';
import { auditLog } from './audit.tables.js';

export interface AuditEntry {
  action: string;
  subject?: string | null;
  actorId?: string | null;
  actorKind?: 'person' | 'operator' | 'anonymous' | 'system';
  details?: Record<string, unknown>;
}

/** Records an action with the request's actor, IP and user agent. Pass the transaction of the change. */
export async function recordAudit(db: Db, request: FastifyRequest | null, entry: AuditEntry): Promise<void> {
  const actor = request?.actor;
  await db.insert(auditLog).values({
    id: uuidv7(),
    action: entry.action,
    subject: entry.subject ?? null,
    actorId: entry.actorId ?? actor?.id ?? null,
    actorKind: entry.actorKind ?? actor?.kind ?? (request ? 'anonymous' : 'system'),
    ip: request?.ip ?? null,
    userAgent: request?.headers['user-agent']?.slice(0, 500) ?? null,
    // Whatever support does while signed in as someone stays traceable to the staff member.
    details: actor?.impersonatedBy
      ? { ...entry.details, impersonatedBy: actor.impersonatedBy }
      : (entry.details ?? {}),
  });
}

const idCursor = z.tuple([z.uuid()]);

export interface AuditQuery {
  limit: number;
  cursor?: string | undefined;
  /** An action, or a prefix ending in `.` (`people.` finds every people action). */
  action?: string | undefined;
  actorId?: string | undefined;
  /** The subject: an e-mail, a person's or company's id. */
  target?: string | undefined;
  ip?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Text anywhere in the action, subject, user agent or details. */
  q?: string | undefined;
  /** Entries where this person is the actor, or the subject (by id or e-mail). */
  person?: { id: string; email: string } | undefined;
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Newest first, filtered; keyset pagination by id (UUIDv7 sorts by time). */
export async function listAudit(db: Db, query: AuditQuery) {
  const before = query.cursor ? decodeCursor(query.cursor, idCursor)[0] : undefined;
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      and(
        before ? lt(auditLog.id, before) : undefined,
        query.action?.endsWith('.')
          ? ilike(auditLog.action, `${query.action.replace(/[\\%_]/g, '')}%`)
          : query.action
            ? eq(auditLog.action, query.action)
            : undefined,
        query.actorId ? eq(auditLog.actorId, query.actorId) : undefined,
        query.target ? eq(auditLog.subject, query.target) : undefined,
        query.ip ? eq(auditLog.ip, query.ip) : undefined,
        query.from ? gte(auditLog.at, query.from) : undefined,
        query.to ? lt(auditLog.at, query.to) : undefined,
        query.q
          ? or(
              ilike(auditLog.action, likePattern(query.q)),
              ilike(auditLog.subject, likePattern(query.q)),
              ilike(auditLog.userAgent, likePattern(query.q)),
              ilike(sql`${auditLog.details}::text`, likePattern(query.q)),
            )
          : undefined,
        query.person
          ? or(
              eq(auditLog.actorId, query.person.id),
              eq(auditLog.subject, query.person.id),
              eq(auditLog.subject, query.person.email),
            )
          : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(query.limit + 1);
  return toPage(
    rows,
    query.limit,
    (r) => ({
      id: r.id,
      at: r.at.toISOString(),
      action: r.action,
      subject: r.subject,
      actorId: r.actorId,
      actorKind: r.actorKind,
      ip: r.ip,
      userAgent: r.userAgent,
      details: r.details as Record<string, unknown>,
    }),
    (r) => [r.id],
  );
}
