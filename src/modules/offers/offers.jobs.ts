import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, queryRows } from '../../server/core/db.js';
import { defineJob, type JobDefinition } from '../../server/core/jobs/job-definition.js';
import { enqueueJob } from '../../server/core/jobs/queue.js';
import type { ModuleContext } from '../../server/core/module.js';
import { recomputeRecommendations } from './reco.service.js';

export const recomputeJob = 'offers.recomputeRecommendations';

/** The recommendations job: a full, set-based rewrite of «buy again» and «bought together». */
export function offersJobs(_ctx: ModuleContext): JobDefinition[] {
  return [
    defineJob({
      name: recomputeJob,
      payload: z.object({}).passthrough(),
      maxAttempts: 3,
      lockMs: 30 * 60_000,
      handler: async ({ db, log }) => {
        const result = await recomputeRecommendations(db);
        log.info(result, 'offers: recommendations recomputed');
      },
    }),
  ] as JobDefinition[];
}

/** Nightly, after the day's orders; staff may also ask for a run («recompute now»). */
export function wireOffers(ctx: ModuleContext): void {
  ctx.jobs.schedule(recomputeJob, '40 3 * * *');
}

/** Queues a run unless one is already waiting (two racing requests queue two runs: harmless, each is a full rewrite). */
export async function requestRecompute(db: Db): Promise<void> {
  if (await recomputeQueued(db)) return;
  await enqueueJob(db, recomputeJob, {});
}

/** Whether a run is queued or running. */
export async function recomputeQueued(db: Db): Promise<boolean> {
  const [row] = await queryRows<{ queued: boolean }>(
    db,
    sql`select exists (select 1 from jobs where name = ${recomputeJob} and status in ('queued', 'running')) as queued`,
  );
  return Boolean(row?.queued);
}
