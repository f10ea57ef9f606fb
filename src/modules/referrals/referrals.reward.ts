import { eq } from 'drizzle-orm';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { enqueueJob } from '../../server/core/jobs/queue.js';
import type { OrderStatus } from '../../shared/orders.js';
import { awardPoints } from '../loyalty/index.js';
import { type OrderRow, orderInScope } from '../orders/index.js';
import { fraudReason } from './referrals.fraud.js';
import { notifyReferrerJob } from './referrals.service.js';
import { getReferralSettings } from './referrals.settings.js';
import { referrals } from './referrals.tables.js';

/** The statuses that make an order count as the friend's first real order. */
export const rewardingStatuses: readonly OrderStatus[] = ['paid', 'delivered', 'completed'];

/** What `orders.status_changed` carries (docs/orders.md). */
export interface OrderStatusEvent {
  orderId: string;
  to: string;
  personId: string;
  companyId: string | null;
}

/** The friend's order in their personal scope, or null (a company order, or none). */
async function personalOrder(db: Db, personId: string, orderId: string): Promise<OrderRow | null> {
  try {
    return await orderInScope(db, { kind: 'me', personId }, orderId);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

/**
 * Reacts to a friend's order moving: the first order placed marks the referral `ordered` (a cancelled one puts
 * it back to `joined`); the first to reach paid, delivered or completed decides it — `rejected` with the
 * reason when the order is below the minimum or a fraud check fails, else both get their points (keys
 * `referral:<id>:referrer` / `:friend`) and it is `rewarded`. The referral row is locked for the whole
 * decision, and a decided referral never changes, so redelivered or concurrent events reward once.
 */
export async function onFriendOrderStatus(db: Db, event: OrderStatusEvent, now = new Date()): Promise<void> {
  if (event.companyId || !event.personId || !event.orderId) return;
  await db.transaction(async (tx) => {
    const [referral] = await tx
      .select()
      .from(referrals)
      .where(eq(referrals.friendId, event.personId))
      .for('update');
    if (!referral || referral.status === 'rewarded' || referral.status === 'rejected') return;
    const order = await personalOrder(tx, event.personId, event.orderId);
    if (!order) return;

    if (order.status === 'cancelled') {
      if (referral.status === 'ordered' && referral.orderId === order.id)
        await tx
          .update(referrals)
          .set({ status: 'joined', orderId: null, orderNumber: null, orderedAt: null })
          .where(eq(referrals.id, referral.id));
      return;
    }
    if (!rewardingStatuses.includes(order.status)) {
      if (referral.status === 'joined')
        await tx
          .update(referrals)
          .set({ status: 'ordered', orderId: order.id, orderNumber: order.number, orderedAt: now })
          .where(eq(referrals.id, referral.id));
      return;
    }

    const settings = await getReferralSettings(tx);
    if (!settings.enabled) return;
    const decided = {
      orderId: order.id,
      orderNumber: order.number,
      orderedAt: referral.orderedAt ?? now,
      decidedAt: now,
    };
    const goods = order.itemsTotal - order.discountTotal;
    const reason = goods < settings.minOrderAmount ? 'below_minimum' : await fraudReason(tx, referral, order);
    if (reason) {
      await tx
        .update(referrals)
        .set({ ...decided, status: 'rejected', rejectReason: reason })
        .where(eq(referrals.id, referral.id));
      return;
    }
    if (settings.referrerPoints > 0)
      await awardPoints(tx, {
        personId: referral.referrerId,
        points: settings.referrerPoints,
        kind: 'referral',
        reason: `Бонус за приглашённого друга (заказ ${order.number})`,
        key: `referral:${referral.id}:referrer`,
        now,
      });
    if (settings.friendPoints > 0)
      await awardPoints(tx, {
        personId: referral.friendId,
        points: settings.friendPoints,
        kind: 'referral',
        reason: `Бонус за первый заказ по приглашению (заказ ${order.number})`,
        key: `referral:${referral.id}:friend`,
        now,
      });
    await tx
      .update(referrals)
      .set({
        ...decided,
        status: 'rewarded',
        referrerPoints: settings.referrerPoints,
        friendPoints: settings.friendPoints,
      })
      .where(eq(referrals.id, referral.id));
    await enqueueJob(tx, notifyReferrerJob, { referralId: referral.id, news: 'rewarded' });
  });
}
