import { createHmac, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { enqueueJob } from '../../server/core/jobs/queue.js';
import type { PaymentProvider, ProviderPayment } from './payments.provider.js';
import { devPayPayments, paymentStatuses } from './payments.tables.js';

export const devSignatureHeader = 'x-dev-pay-signature';
export const devWebhookPath = '/api/v1/public/payments/webhooks/dev';
export const devPayPagePath = '/api/v1/public/payments/dev-pay';

/**
 * The dev provider signs webhooks with a key derived from the session secret in the secrets store, so
 * every installation has its own key without another secret to keep.
 */
export function devWebhookSecret(sessionSecret: string): string {
  return createHmac('sha256', sessionSecret).update('kabinet.payments.dev-webhook').digest('hex');
}

export function signDevWebhook(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

const webhookBody = z.object({
  id: z.string().min(1).max(100),
  event: z.enum(['payment.succeeded', 'payment.canceled', 'refund.succeeded']),
  object: z.object({
    id: z.uuid(),
    status: z.enum(paymentStatuses),
    paymentMethod: z
      .object({
        token: z.string(),
        saved: z.boolean(),
        last4: z.string().optional(),
        brand: z.string().optional(),
        expiryMonth: z.number().int().optional(),
        expiryYear: z.number().int().optional(),
      })
      .optional(),
    refund: z
      .object({ providerRefundId: z.string(), status: z.enum(['pending', 'succeeded', 'canceled']) })
      .optional(),
  }),
});
export type DevWebhookBody = z.infer<typeof webhookBody>;

type DevRow = typeof devPayPayments.$inferSelect;

/** The dev provider's view of one of its payments. */
export function presentDevPayment(row: DevRow, publicUrl: string): ProviderPayment {
  return {
    providerPaymentId: row.id,
    status: row.status,
    confirmationUrl:
      row.status === 'pending' && !row.methodToken ? `${publicUrl}${devPayPagePath}/${row.id}` : undefined,
    paymentMethod: row.methodToken
      ? {
          token: row.methodToken,
          saved: row.methodSaved,
          last4: row.cardLast4 ?? undefined,
          brand: 'DEV',
          expiryMonth: row.cardExpiryMonth ?? undefined,
          expiryYear: row.cardExpiryYear ?? undefined,
        }
      : undefined,
  };
}

/** Queues the signed webhook the dev provider sends after a payment or refund changes. */
export async function queueDevWebhook(
  db: Db,
  event: DevWebhookBody['event'],
  object: DevWebhookBody['object'],
): Promise<void> {
  const body: DevWebhookBody = { id: uuidv7(), event, object };
  await enqueueJob(db, 'payments.devWebhook', { body });
}

/** The development provider: Kabinet plays the provider, with its own payment page and webhooks. */
export function devPaymentProvider(options: { publicUrl: string; secret: string }): PaymentProvider {
  const load = async (db: Db, id: string) => {
    const [row] = z.uuid().safeParse(id).success
      ? await db.select().from(devPayPayments).where(eq(devPayPayments.id, id))
      : [];
    if (!row) throw new AppError('NOT_FOUND', 'The dev provider has no such payment');
    return row;
  };
  return {
    name: 'dev',
    async createPayment(db, input) {
      const id = uuidv7();
      const base = {
        id,
        amount: input.amount,
        currency: input.currency,
        description: input.description,
        returnUrl: input.returnUrl,
        savePaymentMethod: input.savePaymentMethod,
      };
      if (input.paymentMethodToken) {
        // One-click: a token the dev provider issued pays at once, without the page.
        const [card] = await db
          .select()
          .from(devPayPayments)
          .where(eq(devPayPayments.methodToken, input.paymentMethodToken));
        if (!card?.methodSaved)
          throw new AppError('PAYMENT_METHOD_UNUSABLE', 'The saved card is not known to the provider');
        const [row] = await db
          .insert(devPayPayments)
          .values({ ...base, status: 'succeeded', cardLast4: card.cardLast4 })
          .returning();
        if (!row) throw new Error('dev payment not stored');
        await queueDevWebhook(db, 'payment.succeeded', { id, status: 'succeeded' });
        return presentDevPayment(row, options.publicUrl);
      }
      const [row] = await db.insert(devPayPayments).values(base).returning();
      if (!row) throw new Error('dev payment not stored');
      return presentDevPayment(row, options.publicUrl);
    },
    async getPayment(db, providerPaymentId) {
      return presentDevPayment(await load(db, providerPaymentId), options.publicUrl);
    },
    async refund(db, input) {
      const row = await load(db, input.providerPaymentId);
      if (row.status !== 'succeeded' || row.refundedAmount + input.amount > row.amount) {
        return { providerRefundId: uuidv7(), status: 'canceled' };
      }
      await db
        .update(devPayPayments)
        .set({ refundedAmount: row.refundedAmount + input.amount })
        .where(eq(devPayPayments.id, row.id));
      const refund = { providerRefundId: uuidv7(), status: 'succeeded' as const };
      await queueDevWebhook(db, 'refund.succeeded', { id: row.id, status: row.status, refund });
      return refund;
    },
    async verifyWebhook(_db, webhook) {
      const given = webhook.headers[devSignatureHeader];
      const expected = signDevWebhook(options.secret, webhook.rawBody);
      if (typeof given !== 'string' || given.length !== expected.length) throw rejected();
      if (!timingSafeEqual(Buffer.from(given), Buffer.from(expected))) throw rejected();
      let parsed: DevWebhookBody;
      try {
        parsed = webhookBody.parse(JSON.parse(webhook.rawBody));
      } catch {
        throw new AppError('BAD_REQUEST', 'The webhook body is not a dev provider notification');
      }
      const { object } = parsed;
      return {
        eventId: parsed.id,
        event: parsed.event,
        payment: { providerPaymentId: object.id, status: object.status, paymentMethod: object.paymentMethod },
        refund: object.refund,
      };
    },
  };
}

const rejected = () => new AppError('WEBHOOK_REJECTED', 'The webhook signature is missing or wrong');
