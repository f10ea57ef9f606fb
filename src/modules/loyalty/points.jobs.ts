import type { JobDefinition } from '../../server/core/jobs/job-definition.js';
import type { ModuleContext } from '../../server/core/module.js';

export function pointsJobs(_ctx: ModuleContext): JobDefinition[] {
  return [];
}

export function wirePoints(_ctx: ModuleContext): void {}
