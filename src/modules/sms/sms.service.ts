import { and, desc, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { defineJob } from '../../server/core/jobs/job-definition.js';
import { enqueueJob } from '../../server/core/jobs/queue.js';
import { decodeCursor, toPage } from '../../server/core/pagination.js';
import { normalizePhone } from '../../shared/phone.js';
import type { SmsProvider } from './sms.provider.js';
import { devSms } from './sms.tables.js';

const sendSmsPayload = z.object({
  to: z.string().regex(/^\+\d{8,15}$/, 'must be an E.164 phone number'),
  text: z.string().min(1).max(700),
  purpose: z.string().min(1).max(64),
});

export type SmsRequest = z.input<typeof sendSmsPayload>;

/**
 * Queues a text message; pass the caller's transaction so it is sent only if the change commits. One-time
 * codes are short-lived, so the job gives up after a few attempts rather than deliver a stale code.
 */
export async function queueSms(db: Db, request: SmsRequest): Promise<void> {
  await enqueueJob(db, 'sms.send', sendSmsPayload.parse(request), { maxAttempts: 3 });
}

/** The job that hands one message to the configured provider. */
export function sendSmsJob(provider: SmsProvider) {
  return defineJob({
    name: 'sms.send',
    payload: sendSmsPayload,
    maxAttempts: 3,
    backoffMs: (attempt) => 2000 * attempt,
    async handler({ payload, db }) {
      await provider.send(db, payload);
    },
  });
}

type DevSmsRow = typeof devSms.$inferSelect;
const idCursor = z.tuple([z.uuid()]);
const presentDevSms = (m: DevSmsRow) => ({
  id: m.id,
  to: m.to,
  text: m.text,
  purpose: m.purpose,
  createdAt: m.createdAt.toISOString(),
});

/** The dev SMS inbox, newest first, keyset-paginated by id (UUIDv7 ids sort by time). */
export async function listDevSms(
  db: Db,
  query: { limit: number; cursor?: string | undefined; to?: string | undefined },
) {
  const after = query.cursor ? decodeCursor(query.cursor, idCursor)[0] : undefined;
  const to = query.to ? (normalizePhone(query.to) ?? query.to) : undefined;
  const rows = await db
    .select()
    .from(devSms)
    .where(and(after ? lt(devSms.id, after) : undefined, to ? eq(devSms.to, to) : undefined))
    .orderBy(desc(devSms.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, presentDevSms, (m) => [m.id]);
}

/** One message of the dev SMS inbox. */
export async function getDevSms(db: Db, id: string) {
  const [m] = await db.select().from(devSms).where(eq(devSms.id, id));
  if (!m) throw new AppError('NOT_FOUND', 'No such message');
  return presentDevSms(m);
}
