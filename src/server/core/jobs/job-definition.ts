import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import type { Db } from '../db.js';

export interface JobContext<P> {
  payload: P;
  jobId: string;
  attempt: number;
  db: Db;
  log: FastifyBaseLogger;
  /** Records progress (0–100) that a page can show while the job runs. */
  setProgress(percent: number): Promise<void>;
}

/** One background job: a name, a payload schema and an idempotent handler. */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  payload: S;
  handler(ctx: JobContext<z.infer<S>>): Promise<void>;
  /** Attempts before the job is dead-lettered (default 5). */
  maxAttempts?: number;
  /** How long a running job may hold its lock before another worker may take it over (default 5 min). */
  lockMs?: number;
  /** Delay before retry number `attempt` (default exponential from 2 s, capped at 1 h). */
  backoffMs?(attempt: number): number;
}

/** Declares a job with its payload type inferred from the schema. */
export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}

export function defaultBackoffMs(attempt: number): number {
  return Math.min(2000 * 2 ** (attempt - 1), 3_600_000);
}

/** Thrown by a handler when retrying cannot help (a refused recipient, a wrong API key): the job dies now. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}
