import type { JobDefinition } from '../../server/core/jobs/job-definition.js';
import type { ModuleContext } from '../../server/core/module.js';

export function deskJobs(_ctx: ModuleContext): JobDefinition[] {
  return [];
}

export function wireDesk(_ctx: ModuleContext): void {}
