import { z } from 'zod';
import { defineJob, type JobDefinition } from '../../server/core/jobs/job-definition.js';
import type { ModuleContext } from '../../server/core/module.js';
import { escalateBreaches } from './escalation.js';

export const escalationJob = 'support.escalate';

/** The escalation sweep; safe to run anywhere at any time (each breach escalates once). */
export function deskJobs(_ctx: ModuleContext): JobDefinition[] {
  return [
    defineJob({
      name: escalationJob,
      payload: z.object({}).passthrough(),
      maxAttempts: 3,
      handler: async ({ db, log }) => {
        const n = await escalateBreaches(db, new Date());
        if (n > 0) log.info({ escalated: n }, 'support breaches escalated');
      },
    }),
  ];
}

/** Every minute, so a breach reaches the managers within a minute of its deadline. */
export function wireDesk(ctx: ModuleContext): void {
  ctx.jobs.schedule(escalationJob, '* * * * *');
}
