import type { JobDefinition } from '../../server/core/jobs/job-definition.js';
import type { ModuleContext } from '../../server/core/module.js';

export function referralsJobs(_ctx: ModuleContext): JobDefinition[] {
  return [];
}

export function wireReferrals(_ctx: ModuleContext): void {}
