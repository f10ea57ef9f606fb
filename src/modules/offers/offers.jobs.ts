import type { JobDefinition } from '../../server/core/jobs/job-definition.js';
import type { ModuleContext } from '../../server/core/module.js';

export function offersJobs(_ctx: ModuleContext): JobDefinition[] {
  return [];
}

export function wireOffers(_ctx: ModuleContext): void {}
