import { and, desc, eq, lt } from 'drizzle-orm';
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
    details: entry.details ?? {},
  });
}

const idCursor = z.tuple([z.uuid()]);

/** Newest first; filter by action and actor; keyset pagination by id (UUIDv7 sorts by time). */
export async function listAudit(
  db: Db,
  query: {
    limit: number;
    cursor?: string | undefined;
    action?: string | undefined;
    actorId?: string | undefined;
  },
) {
  const before = query.cursor ? decodeCursor(query.cursor, idCursor)[0] : undefined;
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      and(
        before ? lt(auditLog.id, before) : undefined,
        query.action ? eq(auditLog.action, query.action) : undefined,
        query.actorId ? eq(auditLog.actorId, query.actorId) : undefined,
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
