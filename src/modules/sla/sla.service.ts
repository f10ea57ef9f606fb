// PLACEHOLDER until the SLA module lands (branch `sla`): round-the-clock minutes, fixed targets. The real
// module keeps the same exports, counted in business hours with holidays.
import type { Db } from '../../server/core/db.js';

export const slaPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type SlaPriority = (typeof slaPriorities)[number];

const targets: Record<SlaPriority, { first: number; resolution: number }> = {
  urgent: { first: 30, resolution: 240 },
  high: { first: 60, resolution: 480 },
  normal: { first: 240, resolution: 1440 },
  low: { first: 480, resolution: 2400 },
};

/** Deadlines for a new ticket by priority and customer group. */
export async function slaDeadlines(
  _db: Db,
  input: { priority: SlaPriority; customerGroupId: string | null; start: Date },
): Promise<{ policyId: string | null; firstResponseDueAt: Date; resolutionDueAt: Date }> {
  const t = targets[input.priority];
  const at = (minutes: number) => new Date(input.start.getTime() + minutes * 60_000);
  return { policyId: null, firstResponseDueAt: at(t.first), resolutionDueAt: at(t.resolution) };
}

/** Business minutes between two instants. */
export async function businessMinutesBetween(_db: Db, from: Date, to: Date): Promise<number> {
  return Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000));
}
