import { type SQL, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db.js';
import { jobs, outboxEvents } from './jobs.tables.js';

export interface EnqueueOptions {
  /** Run no earlier than this moment (delayed job). */
  runAt?: Date;
  /** A second job with the same name and key is ignored while the first exists. */
  singletonKey?: string;
  maxAttempts?: number;
}

/**
 * Adds a job. Pass the caller's transaction as `db` so that the job exists only if the change that
 * asked for it commits. Returns the job id, or null when a job with the same singleton key exists.
 */
export async function enqueueJob(
  db: Db,
  name: string,
  payload: unknown,
  options: EnqueueOptions = {},
): Promise<string | null> {
  const id = uuidv7();
  const inserted = await db
    .insert(jobs)
    .values({
      id,
      name,
      payload: payload ?? {},
      runAt: options.runAt ?? sql`now()`,
      singletonKey: options.singletonKey ?? null,
      ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    })
    .onConflictDoNothing()
    .returning({ id: jobs.id });
  return inserted[0]?.id ?? null;
}

/** Adds several jobs in one insert (a batch handler's follow-ups); same rules as `enqueueJob`. */
export async function enqueueJobs(
  db: Db,
  items: readonly { name: string; payload: unknown; options?: EnqueueOptions }[],
): Promise<void> {
  if (items.length === 0) return;
  await db
    .insert(jobs)
    .values(
      items.map(({ name, payload, options = {} }) => ({
        id: uuidv7(),
        name,
        payload: payload ?? {},
        runAt: options.runAt ?? sql`now()`,
        singletonKey: options.singletonKey ?? null,
        ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
      })),
    )
    .onConflictDoNothing();
}

/**
 * Writes a domain event to the outbox. Call it inside the transaction that makes the change; the
 * dispatcher later turns the event into one job per subscriber, so reactions retry on their own.
 */
export async function publishEvent(db: Db, topic: string, payload: unknown): Promise<string> {
  const id = uuidv7();
  await db.insert(outboxEvents).values({ id, topic, payload: payload ?? {} });
  return id;
}

/**
 * The outbox insert of `publishEvent` as SQL, for a caller that writes several tables in one statement (a
 * data-modifying `with` clause). `payload` is a jsonb expression, so it may take values the same statement makes
 * (`(select number from o)`). Like `publishEvent`, it must run in the changing transaction.
 */
export function publishEventSql(topic: string, payload: SQL): SQL {
  return sql`insert into outbox_events (id, topic, payload) select ${uuidv7()}::uuid, ${topic}, ${payload}`;
}
