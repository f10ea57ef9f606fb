import { and, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { type Db, queryRows } from '../../server/core/db.js';
import { cancelOrder, type OrderRow, placeOrder, startOrderPayment } from '../orders/index.js';
import { type PaymentsContext, paymentOf, startPayment } from '../payments/index.js';
import { getPerson } from '../people/people.service.js';
import { addDays, dateOf } from './subscriptions.dates.js';
import { sendNotice } from './subscriptions.notices.js';
import { periodAfter, planOf, recordEvent, type SubscriptionRow } from './subscriptions.service.js';
import { subscriptionCharges, subscriptions } from './subscriptions.tables.js';

/** Days after a failed period before each retry; after the last retry fails, the subscription pauses. */
export const retryDelaysDays = [1, 3] as const;
/** How long a runner holds a claimed subscription. */
const leaseMs = 10 * 60_000;
/** Subscriptions one pass claims. */
const batchSize = 100;

export interface RunnerContext {
  payments: PaymentsContext;
  publicUrl: string;
}

export interface RunResult {
  claimed: number;
  charged: number;
  failed: number;
  paused: number;
}

const rub = (kopecks: number, locale: 'ru' | 'en') =>
  new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'ru-RU', { style: 'currency', currency: 'RUB' }).format(
    kopecks / 100,
  );
const fmtDate = (day: string, locale: 'ru' | 'en') =>
  new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'ru-RU', { timeZone: 'UTC', dateStyle: 'long' }).format(
    new Date(`${day}T00:00:00Z`),
  );

/**
 * One pass of the runner: ends pauses whose date has come, then claims the due subscriptions in one
 * statement (`FOR UPDATE SKIP LOCKED` plus a lease, so two processes never work on one row) and charges
 * each one's period: an order paid with the saved card, or a plan's payment.
 */
export async function runSubscriptions(db: Db, ctx: RunnerContext, now = new Date()): Promise<RunResult> {
  const today = dateOf(now);
  const resumed = await queryRows<{ id: string; next_date: string }>(
    db,
    sql`update subscriptions set status = 'active', paused_until = null, pause_reason = null,
          next_date = greatest(next_date, paused_until), updated_at = ${now.toISOString()}::timestamptz
        where status = 'paused' and paused_until is not null and paused_until <= ${today}::date
        returning id, next_date::text as next_date`,
  );
  for (const r of resumed) await recordEvent(db, r.id, 'resumed', 'system', { nextDate: r.next_date }, now);

  const claimed = await queryRows<{ id: string }>(
    db,
    sql`update subscriptions s set locked_until = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz
        where s.id in (
          select id from subscriptions
          where status = 'active'
            and (locked_until is null or locked_until < ${now.toISOString()}::timestamptz)
            and ((retry_at is null and next_date <= ${today}::date) or retry_at <= ${now.toISOString()}::timestamptz)
          order by next_date, id
          limit ${batchSize}
          for update skip locked)
        returning s.id`,
  );
  const result: RunResult = { claimed: claimed.length, charged: 0, failed: 0, paused: 0 };
  for (const { id } of claimed) {
    const outcome = await chargePeriod(db, ctx, id, now);
    if (outcome === 'charged') result.charged++;
    else if (outcome === 'failed') result.failed++;
    else if (outcome === 'paused') result.paused++;
  }
  return result;
}

class ChargeRefused extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

const codeOf = (error: unknown) => {
  const e = error as { code?: unknown };
  return typeof e?.code === 'string' ? e.code : 'ERROR';
};

/** Places (or finds) the period's order and pays it with the saved card; the order and payment ids. */
async function chargeProduct(
  db: Db,
  ctx: RunnerContext,
  s: SubscriptionRow,
  period: string,
  attempt: number,
  now: Date,
): Promise<{ orderId: string; paymentId: string; amount: number }> {
  if (!s.savedMethodId) throw new ChargeRefused('NO_SAVED_CARD');
  const person = await getPerson(db, s.personId);
  const locale = s.locale === 'en' ? 'en' : 'ru';
  const returnUrl = `${ctx.publicUrl}/orders/{id}`;
  let order: OrderRow | null = null;
  try {
    const placed = await placeOrder(db, ctx.payments, {
      owner: { personId: s.personId, personName: person?.name ?? '', companyId: null },
      pricing: { scope: 'me', userId: s.personId, companyId: null, customerGroupId: null, at: now },
      lines: [{ variantId: s.variantId as string, quantity: s.quantity ?? 1 }],
      delivery: { methodId: s.deliveryMethodId as string, addressId: s.addressId ?? undefined },
      paymentMethod: 'card_online',
      comment: locale === 'en' ? `Subscription: ${s.title}` : `Подписка: ${s.title}`,
      // One order per subscription and period, however often the runner comes back to it.
      idempotencyKey: `subscription:${s.id}:${period}`,
      savedPaymentMethodId: s.savedMethodId,
      locale,
      returnUrl,
      now,
    });
    order = placed.order;
  } catch (error) {
    // Refused (stock, delivery) or placed but its payment failed: the retry finds the order by the same key.
    throw new ChargeRefused(codeOf(error));
  }
  if (order.status === 'awaiting_payment') {
    const current = order.paymentId ? await paymentOf(db, order.paymentId) : null;
    if (!current || current.status === 'canceled') {
      try {
        order = await startOrderPayment(db, ctx.payments, order, {
          returnUrl,
          savedPaymentMethodId: s.savedMethodId,
          attempt: `subscription-${attempt}`,
        });
      } catch (error) {
        throw new ChargeRefused(codeOf(error));
      }
    }
  }
  if (!order.paymentId) throw new ChargeRefused('NO_PAYMENT');
  const payment = await paymentOf(db, order.paymentId);
  if (payment.status === 'canceled') throw new ChargeRefused('PAYMENT_CANCELED');
  return { orderId: order.id, paymentId: payment.id, amount: order.total };
}

/** Charges a plan's period with the saved card. */
async function chargePlan(
  db: Db,
  ctx: RunnerContext,
  s: SubscriptionRow,
  chargeId: string,
  period: string,
  attempt: number,
): Promise<{ orderId: null; paymentId: string; amount: number }> {
  const plan = await planOf(db, s.planId);
  if (!plan) throw new ChargeRefused('NO_PLAN');
  if (!s.savedMethodId) throw new ChargeRefused('NO_SAVED_CARD');
  try {
    const payment = await startPayment(db, ctx.payments, {
      subjectType: 'subscription',
      subjectId: chargeId,
      amount: plan.price,
      description: `${s.locale === 'en' ? plan.nameEn : plan.nameRu}: ${period}`,
      payer: { personId: s.personId },
      returnUrl: `${ctx.publicUrl}/subscriptions/${s.id}`,
      idempotencyKey: `subscription:${s.id}:${period}:${attempt}`,
      savedMethodId: s.savedMethodId,
    });
    if (payment.status === 'canceled') throw new ChargeRefused('PAYMENT_CANCELED');
    return { orderId: null, paymentId: payment.id, amount: plan.price };
  } catch (error) {
    if (error instanceof ChargeRefused) throw error;
    throw new ChargeRefused(codeOf(error));
  }
}

/** Charges the claimed subscription's current period: success moves the next date, failure schedules a retry. */
async function chargePeriod(
  db: Db,
  ctx: RunnerContext,
  id: string,
  now: Date,
): Promise<'charged' | 'failed' | 'paused' | 'none'> {
  const [s] = await db.select().from(subscriptions).where(eq(subscriptions.id, id));
  if (s?.status !== 'active') return 'none';
  const period = s.nextDate;
  await db
    .insert(subscriptionCharges)
    .values({ id: uuidv7(), subscriptionId: id, periodDate: period, createdAt: now, updatedAt: now })
    .onConflictDoNothing();
  const [charge] = await db
    .select()
    .from(subscriptionCharges)
    .where(and(eq(subscriptionCharges.subscriptionId, id), eq(subscriptionCharges.periodDate, period)));
  if (!charge) return 'none';
  const plan = await planOf(db, s.planId);
  const attempt = charge.attempts + 1;
  const locale = s.locale === 'en' ? 'en' : 'ru';
  try {
    const done =
      charge.status === 'paid'
        ? { orderId: charge.orderId, paymentId: charge.paymentId, amount: charge.amount ?? 0 }
        : s.kind === 'product'
          ? await chargeProduct(db, ctx, s, period, attempt, now)
          : await chargePlan(db, ctx, s, charge.id, period, attempt);
    const nextDate = periodAfter(s, plan, period);
    await db.transaction(async (tx) => {
      await tx
        .update(subscriptionCharges)
        .set({ status: 'paid', attempts: attempt, ...done, lastError: null, updatedAt: now })
        .where(eq(subscriptionCharges.id, charge.id));
      await tx
        .update(subscriptions)
        .set({ nextDate, retryAt: null, failedAttempts: 0, lockedUntil: null, updatedAt: now })
        .where(eq(subscriptions.id, id));
      await recordEvent(tx, id, 'charged', 'system', { period, ...done, nextDate }, now);
      await sendNotice(tx, ctx.publicUrl, {
        personId: s.personId,
        preference: 'subscriptionNotices',
        kind: 'subscriptions.charged',
        title: { ru: `Подписка «${s.title}»: оплачено`, en: `Subscription “${s.title}”: paid` },
        body: {
          ru: `${s.kind === 'product' ? 'Заказ по подписке оформлен и оплачен' : 'Период оплачен'}: ${rub(done.amount, 'ru')}. Следующая дата — ${fmtDate(nextDate, 'ru')}.`,
          en: `${s.kind === 'product' ? 'The subscription order is placed and paid' : 'The period is paid'}: ${rub(done.amount, 'en')}. Next date: ${fmtDate(nextDate, 'en')}.`,
        },
        link: done.orderId ? `/orders/${done.orderId}` : `/subscriptions/${id}`,
        action: { ru: 'Открыть', en: 'Open' },
        data: { subscriptionId: id, period },
      });
    });
    return 'charged';
  } catch (error) {
    const code = error instanceof ChargeRefused ? error.code : codeOf(error);
    const last = attempt > retryDelaysDays.length;
    const retryAt = last
      ? null
      : new Date(now.getTime() + (retryDelaysDays[attempt - 1] as number) * 86_400_000);
    await db.transaction(async (tx) => {
      await tx
        .update(subscriptionCharges)
        .set({ status: last ? 'failed' : 'pending', attempts: attempt, lastError: code, updatedAt: now })
        .where(eq(subscriptionCharges.id, charge.id));
      await tx
        .update(subscriptions)
        .set(
          last
            ? {
                status: 'paused',
                pauseReason: 'payment_failed',
                pausedUntil: null,
                retryAt: null,
                failedAttempts: attempt,
                lockedUntil: null,
                updatedAt: now,
              }
            : { retryAt, failedAttempts: attempt, lockedUntil: null, updatedAt: now },
        )
        .where(eq(subscriptions.id, id));
      await recordEvent(
        tx,
        id,
        'payment_failed',
        'system',
        { period, attempt, error: code, retryAt: retryAt?.toISOString() ?? null },
        now,
      );
      if (last) await recordEvent(tx, id, 'paused', 'system', { reason: 'payment_failed' }, now);
      const retryDay = retryAt ? dateOf(retryAt) : null;
      await sendNotice(tx, ctx.publicUrl, {
        personId: s.personId,
        preference: null,
        kind: last ? 'subscriptions.paused' : 'subscriptions.payment_failed',
        title: last
          ? { ru: `Подписка «${s.title}» приостановлена`, en: `Subscription “${s.title}” is paused` }
          : {
              ru: `Подписка «${s.title}»: не удалось оплатить`,
              en: `Subscription “${s.title}”: payment failed`,
            },
        body: last
          ? {
              ru: 'Мы несколько раз не смогли списать оплату с сохранённой карты, поэтому подписка приостановлена. Проверьте карту и возобновите подписку.',
              en: 'We could not charge the saved card after several attempts, so the subscription is paused. Check the card and resume the subscription.',
            }
          : {
              ru: `Не удалось списать оплату с сохранённой карты. Попробуем ещё раз ${fmtDate(retryDay as string, 'ru')}.`,
              en: `We could not charge the saved card. We will try again on ${fmtDate(retryDay as string, 'en')}.`,
            },
        link: `/subscriptions/${id}`,
        action: { ru: 'Открыть подписку', en: 'Open the subscription' },
        data: { subscriptionId: id, period, attempt },
      });
    });
    if (last && s.kind === 'product') await cancelDanglingOrder(db, ctx, s, period, locale);
    return last ? 'paused' : 'failed';
  }
}

/** After the last failed attempt, the period's unpaid order (if one was placed) is cancelled and its stock freed. */
async function cancelDanglingOrder(
  db: Db,
  ctx: RunnerContext,
  s: SubscriptionRow,
  period: string,
  locale: 'ru' | 'en',
) {
  // Placing with the period's key returns the order placed under it, if any (and places nothing new).
  const found = await placeOrder(db, ctx.payments, {
    owner: { personId: s.personId, personName: '', companyId: null },
    pricing: { scope: 'me', userId: s.personId, companyId: null, customerGroupId: null, at: new Date() },
    lines: [],
    delivery: { methodId: s.deliveryMethodId as string },
    paymentMethod: 'card_online',
    idempotencyKey: `subscription:${s.id}:${period}`,
    locale,
    returnUrl: `${ctx.publicUrl}/orders/{id}`,
  }).catch(() => null);
  if (!found || found.created || found.order.status !== 'awaiting_payment') return;
  await cancelOrder(
    db,
    { kind: 'me', personId: s.personId },
    found.order.id,
    { id: s.personId, name: 'Kabinet' },
    locale === 'en' ? 'The subscription payment failed' : 'Оплата по подписке не прошла',
  ).catch(() => undefined);
}

/** The next retry date shown to people (for docs and tests). */
export const retryDay = (failedAt: Date, attempt: number) =>
  addDays(dateOf(failedAt), retryDelaysDays[attempt - 1] ?? 0);
