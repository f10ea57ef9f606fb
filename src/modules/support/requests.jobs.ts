import type { JobDefinition } from '../../server/core/jobs/job-definition.js';
import type { ModuleContext } from '../../server/core/module.js';

export function requestJobs(_ctx: ModuleContext): JobDefinition[] {
  return [];
}

export function wireRequests(_ctx: ModuleContext): void {}
