import { z } from 'zod';
import { defineJob } from '../../server/core/jobs/job-definition.js';
import { defineModule, type ModuleContext } from '../../server/core/module.js';
import { storageFor } from '../../server/core/storage.js';
import { profileRoutes } from './profile.routes.js';
import {
  dataExportJob,
  exportAttempts,
  markDataExportFailed,
  type ProfileDeps,
  profilePersonalData,
  runDataExport,
  runHousekeeping,
} from './profile.service.js';

export const housekeepingJob = 'profile.housekeeping';

const depsOf = (ctx: ModuleContext): ProfileDeps => ({
  db: ctx.db,
  config: ctx.config,
  storage: storageFor(ctx.config),
  poke: () => ctx.jobs.poke(),
});

/**
 * The person's own data: profile, avatar, e-mail change, sessions, data export and account deletion
 * (152-FZ / GDPR). See docs/identity.md, "Profile and personal data".
 */
export const profileModule = defineModule({
  name: 'profile',
  routes: profileRoutes,
  personalData: profilePersonalData,
  jobs: (ctx) => [
    defineJob({
      name: dataExportJob,
      payload: z.object({ exportId: z.string() }),
      maxAttempts: exportAttempts,
      handler: async ({ payload, setProgress, attempt }) => {
        try {
          await runDataExport(depsOf(ctx), payload.exportId, setProgress);
        } catch (error) {
          // After the last attempt the page shows "failed" and the person may ask again.
          if (attempt >= exportAttempts) await markDataExportFailed(ctx.db, payload.exportId);
          throw error;
        }
      },
    }),
    defineJob({
      name: housekeepingJob,
      payload: z.object({}).passthrough(),
      maxAttempts: 3,
      handler: () => runHousekeeping(depsOf(ctx)),
    }),
  ],
  wire: (ctx) => {
    // Erasure after the grace period and removal of expired exports.
    ctx.jobs.schedule(housekeepingJob, '*/10 * * * *');
  },
});
