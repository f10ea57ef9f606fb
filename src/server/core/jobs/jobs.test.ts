import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { defineJob } from './job-definition.js';
import { jobSchedules, jobs } from './jobs.tables.js';
import { enqueueJob, publishEvent } from './queue.js';
import { JobRunner } from './runner.js';

/** What a subscriber job of the test topic receives. */
const orderEvent = z.object({
  eventId: z.string(),
  topic: z.string(),
  payload: z.object({ orderId: z.string() }),
});

let t: TestApp;
let runner: JobRunner;
const seen: string[] = [];
let failuresLeft = 0;

beforeAll(async () => {
  t = await buildTestApp();
  runner = new JobRunner({ db: t.db, log: t.app.log, pollMs: 60_000 });
  runner.register(
    defineJob({
      name: 'test.record',
      payload: z.object({ value: z.string() }),
      async handler({ payload }) {
        seen.push(payload.value);
      },
    }),
  );
  runner.register(
    defineJob({
      name: 'test.flaky',
      payload: z.object({}),
      maxAttempts: 3,
      backoffMs: () => 0,
      async handler() {
        if (failuresLeft-- > 0) throw new Error('transient failure');
        seen.push('flaky done');
      },
    }),
  );
  runner.register(
    defineJob({
      name: 'test.progress',
      payload: z.object({}),
      async handler({ setProgress }) {
        await setProgress(42.4);
        throw new Error('stop here');
      },
      maxAttempts: 1,
    }),
  );
  runner.register(
    defineJob({
      name: 'test.onEvent',
      payload: orderEvent,
      async handler({ payload }) {
        seen.push(`event ${payload.topic} ${payload.payload.orderId}`);
      },
    }),
  );
  runner.register(
    defineJob({
      name: 'test.onBigEvent',
      payload: orderEvent,
      async handler({ payload }) {
        seen.push(`big ${payload.payload.orderId}`);
      },
    }),
  );
  runner.subscribe('order.placed', 'test.onEvent');
  runner.subscribe('order.placed', 'test.onBigEvent', (e) => e.big === true);
  runner.schedule('test.record', '*/5 * * * *', { value: 'cron' });
  await runner.start();
  await runner.stop();
});
afterAll(async () => t?.close());

async function drain() {
  for (let i = 0; i < 20; i++) {
    const started = await runner.tick();
    await runner.idle();
    if (started === 0) return;
  }
}

const statusOf = async (id: string | null) => {
  const [row] = await t.db
    .select()
    .from(jobs)
    .where(eq(jobs.id, id as string));
  return row;
};

describe('job queue', () => {
  it('runs a queued job once', async () => {
    seen.length = 0;
    const id = await enqueueJob(t.db, 'test.record', { value: 'a' });
    await drain();
    await drain();
    expect(seen).toEqual(['a']);
    expect((await statusOf(id))?.status).toBe('done');
  });

  it('does not run a delayed job before its time', async () => {
    seen.length = 0;
    const id = await enqueueJob(
      t.db,
      'test.record',
      { value: 'later' },
      { runAt: new Date(Date.now() + 3_600_000) },
    );
    await drain();
    expect(seen).toEqual([]);
    await t.db
      .update(jobs)
      .set({ runAt: sql`now()` })
      .where(eq(jobs.id, id as string));
    await drain();
    expect(seen).toEqual(['later']);
  });

  it('retries a failing job and succeeds', async () => {
    seen.length = 0;
    failuresLeft = 2;
    const id = await enqueueJob(t.db, 'test.flaky', {});
    await drain();
    expect(seen).toEqual(['flaky done']);
    const row = await statusOf(id);
    expect(row).toMatchObject({ status: 'done', attempts: 3 });
  });

  it('dead-letters a job after its last attempt, keeping the error', async () => {
    failuresLeft = 10;
    const id = await enqueueJob(t.db, 'test.flaky', {});
    await drain();
    expect(await statusOf(id)).toMatchObject({ status: 'dead', attempts: 3, lastError: 'transient failure' });
  });

  it('backs off before a retry', async () => {
    const backoff = new JobRunner({ db: t.db, log: t.app.log, pollMs: 60_000 });
    backoff.register(
      defineJob({
        name: 'test.backoff',
        payload: z.object({}),
        async handler() {
          throw new Error('down');
        },
      }),
    );
    const id = await enqueueJob(t.db, 'test.backoff', {});
    await backoff.tick();
    await backoff.idle();
    const row = await statusOf(id);
    expect(row?.status).toBe('queued');
    expect(row?.runAt.getTime()).toBeGreaterThan(Date.now() + 1000);
    expect(await backoff.tick()).toBe(0);
  });

  it('records progress', async () => {
    const id = await enqueueJob(t.db, 'test.progress', {});
    await drain();
    expect(await statusOf(id)).toMatchObject({ progress: 42, status: 'dead' });
  });

  it('ignores a second job with the same singleton key', async () => {
    const first = await enqueueJob(t.db, 'test.record', { value: 's' }, { singletonKey: 'one' });
    const second = await enqueueJob(t.db, 'test.record', { value: 's' }, { singletonKey: 'one' });
    expect(first).toBeTruthy();
    expect(second).toBeNull();
  });

  it('enqueues only when the surrounding transaction commits', async () => {
    await drain();
    seen.length = 0;
    await t.db
      .transaction(async (tx) => {
        await enqueueJob(tx, 'test.record', { value: 'rolled back' });
        throw new Error('abort');
      })
      .catch(() => {});
    await drain();
    expect(seen).toEqual([]);
  });

  it('takes over a job whose worker died (lock expired)', async () => {
    seen.length = 0;
    const id = await enqueueJob(t.db, 'test.record', { value: 'orphan' });
    await t.db
      .update(jobs)
      .set({ status: 'running', attempts: 1, lockedUntil: new Date(Date.now() - 1000) })
      .where(eq(jobs.id, id as string));
    await drain();
    expect(seen).toEqual(['orphan']);
  });

  it('never runs one job twice when two workers claim at once', async () => {
    seen.length = 0;
    const other = new JobRunner({ db: t.db, log: t.app.log, pollMs: 60_000, concurrency: 50 });
    other.register(
      defineJob({
        name: 'test.record',
        payload: z.object({ value: z.string() }),
        async handler({ payload }) {
          seen.push(payload.value);
        },
      }),
    );
    for (let i = 0; i < 30; i++) await enqueueJob(t.db, 'test.record', { value: `n${i}` });
    await Promise.all([runner.tick(), other.tick(), runner.tick(), other.tick()]);
    await Promise.all([runner.idle(), other.idle()]);
    await drain();
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
  });
});

describe('cron schedules and the outbox', () => {
  it('fires a due schedule once and moves it to the next time', async () => {
    seen.length = 0;
    await t.db
      .update(jobSchedules)
      .set({ nextRunAt: new Date(Date.now() - 1000) })
      .where(eq(jobSchedules.name, 'test.record'));
    await drain();
    await drain();
    expect(seen).toEqual(['cron']);
    const [schedule] = await t.db.select().from(jobSchedules).where(eq(jobSchedules.name, 'test.record'));
    expect(schedule?.nextRunAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('dispatches an outbox event to its subscriber after commit', async () => {
    seen.length = 0;
    await t.db.transaction(async (tx) => {
      await publishEvent(tx, 'order.placed', { orderId: 'K-1' });
    });
    await t.db
      .transaction(async (tx) => {
        await publishEvent(tx, 'order.placed', { orderId: 'never' });
        throw new Error('rolled back');
      })
      .catch(() => {});
    await drain();
    await drain();
    expect(seen).toEqual(['event order.placed K-1']);
  });

  it('queues a filtered subscriber only for the events it accepts, and each job once', async () => {
    seen.length = 0;
    await t.db.transaction(async (tx) => {
      await publishEvent(tx, 'order.placed', { orderId: 'small' });
      await publishEvent(tx, 'order.placed', { orderId: 'large', big: true });
    });
    await drain();
    await drain();
    expect(seen.sort()).toEqual(['big large', 'event order.placed large', 'event order.placed small']);
    const queued = await t.db.select().from(jobs).where(eq(jobs.name, 'test.onBigEvent'));
    expect(queued).toHaveLength(1);
  });
});

describe('a backlog', () => {
  it('keeps claiming while every slot was filled, instead of waiting a poll between batches', async () => {
    const done: string[] = [];
    const busy = new JobRunner({ db: t.db, log: t.app.log, pollMs: 60_000, concurrency: 2 });
    busy.register(
      defineJob({
        name: 'test.backlog',
        payload: z.object({ value: z.string() }),
        async handler({ payload }) {
          done.push(payload.value);
        },
      }),
    );
    for (let i = 0; i < 12; i++) await enqueueJob(t.db, 'test.backlog', { value: `b${i}` });
    await busy.start();
    try {
      // With a one-minute poll, only the first batch of two would run within these five seconds.
      for (let i = 0; i < 100 && done.length < 12; i++) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await busy.stop();
    }
    expect(done.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `b${i}`).sort());
  });
});

describe('batches', () => {
  const batchRunner = (calls: string[][], singles: string[], failOn?: string) => {
    const r = new JobRunner({ db: t.db, log: t.app.log, pollMs: 60_000, concurrency: 2 });
    r.register(
      defineJob({
        name: 'test.batched',
        payload: z.object({ value: z.string() }),
        async handler({ payload }) {
          if (payload.value === failOn) throw new Error('this one is bad');
          singles.push(payload.value);
        },
        batch: {
          size: 3,
          async handler({ jobs: group }) {
            const values = group.map((j) => j.payload.value);
            if (failOn && values.includes(failOn)) throw new Error('a bad job in the batch');
            calls.push(values);
          },
        },
      }),
    );
    return r;
  };

  it('runs due jobs of a batch job a few at a time, each claimed once and marked done', async () => {
    const calls: string[][] = [];
    const singles: string[] = [];
    const r = batchRunner(calls, singles);
    for (let i = 0; i < 7; i++) await enqueueJob(t.db, 'test.batched', { value: `n${i}` });
    for (let i = 0; i < 10; i++) {
      await r.tick();
      await r.idle();
    }
    expect(calls.map((c) => c.length)).toEqual([3, 3, 1]);
    expect(calls.flat().sort()).toEqual(Array.from({ length: 7 }, (_, i) => `n${i}`));
    expect(singles).toEqual([]);
    const rows = await t.db.select().from(jobs).where(eq(jobs.name, 'test.batched'));
    expect(rows.map((j) => j.status)).toEqual(Array(7).fill('done'));
    await t.db.delete(jobs).where(eq(jobs.name, 'test.batched'));
  });

  it('runs each job alone when the batch fails, so only the bad one fails', async () => {
    const calls: string[][] = [];
    const singles: string[] = [];
    const r = batchRunner(calls, singles, 'bad');
    for (const value of ['ok1', 'bad', 'ok2'])
      await enqueueJob(t.db, 'test.batched', { value }, { maxAttempts: 1 });
    await r.tick();
    await r.idle();
    expect(calls).toEqual([]);
    expect(singles.sort()).toEqual(['ok1', 'ok2']);
    const rows = await t.db.select().from(jobs).where(eq(jobs.name, 'test.batched'));
    const status = Object.fromEntries(rows.map((j) => [(j.payload as { value: string }).value, j.status]));
    expect(status).toEqual({ ok1: 'done', bad: 'dead', ok2: 'done' });
  });
});
