import { CronExpressionParser } from 'cron-parser';
import { and, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db.js';
import { defaultBackoffMs, type JobDefinition, PermanentJobError } from './job-definition.js';
import { jobSchedules, jobs, outboxEvents } from './jobs.tables.js';
import { enqueueJob } from './queue.js';

export interface RunnerOptions {
  db: Db;
  log: FastifyBaseLogger;
  pollMs: number;
  concurrency?: number;
}

/** Outbox events dispatched per pass, and the least time between two dispatches of the loop. */
const outboxBatch = 100;
const outboxGapMs = 100;

interface Subscriber {
  jobName: string;
  when?: ((payload: Record<string, unknown>) => boolean) | undefined;
}

interface ClaimedJob {
  id: string;
  name: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
}

/**
 * Runs registered jobs from the database queue: claims due jobs with FOR UPDATE SKIP LOCKED (safe with
 * several server processes), retries failures with backoff, dead-letters after the last attempt, fires
 * cron schedules and dispatches outbox events to their subscribers.
 */
export class JobRunner {
  private readonly definitions = new Map<string, JobDefinition>();
  private readonly subscribers = new Map<string, Subscriber[]>();
  private readonly schedules: { name: string; cron: string; timezone: string; payload: unknown }[] = [];
  /** Running jobs and batches: the single jobs count against `concurrency`. */
  private readonly inFlight = new Set<Promise<void>>();
  private readonly batchesInFlight = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private running = false;
  /** The last claim filled every free slot, or the outbox had more than one batch: pass again soon. */
  private backlog = false;
  private outboxBehind = false;
  private pokedWhileTicking = false;
  private readonly concurrency: number;
  /** When the schedules and the outbox were last looked at (the loop's ticks skip them in between). */
  private schedulesAt = 0;
  private dispatchedAt = 0;

  constructor(private readonly options: RunnerOptions) {
    this.concurrency = options.concurrency ?? 4;
  }

  /** Makes a job runnable by this process. */
  register(definition: JobDefinition): void {
    if (this.definitions.has(definition.name)) throw new Error(`job ${definition.name} registered twice`);
    this.definitions.set(definition.name, definition as JobDefinition);
  }

  /**
   * Runs job `jobName` for every outbox event on `topic`; the job's payload is `{ eventId, topic, payload }`.
   * With `when`, only for the events whose payload it accepts: a busy topic (every order's status change) then
   * queues no job that would return at once.
   */
  subscribe(topic: string, jobName: string, when?: (payload: Record<string, unknown>) => boolean): void {
    this.subscribers.set(topic, [...(this.subscribers.get(topic) ?? []), { jobName, when }]);
  }

  /** Runs job `name` on a cron schedule (standard 5-field cron, evaluated in `timezone`). */
  schedule(name: string, cron: string, payload: unknown = {}, timezone = 'UTC'): void {
    CronExpressionParser.parse(cron, { tz: timezone });
    this.schedules.push({ name, cron, timezone, payload });
  }

  /** Starts polling. With `recoverOrphans`, jobs left "running" by a dead process run again at once. */
  async start({ recoverOrphans = false } = {}): Promise<void> {
    const { db } = this.options;
    if (recoverOrphans) {
      await db
        .update(jobs)
        .set({ status: 'queued', lockedUntil: null, runAt: sql`now()` })
        .where(eq(jobs.status, 'running'));
    }
    for (const s of this.schedules) {
      const nextRunAt = nextCronTime(s.cron, s.timezone, new Date());
      await db
        .insert(jobSchedules)
        .values({ name: s.name, cron: s.cron, timezone: s.timezone, payload: s.payload ?? {}, nextRunAt })
        .onConflictDoUpdate({
          target: jobSchedules.name,
          set: { cron: s.cron, timezone: s.timezone, payload: s.payload ?? {} },
        });
    }
    this.running = true;
    this.loop();
  }

  /** Asks for a tick soon (after an enqueue in this process). */
  poke(): void {
    if (!this.running) return;
    if (this.ticking) {
      this.pokedWhileTicking = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.loop(), 10);
  }

  /** Stops claiming new jobs and waits for the ones in flight. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.ticking;
    await this.idle();
  }

  /** Resolves when the jobs started so far have finished. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  /** One pass: fire due schedules, dispatch outbox events, claim and start due jobs. Exposed for tests. */
  async tick(): Promise<number> {
    await this.fireSchedules();
    await this.dispatchOutbox();
    return this.claimAndRun();
  }

  /**
   * The loop's pass. Working off a backlog, it ticks as each job ends: the schedules (minute-grained) are looked
   * at once per poll and the outbox at most every `outboxGapMs`, so a pass costs one claim instead of seven
   * statements (bench/results/ANALYSIS.md).
   */
  private async loopTick(): Promise<number> {
    const now = Date.now();
    if (now - this.schedulesAt >= this.options.pollMs) await this.fireSchedules();
    if (now - this.dispatchedAt >= Math.min(outboxGapMs, this.options.pollMs)) await this.dispatchOutbox();
    return this.claimAndRun();
  }

  private loop(): void {
    if (!this.running) return;
    // A poke during a pass is kept for its end, so a finished job's follow-ups do not wait for the next poll.
    if (this.ticking) {
      this.pokedWhileTicking = true;
      return;
    }
    this.pokedWhileTicking = false;
    this.ticking = this.loopTick()
      .then(() => undefined)
      .catch((error) => this.options.log.error({ err: error }, 'job runner tick failed'))
      .finally(() => {
        this.ticking = undefined;
        const soon = this.pokedWhileTicking || (this.backlog && this.inFlight.size < this.concurrency);
        clearTimeout(this.timer);
        if (this.running) this.timer = setTimeout(() => this.loop(), soon ? 10 : this.options.pollMs);
      });
  }

  private async fireSchedules(): Promise<void> {
    this.schedulesAt = Date.now();
    if (this.schedules.length === 0) return;
    await this.options.db.transaction(async (tx) => {
      const due = await tx
        .select()
        .from(jobSchedules)
        .where(lte(jobSchedules.nextRunAt, sql`now()`))
        .for('update', { skipLocked: true });
      for (const s of due) {
        await enqueueJob(tx, s.name, s.payload, { singletonKey: `cron:${s.nextRunAt.toISOString()}` });
        await tx
          .update(jobSchedules)
          .set({ nextRunAt: nextCronTime(s.cron, s.timezone, new Date()) })
          .where(eq(jobSchedules.name, s.name));
      }
    });
  }

  private async dispatchOutbox(): Promise<void> {
    this.dispatchedAt = Date.now();
    await this.options.db.transaction(async (tx) => {
      const events = await tx
        .select()
        .from(outboxEvents)
        .where(isNull(outboxEvents.dispatchedAt))
        .orderBy(outboxEvents.createdAt)
        .limit(outboxBatch)
        .for('update', { skipLocked: true });
      this.outboxBehind = events.length === outboxBatch;
      if (events.length === 0) return;
      // A full batch: more are waiting, so the next pass dispatches again.
      if (this.outboxBehind) this.dispatchedAt = 0;
      // One insert for the whole batch: an event per placed order would otherwise cost a statement per subscriber.
      const queued = events.flatMap((event) =>
        (this.subscribers.get(event.topic) ?? [])
          .filter((s) => !s.when || s.when((event.payload ?? {}) as Record<string, unknown>))
          .map((s) => ({
            id: uuidv7(),
            name: s.jobName,
            payload: { eventId: event.id, topic: event.topic, payload: event.payload },
            runAt: sql`now()`,
            singletonKey: `event:${event.id}`,
          })),
      );
      if (queued.length > 0) await tx.insert(jobs).values(queued).onConflictDoNothing();
      await tx
        .update(outboxEvents)
        .set({ dispatchedAt: sql`now()` })
        .where(
          inArray(
            outboxEvents.id,
            events.map((e) => e.id),
          ),
        );
    });
  }

  private async claimAndRun(): Promise<number> {
    const free = this.concurrency - (this.inFlight.size - this.batchesInFlight.size);
    const singles: string[] = [];
    const batches: { name: string; size: number }[] = [];
    for (const d of this.definitions.values()) {
      if (!d.batch) singles.push(d.name);
      else if (!this.batchesInFlight.has(d.name)) batches.push({ name: d.name, size: d.batch.size });
    }
    // `status in (…)` lets PostgreSQL use the partial index `jobs_claim_idx`.
    const due = sql`status in ('queued', 'running')
      and ((status = 'queued' and run_at <= now()) or (status = 'running' and locked_until < now()))`;
    // One statement claims the single jobs for the free slots and a batch for each batch job not running one.
    const picks = [
      ...(free > 0 && singles.length > 0 ? [{ names: singles, limit: free }] : []),
      ...batches.map((b) => ({ names: [b.name], limit: b.size })),
    ];
    if (picks.length === 0) return 0;
    const ctes = picks.map(
      (p, i) =>
        sql`${sql.raw(`c${i}`)} as (select id from ${jobs} where name in ${p.names} and ${due}
          order by run_at limit ${p.limit} for update skip locked)`,
    );
    const ids = sql.join(
      picks.map((_, i) => sql`select id from ${sql.raw(`c${i}`)}`),
      sql` union all `,
    );
    const result = (await this.options.db.execute(sql`
      with ${sql.join(ctes, sql`, `)}
      update ${jobs} set status = 'running', attempts = attempts + 1,
        locked_until = now() + make_interval(secs => 300)
      where id in (${ids})
      returning id, name, payload, attempts, max_attempts`)) as unknown as { rows: ClaimedJob[] };
    const claimed = result.rows.filter((j) => !this.definitions.get(j.name)?.batch);
    const batched = new Map<string, ClaimedJob[]>();
    for (const j of result.rows) {
      if (!this.definitions.get(j.name)?.batch) continue;
      const group = batched.get(j.name) ?? [];
      group.push(j);
      batched.set(j.name, group);
    }
    // A busy order flow queues hundreds of jobs a second: waiting a whole poll between batches would let the
    // queue grow without end (bench/results/ANALYSIS.md), so a full claim or outbox batch makes the loop pass
    // again soon, and every finished job or batch asks for a pass (its follow-ups, such as its mail, are due).
    this.backlog =
      this.outboxBehind ||
      (free > 0 && singles.length > 0 && claimed.length === free) ||
      batches.some((b) => batched.get(b.name)?.length === b.size);
    for (const job of claimed) this.track(this.runJob(job));
    for (const [name, group] of batched) {
      this.batchesInFlight.add(name);
      this.track(this.runBatch(group).finally(() => this.batchesInFlight.delete(name)));
    }
    return result.rows.length;
  }

  private track(run: Promise<void>): void {
    const tracked = run.finally(() => {
      this.inFlight.delete(tracked);
      this.poke();
    });
    this.inFlight.add(tracked);
  }

  /** Runs a claimed batch; when its handler throws, each job runs alone (and fails or retries on its own). */
  private async runBatch(group: ClaimedJob[]): Promise<void> {
    const { db, log } = this.options;
    const first = group[0] as ClaimedJob;
    const definition = this.definitions.get(first.name) as JobDefinition;
    const batch = definition.batch as NonNullable<JobDefinition['batch']>;
    try {
      await batch.handler({
        jobs: group.map((j) => ({
          id: j.id,
          attempt: j.attempts,
          payload: definition.payload.parse(j.payload),
        })),
        db,
        log: log.child({ job: first.name, batch: group.length }),
      });
      await db
        .update(jobs)
        .set({ status: 'done', finishedAt: sql`now()`, lockedUntil: null, lastError: null })
        .where(
          and(
            inArray(
              jobs.id,
              group.map((j) => j.id),
            ),
            eq(jobs.status, 'running'),
          ),
        );
    } catch (error) {
      log.warn(
        { err: error, job: first.name, batch: group.length },
        'job batch failed; running its jobs one by one',
      );
      for (const job of group) await this.runJob(job);
    }
  }

  private async runJob(job: ClaimedJob): Promise<void> {
    const { db, log } = this.options;
    const definition = this.definitions.get(job.name);
    if (!definition) return;
    const jobLog = log.child({ job: job.name, jobId: job.id, attempt: job.attempts });
    const maxAttempts = definition.maxAttempts ?? job.max_attempts;
    try {
      if (definition.lockMs) {
        await db
          .update(jobs)
          .set({ lockedUntil: new Date(Date.now() + definition.lockMs) })
          .where(eq(jobs.id, job.id));
      }
      const payload = definition.payload.parse(job.payload);
      await definition.handler({
        payload,
        jobId: job.id,
        attempt: job.attempts,
        db,
        log: jobLog,
        setProgress: async (percent) => {
          await db
            .update(jobs)
            .set({ progress: Math.max(0, Math.min(100, Math.round(percent))) })
            .where(eq(jobs.id, job.id));
        },
      });
      await db
        .update(jobs)
        .set({ status: 'done', finishedAt: sql`now()`, lockedUntil: null, lastError: null })
        .where(and(eq(jobs.id, job.id), eq(jobs.status, 'running')));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const dead = job.attempts >= maxAttempts || error instanceof PermanentJobError;
      const delay = (definition.backoffMs ?? defaultBackoffMs)(job.attempts);
      jobLog.warn({ err: error, dead }, dead ? 'job failed for the last time' : 'job failed; will retry');
      await db
        .update(jobs)
        .set(
          dead
            ? { status: 'dead', lastError: message, lockedUntil: null, finishedAt: sql`now()` }
            : {
                status: 'queued',
                lastError: message,
                lockedUntil: null,
                runAt: new Date(Date.now() + delay),
              },
        )
        .where(eq(jobs.id, job.id));
    }
  }
}

function nextCronTime(cron: string, timezone: string, after: Date): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz: timezone }).next().toDate();
}
