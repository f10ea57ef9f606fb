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

/** One job of a batch (`JobDefinition.batch`). */
export interface BatchJob<P> {
  id: string;
  payload: P;
  attempt: number;
}

export interface BatchContext<P> {
  jobs: BatchJob<P>[];
  db: Db;
  log: FastifyBaseLogger;
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
  /**
   * Jobs that come by the hundred (an order's notification and mail) may run up to `size` at a time: one claim,
   * one handler call, one update for the lot. The batch handler must be all-or-nothing (its writes in one
   * transaction): when it throws, each job of the batch runs alone through `handler`, so a bad job fails only
   * itself. A batch runs beside the single jobs, at most one per job name at a time.
   */
  batch?: { size: number; handler(ctx: BatchContext<z.infer<S>>): Promise<void> };
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
