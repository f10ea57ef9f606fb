import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import type { JobDefinition } from '../../server/core/jobs/job-definition.js';
import { defineJob } from '../../server/core/jobs/job-definition.js';
import type { ModuleContext } from '../../server/core/module.js';
import { setCheckoutAdjuster } from '../orders/index.js';
import { adjustWithPromotions } from './promotions.adjust.js';
import { promoRedemptions } from './promotions.tables.js';

export const releaseJob = 'promotions.releaseOnCancel';

const outboxPayload = z.object({
  eventId: z.string(),
  topic: z.string(),
  payload: z.record(z.string(), z.unknown()),
});

/** Gives a cancelled order's promo-code use back (the code counts as unused again). Idempotent. */
export async function releaseRedemption(db: Db, orderId: string, now = new Date()): Promise<boolean> {
  const released = await db
    .update(promoRedemptions)
    .set({ releasedAt: now })
    .where(and(eq(promoRedemptions.orderId, orderId), isNull(promoRedemptions.releasedAt)))
    .returning({ id: promoRedemptions.id });
  return released.length > 0;
}

/** The promotions module's jobs: releasing a cancelled order's code. */
export function promotionsJobs(_ctx: ModuleContext): JobDefinition[] {
  return [
    defineJob({
      name: releaseJob,
      payload: outboxPayload,
      handler: async ({ payload, db }) => {
        const event = payload.payload;
        if (event.to !== 'cancelled' || typeof event.orderId !== 'string') return;
        await releaseRedemption(db, event.orderId);
      },
    }),
  ];
}

/** Registers the checkout adjuster and hears of cancelled orders. */
export function wirePromotions(ctx: ModuleContext): void {
  setCheckoutAdjuster(adjustWithPromotions);
  ctx.jobs.subscribe('orders.status_changed', releaseJob, (e) => e.to === 'cancelled');
}
