import { z } from 'zod';
import { defineJob, type JobDefinition } from '../../server/core/jobs/job-definition.js';
import type { ModuleContext } from '../../server/core/module.js';
import { recalculateTiers } from './tiers.recalculate.js';

export const recalculateTiersJob = 'loyalty.recalculateTiers';

/** The tiers' job: everyone's tier from their spend over the rolling period (`now` may be given, for tests). */
export function tiersJobs(ctx: ModuleContext): JobDefinition[] {
  return [
    defineJob({
      name: recalculateTiersJob,
      payload: z.object({ now: z.iso.datetime().optional() }).passthrough(),
      maxAttempts: 3,
      handler: async ({ payload, db, log }) => {
        const now = payload.now ? new Date(payload.now) : new Date();
        const result = await recalculateTiers(db, now, ctx.config.publicUrl);
        log.info({ ...result }, 'loyalty tiers recalculated');
      },
    }),
  ];
}

/** Daily at 03:00 UTC, when few orders move. */
export function wireTiers(ctx: ModuleContext): void {
  ctx.jobs.schedule(recalculateTiersJob, '0 3 * * *');
}
