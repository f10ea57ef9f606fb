import type { JobDefinition } from '../../server/core/jobs/job-definition.js';
import type { ModuleContext } from '../../server/core/module.js';

export function promotionsJobs(_ctx: ModuleContext): JobDefinition[] {
  return [];
}

export function wirePromotions(_ctx: ModuleContext): void {}
