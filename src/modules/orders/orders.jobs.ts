import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import { defineJob } from '../../server/core/jobs/job-definition.js';
import { queueMail, queueMails } from '../../server/core/mail/mailer.js';
import type { ModuleContext } from '../../server/core/module.js';
import type { OrderStatus } from '../../shared/orders.js';
import { orgPermissionsOf } from '../../shared/permissions.js';
import { listMembers } from '../companies/companies.service.js';
import { notifyEach } from '../notifications/index.js';
import { getPerson, peopleByIds } from '../people/people.service.js';
import { refundOrder } from './admin.service.js';
import { releaseExpiredHolds } from './approvals.service.js';
import {
  notifyApprovalDecision,
  notifyApprovalRequest,
  notifyOrderStatus,
  orderStatusNotice,
} from './orders.inapp.js';
import { approvalDecisionMail, approvalRequestMail, orderStatusMail } from './orders.mail.js';
import { applyPaymentEvent } from './orders.service.js';
import { orders } from './orders.tables.js';

export const paymentEventsJob = 'orders.paymentEvent';
export const notifyJob = 'orders.notify';
export const approvalHoldsJob = 'orders.releaseApprovalHolds';

const outboxPayload = z.object({
  eventId: z.string(),
  topic: z.string(),
  payload: z.record(z.string(), z.unknown()),
});

const localeOf = (l: string | null | undefined): 'ru' | 'en' => (l === 'en' ? 'en' : 'ru');
const rub = (kopecks: number, locale: 'ru' | 'en') =>
  new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'ru-RU', { style: 'currency', currency: 'RUB' }).format(
    kopecks / 100,
  );

/** Mails about an order's status change: approvers on a new approval request, the buyer otherwise. */
async function notify(db: Db, publicUrl: string, event: Record<string, unknown>): Promise<void> {
  const orderId = String(event.orderId ?? '');
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) return;
  if (event.to === 'awaiting_approval' && order.companyId) {
    const members = await listMembers(db, order.companyId);
    const approvers = members.filter(
      (m) =>
        (m.userId !== order.personId || m.role === 'owner') &&
        orgPermissionsOf(m.role).includes('orders.approve'),
    );
    await notifyApprovalRequest(
      db,
      order,
      approvers.map((m) => m.userId),
    );
    for (const m of approvers) {
      if (!m.email) continue;
      const person = await getPerson(db, m.userId);
      const locale = localeOf(person?.locale);
      await queueMail(db, {
        to: m.email,
        template: approvalRequestMail.name,
        locale,
        vars: {
          number: order.number,
          buyer: order.placedByName,
          total: rub(order.total, locale),
          url: orderUrl(publicUrl, order),
        },
      });
    }
    return;
  }
  const decided = isDecision(order, event);
  if (decided)
    await notifyApprovalDecision(db, order, order.approvalState === 'approved', order.approvalComment);
  else await notifyOrderStatus(db, order, event.to as OrderStatus);
  const buyer = await getPerson(db, order.personId);
  if (!buyer?.email) return;
  const locale = localeOf(buyer.locale ?? order.locale);
  if (decided) {
    await queueMail(db, {
      to: buyer.email,
      template: approvalDecisionMail.name,
      locale,
      vars: {
        number: order.number,
        approved: order.approvalState === 'approved',
        comment: order.approvalComment ?? '',
        url: orderUrl(publicUrl, order),
      },
    });
    return;
  }
  await queueMail(db, statusMail(publicUrl, order, String(event.to), buyer));
}

type OrderRow = typeof orders.$inferSelect;

/** The approver decided: the buyer hears of the decision rather than of the status. */
const isDecision = (order: OrderRow, event: Record<string, unknown>) =>
  event.from === 'awaiting_approval' && Boolean(order.approvalState) && order.approvalState !== 'pending';

/** Where the buyer sees the order. */
const orderUrl = (publicUrl: string, order: OrderRow) =>
  order.companyId
    ? `${publicUrl}/orgs/${order.companyId}/orders/${order.id}`
    : `${publicUrl}/orders/${order.id}`;

const statusMail = (
  publicUrl: string,
  order: OrderRow,
  to: string,
  buyer: { email: string; locale: string | null },
) => ({
  to: buyer.email,
  template: orderStatusMail.name,
  locale: localeOf(buyer.locale ?? order.locale),
  vars: { number: order.number, status: to, note: '', url: orderUrl(publicUrl, order) },
});

/**
 * A batch of status changes (a busy order flow): the plain ones in one read of the orders, one of the buyers, one
 * insert of notifications and one of mails; approval requests and decisions as `notify` does them. All in one
 * transaction, so a failed batch leaves nothing behind when its jobs run again one by one.
 */
async function notifyBatch(db: Db, publicUrl: string, events: Record<string, unknown>[]): Promise<void> {
  const ids = [...new Set(events.map((e) => String(e.orderId ?? '')))].filter(Boolean);
  const found = ids.length > 0 ? await db.select().from(orders).where(inArray(orders.id, ids)) : [];
  const byId = new Map(found.map((o) => [o.id, o]));
  const plain: { order: OrderRow; to: OrderStatus }[] = [];
  const special: Record<string, unknown>[] = [];
  for (const event of events) {
    const order = byId.get(String(event.orderId ?? ''));
    if (!order) continue;
    if ((event.to === 'awaiting_approval' && order.companyId) || isDecision(order, event))
      special.push(event);
    else plain.push({ order, to: event.to as OrderStatus });
  }
  const buyers = await peopleByIds(
    db,
    plain.map((p) => p.order.personId),
  );
  await db.transaction(async (tx) => {
    await notifyEach(
      tx,
      plain.map((p) => orderStatusNotice(p.order, p.to)),
    );
    await queueMails(
      tx,
      plain.flatMap((p) => {
        const buyer = buyers.get(p.order.personId);
        return buyer?.email ? [statusMail(publicUrl, p.order, p.to, buyer)] : [];
      }),
    );
    for (const event of special) await notify(tx, publicUrl, event);
  });
}

/**
 * A card payment that succeeds after its order was cancelled (the customer paid in another tab, the hold ran
 * out) goes back to the card at once. A retried job finds it refunded and does nothing; the refund's key is
 * the payment's, so the provider never refunds it twice either.
 */
async function refundLatePayment(db: Db, ctx: ModuleContext, payment: Record<string, unknown>) {
  const orderId = payment.subjectType === 'order' ? String(payment.subjectId ?? '') : '';
  if (!orderId || !payment.paymentId) return;
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (order?.status !== 'cancelled' || order.paymentId !== payment.paymentId) return;
  const due = order.paidAmount - order.refundedAmount;
  if (due <= 0) return;
  await refundOrder(
    db,
    { config: ctx.config, secrets: ctx.secrets },
    order.id,
    { amount: due, reason: 'paid after the order was cancelled', idempotencyKey: `late-${order.paymentId}` },
    { kind: 'system', id: null, name: null },
  );
}

/** The orders module's jobs: payment outcomes, notifications, and the approval hold expiry. */
export function ordersJobs(ctx: ModuleContext) {
  return [
    defineJob({
      name: paymentEventsJob,
      payload: outboxPayload,
      handler: async ({ payload, db }) => {
        await applyPaymentEvent(db, payload.eventId, payload.topic, payload.payload);
        if (payload.topic === 'payments.succeeded') await refundLatePayment(db, ctx, payload.payload);
      },
    }),
    defineJob({
      name: notifyJob,
      payload: outboxPayload,
      handler: ({ payload, db }) => notify(db, ctx.config.publicUrl, payload.payload),
      batch: {
        size: 200,
        handler: ({ jobs, db }) =>
          notifyBatch(
            db,
            ctx.config.publicUrl,
            jobs.map((j) => j.payload.payload),
          ),
      },
    }),
    defineJob({
      name: approvalHoldsJob,
      payload: z.object({}).passthrough(),
      maxAttempts: 3,
      handler: async ({ db }) => {
        await releaseExpiredHolds(db);
      },
    }),
  ];
}

/** Outbox subscriptions and the schedule of the hold expiry (every 5 minutes). */
export function wireOrders(ctx: ModuleContext): void {
  for (const topic of ['payments.succeeded', 'payments.canceled', 'payments.refunded'])
    ctx.jobs.subscribe(topic, paymentEventsJob);
  ctx.jobs.subscribe('orders.status_changed', notifyJob);
  ctx.jobs.schedule(approvalHoldsJob, '*/5 * * * *');
}
