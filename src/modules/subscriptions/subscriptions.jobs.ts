import { z } from 'zod';
import { defineJob, type JobDefinition } from '../../server/core/jobs/job-definition.js';
import type { ModuleContext } from '../../server/core/module.js';
import { runReorderReminders } from './reminders.service.js';
import { runSubscriptions } from './subscriptions.runner.js';

export const runnerJob = 'subscriptions.run';
export const remindersJob = 'subscriptions.reorderReminders';

/** The runner (due periods) and the reorder reminders, both scheduled. */
export function subscriptionsJobs(ctx: ModuleContext): JobDefinition[] {
  return [
    defineJob({
      name: runnerJob,
      payload: z.object({}).passthrough(),
      maxAttempts: 3,
      handler: async ({ db }) => {
        await runSubscriptions(db, { payments: ctx, publicUrl: ctx.config.publicUrl });
      },
    }),
    defineJob({
      name: remindersJob,
      payload: z.object({}).passthrough(),
      maxAttempts: 3,
      handler: async ({ db }) => {
        await runReorderReminders(db, ctx.config.publicUrl);
      },
    }),
  ] as JobDefinition[];
}

/** Due subscriptions every 10 minutes; reorder reminders hourly. */
export function wireSubscriptions(ctx: ModuleContext): void {
  ctx.jobs.schedule(runnerJob, '*/10 * * * *');
  // Once a day, in the morning in Moscow: reminders are due by the day, and the query reads two years of personal
  // orders (6 s over 10 000 000 order lines; bench/results/ANALYSIS.md), so hourly runs bought nothing but load
  // and mail at night.
  ctx.jobs.schedule(remindersJob, '41 10 * * *', {}, 'Europe/Moscow');
}
