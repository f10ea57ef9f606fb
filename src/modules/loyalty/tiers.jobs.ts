import type { JobDefinition } from '../../server/core/jobs/job-definition.js';
import type { ModuleContext } from '../../server/core/module.js';

export function tiersJobs(_ctx: ModuleContext): JobDefinition[] {
  return [];
}

export function wireTiers(_ctx: ModuleContext): void {}
