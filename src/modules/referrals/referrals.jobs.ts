import { z } from 'zod';
import type { JobDefinition } from '../../server/core/jobs/job-definition.js';
import { defineJob } from '../../server/core/jobs/job-definition.js';
import type { ModuleContext } from '../../server/core/module.js';
import { notifyReferrer } from './referrals.notify.js';
import { onFriendOrderStatus } from './referrals.reward.js';
import { notifyReferrerJob } from './referrals.service.js';

export const friendOrderJob = 'referrals.friendOrder';

const outboxPayload = z.object({
  eventId: z.string(),
  topic: z.string(),
  payload: z.record(z.string(), z.unknown()),
});

/** The referral jobs: a friend's order moved (decides the reward), and the inviter's notifications. */
export function referralsJobs(ctx: ModuleContext): JobDefinition[] {
  return [
    defineJob({
      name: friendOrderJob,
      payload: outboxPayload,
      handler: async ({ payload, db }) => {
        const e = payload.payload;
        await onFriendOrderStatus(db, {
          orderId: String(e.orderId ?? ''),
          to: String(e.to ?? ''),
          personId: String(e.personId ?? ''),
          companyId: typeof e.companyId === 'string' ? e.companyId : null,
        });
      },
    }),
    defineJob({
      name: notifyReferrerJob,
      payload: z.object({ referralId: z.uuid(), news: z.enum(['joined', 'rewarded']) }),
      handler: ({ payload, db }) =>
        notifyReferrer(db, ctx.config.publicUrl, payload.referralId, payload.news),
    }),
  ];
}

/** A friend's orders are watched through the outbox (`orders.status_changed`). */
export function wireReferrals(ctx: ModuleContext): void {
  // Only a person's own orders count as a friend's first order.
  ctx.jobs.subscribe('orders.status_changed', friendOrderJob, (e) => !e.companyId);
}
