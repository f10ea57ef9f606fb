import { BlockList, isIPv6 } from 'node:net';
import { z } from 'zod';
import { AppError } from '../../server/core/errors.js';
import type { PaymentProvider, ProviderPayment } from './payments.provider.js';

export interface YooKassaOptions {
  shopId: string;
  secretKey: string;
  /** https://api.yookassa.ru/v3, or a stand-in in tests. */
  apiUrl: string;
  /** Addresses or CIDR ranges notifications may come from; empty: any address. */
  webhookIps?: string[];
  timeoutMs?: number;
}

// The parts of YooKassa API v3 objects Kabinet reads (https://yookassa.ru/developers/api).
const paymentObject = z.object({
  id: z.string(),
  status: z.enum(['pending', 'waiting_for_capture', 'succeeded', 'canceled']),
  confirmation: z.object({ confirmation_url: z.string().optional() }).passthrough().optional(),
  payment_method: z
    .object({
      id: z.string(),
      saved: z.boolean().optional(),
      card: z
        .object({
          last4: z.string().optional(),
          card_type: z.string().optional(),
          expiry_month: z.string().optional(),
          expiry_year: z.string().optional(),
        })
        .passthrough()
        .optional(),
    })
    .passthrough()
    .optional(),
});
const refundObject = z.object({
  id: z.string(),
  payment_id: z.string(),
  status: z.enum(['pending', 'succeeded', 'canceled']),
});
const notification = z.object({
  type: z.literal('notification'),
  event: z.string(),
  object: z.object({ id: z.string() }).passthrough(),
});

/** Kopecks as YooKassa's decimal string: 12345 → "123.45". */
export const toYooKassaValue = (kopecks: number) =>
  `${Math.trunc(kopecks / 100)}.${String(kopecks % 100).padStart(2, '0')}`;

function present(p: z.infer<typeof paymentObject>): ProviderPayment {
  const card = p.payment_method?.card;
  return {
    providerPaymentId: p.id,
    status: p.status,
    confirmationUrl: p.status === 'pending' ? p.confirmation?.confirmation_url : undefined,
    paymentMethod: p.payment_method
      ? {
          token: p.payment_method.id,
          saved: p.payment_method.saved ?? false,
          last4: card?.last4,
          brand: card?.card_type,
          expiryMonth: card?.expiry_month ? Number(card.expiry_month) : undefined,
          expiryYear: card?.expiry_year ? Number(card.expiry_year) : undefined,
        }
      : undefined,
  };
}

/** The allow-list of webhook senders, or null when every address may send (the API check still applies). */
function senderList(entries: string[] | undefined): BlockList | null {
  if (!entries?.length) return null;
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const type = isIPv6(address) ? 'ipv6' : 'ipv4';
    if (prefix) list.addSubnet(address, Number(prefix), type);
    else list.addAddress(address, type);
  }
  return list;
}

const allowedSender = (list: BlockList | null, ip: string) => {
  if (!list) return true;
  const plain = ip.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
  return list.check(plain, isIPv6(plain) ? 'ipv6' : 'ipv4');
};

/**
 * YooKassa API v3: Basic auth with shopId:secretKey, an Idempotence-Key on every POST. Its webhooks
 * carry no signature, so a notification is only a hint: the adapter reads the payment (or refund) back
 * from the API and trusts what the API says, never the notification body.
 */
export function yooKassaProvider(options: YooKassaOptions): PaymentProvider {
  const senders = senderList(options.webhookIps);
  const auth = `Basic ${Buffer.from(`${options.shopId}:${options.secretKey}`).toString('base64')}`;

  async function call<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<z.infer<S>> {
    let response: Response;
    try {
      response = await fetch(`${options.apiUrl}${path}`, {
        method,
        headers: {
          authorization: auth,
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...(idempotencyKey ? { 'idempotence-key': idempotencyKey } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new AppError('PAYMENT_PROVIDER_FAILED', `YooKassa is unreachable: ${(error as Error).message}`);
    }
    const text = await response.text();
    if (response.status === 404) throw new AppError('NOT_FOUND', 'YooKassa does not know this object');
    if (!response.ok) {
      let description = '';
      try {
        description = String((JSON.parse(text) as { description?: string }).description ?? '');
      } catch {}
      throw new AppError(
        'PAYMENT_PROVIDER_FAILED',
        `YooKassa answered HTTP ${response.status} ${description}`.trim(),
      );
    }
    const parsed = schema.safeParse(JSON.parse(text));
    if (!parsed.success)
      throw new AppError('PAYMENT_PROVIDER_FAILED', 'YooKassa answered with an unexpected object');
    return parsed.data;
  }

  const getPayment = async (id: string) =>
    present(await call('GET', `/payments/${encodeURIComponent(id)}`, paymentObject));

  return {
    name: 'yookassa',
    async createPayment(_db, input) {
      const body = {
        amount: { value: toYooKassaValue(input.amount), currency: input.currency },
        capture: true,
        description: input.description.slice(0, 128),
        metadata: { kabinetPaymentId: input.paymentId },
        ...(input.paymentMethodToken
          ? { payment_method_id: input.paymentMethodToken }
          : {
              confirmation: { type: 'redirect', return_url: input.returnUrl },
              save_payment_method: input.savePaymentMethod,
            }),
      };
      return present(await call('POST', '/payments', paymentObject, body, input.idempotencyKey));
    },
    getPayment: (_db, id) => getPayment(id),
    async refund(_db, input) {
      const refund = await call(
        'POST',
        '/refunds',
        refundObject,
        {
          payment_id: input.providerPaymentId,
          amount: { value: toYooKassaValue(input.amount), currency: input.currency },
        },
        input.idempotencyKey,
      );
      return { providerRefundId: refund.id, status: refund.status };
    },
    async verifyWebhook(_db, webhook) {
      if (!allowedSender(senders, webhook.ip)) {
        throw new AppError('WEBHOOK_REJECTED', 'Notifications are not accepted from this address');
      }
      let note: z.infer<typeof notification>;
      try {
        note = notification.parse(JSON.parse(webhook.rawBody));
      } catch {
        throw new AppError('WEBHOOK_REJECTED', 'Not a YooKassa notification');
      }
      try {
        if (note.event.startsWith('refund.')) {
          const refund = await call('GET', `/refunds/${encodeURIComponent(note.object.id)}`, refundObject);
          const payment = await getPayment(refund.payment_id);
          return {
            eventId: `${note.event}:${refund.id}:${refund.status}`,
            event: note.event,
            payment,
            refund: { providerRefundId: refund.id, status: refund.status },
          };
        }
        const payment = await getPayment(note.object.id);
        return {
          eventId: `${note.event}:${payment.providerPaymentId}:${payment.status}`,
          event: note.event,
          payment,
        };
      } catch (error) {
        // An id YooKassa does not know is a forged notification; an outage is our problem (YooKassa retries).
        if (error instanceof AppError && error.code === 'NOT_FOUND') {
          throw new AppError('WEBHOOK_REJECTED', 'YooKassa does not confirm this notification');
        }
        throw error;
      }
    },
  };
}
