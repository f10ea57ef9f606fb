import type { JobDefinition } from '../../server/core/jobs/job-definition.js';
import type { ModuleContext } from '../../server/core/module.js';

export function subscriptionsJobs(_ctx: ModuleContext): JobDefinition[] {
  return [];
}

export function wireSubscriptions(_ctx: ModuleContext): void {}
