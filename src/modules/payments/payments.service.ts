import { and, desc, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Config } from '../../server/core/config.js';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { publishEvent } from '../../server/core/jobs/queue.js';
import type { Secrets } from '../../server/core/secrets.js';
import { devPaymentProvider, devWebhookSecret } from './dev.provider.js';
import type { IncomingWebhook, PaymentProvider, ProviderPayment } from './payments.provider.js';
import {
  type PaymentStatus,
  paymentEvents,
  paymentRefunds,
  payments,
  savedPaymentMethods,
} from './payments.tables.js';
import { yooKassaProvider } from './yookassa.provider.js';

/** What the payment functions need from the app: the configured provider comes from it. */
export interface PaymentsContext {
  config: Config;
  secrets: Secrets;
}

const providers = new WeakMap<Config, PaymentProvider>();

/** The provider chosen by PAYMENT_PROVIDER, one per configuration. */
export function providerOf(ctx: PaymentsContext): PaymentProvider {
  let provider = providers.get(ctx.config);
  if (!provider) {
    const p = ctx.config.payments;
    provider =
      p.provider === 'yookassa'
        ? yooKassaProvider(p)
        : devPaymentProvider({
            publicUrl: ctx.config.publicUrl,
            secret: devWebhookSecret(ctx.secrets.sessionSecret),
          });
    providers.set(ctx.config, provider);
  }
  return provider;
}

type PaymentRow = typeof payments.$inferSelect;

/** A payment as other modules and the API see it. */
export function presentPayment(p: PaymentRow) {
  return {
    id: p.id,
    subjectType: p.subjectType,
    subjectId: p.subjectId,
    amount: p.amount,
    currency: p.currency,
    description: p.description,
    personId: p.personId,
    companyId: p.companyId,
    status: p.status,
    provider: p.provider,
    confirmationUrl: p.status === 'pending' ? p.confirmationUrl : null,
    refundedAmount: p.refundedAmount,
    createdAt: p.createdAt.toISOString(),
  };
}
export type Payment = ReturnType<typeof presentPayment>;

export interface StartPaymentInput {
  subjectType: string;
  subjectId: string;
  /** Kopecks, more than zero. */
  amount: number;
  currency?: 'RUB';
  description: string;
  payer: { personId: string; companyId?: string | undefined };
  /** Where the payment page sends the payer back. */
  returnUrl: string;
  /** One payment per key; a repeat returns the first payment. */
  idempotencyKey: string;
  /** Ask the provider to remember the card for one-click payments. */
  savePaymentMethod?: boolean;
  /** Pay with a saved card of the payer (one-click, no payment page). */
  savedMethodId?: string | undefined;
  metadata?: Record<string, unknown>;
}

// Status moves only forward: a late or repeated notification never undoes a final state.
const rank: Record<PaymentStatus, number> = { pending: 0, waiting_for_capture: 1, succeeded: 2, canceled: 2 };

/**
 * Starts a card payment through the configured provider. Returns the payment with the URL of the payment
 * page, or already succeeded for a one-click payment with a saved card.
 */
export async function startPayment(db: Db, ctx: PaymentsContext, input: StartPaymentInput): Promise<Payment> {
  if (!Number.isInteger(input.amount) || input.amount <= 0)
    throw new AppError('BAD_REQUEST', 'The amount must be positive kopecks');
  // The payment page redirects the payer here: only web addresses, never javascript: or data: URLs.
  if (!/^https?:\/\//i.test(input.returnUrl) || !URL.canParse(input.returnUrl)) {
    throw new AppError('BAD_REQUEST', 'The return URL must be an http(s) address');
  }
  const provider = providerOf(ctx);
  const [existing] = await db
    .select()
    .from(payments)
    .where(eq(payments.idempotencyKey, input.idempotencyKey));
  // A repeat returns the first payment; one whose provider call failed is asked again with the same key,
  // which the provider recognises, so the payer is never charged twice.
  if (existing?.providerPaymentId) return presentPayment(existing);
  let token: string | undefined;
  if (input.savedMethodId) {
    const [method] = await db
      .select()
      .from(savedPaymentMethods)
      .where(
        and(
          eq(savedPaymentMethods.id, input.savedMethodId),
          eq(savedPaymentMethods.personId, input.payer.personId),
          eq(savedPaymentMethods.provider, provider.name),
        ),
      );
    if (!method) throw new AppError('NOT_FOUND', 'No such saved card');
    token = method.providerToken;
  }
  const row = existing ?? (await insertPayment(db, provider.name, input));
  if (row.providerPaymentId) return presentPayment(row);
  const remote = await provider.createPayment(db, {
    amount: row.amount,
    currency: 'RUB',
    description: row.description,
    returnUrl: input.returnUrl,
    idempotencyKey: row.idempotencyKey,
    savePaymentMethod: row.savePaymentMethod,
    paymentMethodToken: token,
    paymentId: row.id,
  });
  // The provider id, the status and its event commit together (a one-click payment succeeds right here).
  await db.transaction(async (tx) => {
    await tx
      .update(payments)
      .set({ providerPaymentId: remote.providerPaymentId, confirmationUrl: remote.confirmationUrl ?? null })
      .where(eq(payments.id, row.id));
    await applyProviderPayment(tx, provider.name, remote);
  });
  return paymentOf(db, row.id);
}

/** Stores a new payment, or returns the one a concurrent start with the same key stored first. */
async function insertPayment(db: Db, provider: string, input: StartPaymentInput): Promise<PaymentRow> {
  const [inserted] = await db
    .insert(payments)
    .values({
      id: uuidv7(),
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      amount: input.amount,
      currency: input.currency ?? 'RUB',
      description: input.description,
      personId: input.payer.personId,
      companyId: input.payer.companyId ?? null,
      provider,
      savePaymentMethod: input.savePaymentMethod ?? false,
      idempotencyKey: input.idempotencyKey,
      metadata: input.metadata ?? {},
    })
    .onConflictDoNothing({ target: payments.idempotencyKey })
    .returning();
  if (inserted) return inserted;
  const [first] = await db.select().from(payments).where(eq(payments.idempotencyKey, input.idempotencyKey));
  if (!first) throw new Error('payment vanished');
  return first;
}

/** One payment by id; `NOT_FOUND` when there is none. */
export async function paymentOf(db: Db, id: string): Promise<Payment> {
  const [row] = await db.select().from(payments).where(eq(payments.id, id));
  if (!row) throw new AppError('NOT_FOUND', 'No such payment');
  return presentPayment(row);
}

/**
 * Moves our payment to the provider's status if that is a step forward, and tells other modules
 * (`payments.succeeded` / `payments.canceled`) in the same transaction. Remembers the card when asked.
 */
async function applyProviderPayment(
  db: Db,
  provider: string,
  remote: ProviderPayment,
): Promise<string | null> {
  const [row] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.provider, provider), eq(payments.providerPaymentId, remote.providerPaymentId)))
    .for('update');
  if (!row) return null;
  if (rank[remote.status] <= rank[row.status]) return row.id;
  await db
    .update(payments)
    .set({ status: remote.status, updatedAt: new Date() })
    .where(eq(payments.id, row.id));
  const event = {
    paymentId: row.id,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    amount: row.amount,
  };
  if (remote.status === 'succeeded') {
    await publishEvent(db, 'payments.succeeded', event);
    const method = remote.paymentMethod;
    if (row.savePaymentMethod && method?.saved) {
      await db
        .insert(savedPaymentMethods)
        .values({
          id: uuidv7(),
          personId: row.personId,
          provider,
          providerToken: method.token,
          cardLast4: method.last4 ?? null,
          cardBrand: method.brand ?? null,
          expiryMonth: method.expiryMonth ?? null,
          expiryYear: method.expiryYear ?? null,
        })
        .onConflictDoNothing();
    }
  }
  if (remote.status === 'canceled') await publishEvent(db, 'payments.canceled', event);
  return row.id;
}

/**
 * Handles a provider's webhook: the provider verifies it (signature, or a read-back from its API), then
 * the event is recorded once by its id; a repeat or a stale status changes nothing.
 */
export async function handleWebhook(
  db: Db,
  ctx: PaymentsContext,
  providerName: string,
  webhook: IncomingWebhook,
) {
  const provider = providerOf(ctx);
  if (provider.name !== providerName) throw new AppError('NOT_FOUND', 'This payment provider is not in use');
  const note = await provider.verifyWebhook(db, webhook);
  return db.transaction(async (tx) => {
    const [fresh] = await tx
      .insert(paymentEvents)
      .values({
        id: uuidv7(),
        provider: provider.name,
        providerEventId: note.eventId,
        event: note.event,
        payload: { payment: note.payment, refund: note.refund ?? null },
      })
      .onConflictDoNothing()
      .returning({ id: paymentEvents.id });
    if (!fresh) return { duplicate: true };
    const paymentId = await applyProviderPayment(tx, provider.name, note.payment);
    if (paymentId) await tx.update(paymentEvents).set({ paymentId }).where(eq(paymentEvents.id, fresh.id));
    if (note.refund) await applyProviderRefund(tx, note.refund.providerRefundId, note.refund.status);
    return { duplicate: false };
  });
}

async function applyProviderRefund(
  db: Db,
  providerRefundId: string,
  status: 'pending' | 'succeeded' | 'canceled',
) {
  const [refund] = await db
    .select()
    .from(paymentRefunds)
    .where(eq(paymentRefunds.providerRefundId, providerRefundId))
    .for('update');
  if (refund?.status !== 'pending' || status === 'pending') return;
  await settleRefund(db, refund, status);
}

type RefundRow = typeof paymentRefunds.$inferSelect;

async function settleRefund(db: Db, refund: RefundRow, status: 'succeeded' | 'canceled') {
  await db
    .update(paymentRefunds)
    .set({ status, updatedAt: new Date() })
    .where(eq(paymentRefunds.id, refund.id));
  if (status !== 'succeeded') return;
  const [payment] = await db.select().from(payments).where(eq(payments.id, refund.paymentId)).for('update');
  if (!payment) return;
  const refundedAmount = payment.refundedAmount + refund.amount;
  await db.update(payments).set({ refundedAmount, updatedAt: new Date() }).where(eq(payments.id, payment.id));
  await publishEvent(db, 'payments.refunded', {
    paymentId: payment.id,
    refundId: refund.id,
    subjectType: payment.subjectType,
    subjectId: payment.subjectId,
    amount: refund.amount,
    fullyRefunded: refundedAmount === payment.amount,
  });
}

/**
 * Refunds part or all of a succeeded payment. The payment row is locked, so two refunds at once can
 * never return more than was paid; a repeat with the same idempotency key returns the first refund.
 */
export async function refundPayment(
  db: Db,
  ctx: PaymentsContext,
  input: { paymentId: string; amount?: number | undefined; idempotencyKey: string },
) {
  const provider = providerOf(ctx);
  return db.transaction(async (tx) => {
    const [again] = await tx
      .select()
      .from(paymentRefunds)
      .where(eq(paymentRefunds.idempotencyKey, input.idempotencyKey));
    if (again) return presentRefund(again);
    const [payment] = await tx.select().from(payments).where(eq(payments.id, input.paymentId)).for('update');
    if (!payment) throw new AppError('NOT_FOUND', 'No such payment');
    if (payment.status !== 'succeeded' || !payment.providerPaymentId) {
      throw new AppError('PAYMENT_NOT_REFUNDABLE', 'Only a succeeded payment can be refunded');
    }
    const open = await tx.select().from(paymentRefunds).where(eq(paymentRefunds.paymentId, payment.id));
    const taken = open.filter((r) => r.status !== 'canceled').reduce((sum, r) => sum + r.amount, 0);
    const amount = input.amount ?? payment.amount - taken;
    if (!Number.isInteger(amount) || amount <= 0 || taken + amount > payment.amount) {
      throw new AppError(
        'REFUND_TOO_LARGE',
        `At most ${payment.amount - taken} kopecks can still be refunded`,
      );
    }
    const [refund] = await tx
      .insert(paymentRefunds)
      .values({ id: uuidv7(), paymentId: payment.id, amount, idempotencyKey: input.idempotencyKey })
      .returning();
    if (!refund) throw new Error('refund not stored');
    const remote = await provider.refund(tx, {
      providerPaymentId: payment.providerPaymentId,
      amount,
      currency: 'RUB',
      idempotencyKey: input.idempotencyKey,
    });
    await tx
      .update(paymentRefunds)
      .set({ providerRefundId: remote.providerRefundId })
      .where(eq(paymentRefunds.id, refund.id));
    if (remote.status !== 'pending') await settleRefund(tx, refund, remote.status);
    const [done] = await tx.select().from(paymentRefunds).where(eq(paymentRefunds.id, refund.id));
    return presentRefund(done as RefundRow);
  });
}

function presentRefund(r: RefundRow) {
  return {
    id: r.id,
    paymentId: r.paymentId,
    amount: r.amount,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
  };
}

type MethodRow = typeof savedPaymentMethods.$inferSelect;
export const presentMethod = (m: MethodRow) => ({
  id: m.id,
  provider: m.provider,
  cardLast4: m.cardLast4,
  cardBrand: m.cardBrand,
  expiryMonth: m.expiryMonth,
  expiryYear: m.expiryYear,
  createdAt: m.createdAt.toISOString(),
});

/** The person's saved cards, newest first. */
export async function listSavedMethods(db: Db, personId: string) {
  const rows = await db
    .select()
    .from(savedPaymentMethods)
    .where(eq(savedPaymentMethods.personId, personId))
    .orderBy(desc(savedPaymentMethods.id));
  return { items: rows.map(presentMethod) };
}

/** Forgets one of the person's saved cards; someone else's card is `NOT_FOUND`. */
export async function removeSavedMethod(db: Db, personId: string, id: string): Promise<void> {
  const removed = await db
    .delete(savedPaymentMethods)
    .where(and(eq(savedPaymentMethods.id, id), eq(savedPaymentMethods.personId, personId)))
    .returning({ id: savedPaymentMethods.id });
  if (removed.length === 0) throw new AppError('NOT_FOUND', 'No such saved card');
}
