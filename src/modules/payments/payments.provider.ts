import type { Db } from '../../server/core/db.js';
import type { PaymentStatus } from './payments.tables.js';

/** A card the provider remembered, as the provider describes it. */
export interface ProviderPaymentMethod {
  /** The provider's token for paying again without the payment page. */
  token: string;
  /** Whether the provider keeps it for later payments (the payer agreed). */
  saved: boolean;
  last4?: string | undefined;
  brand?: string | undefined;
  expiryMonth?: number | undefined;
  expiryYear?: number | undefined;
}

/** A payment as the provider sees it. */
export interface ProviderPayment {
  providerPaymentId: string;
  status: PaymentStatus;
  /** Where to send the payer (the payment page); absent when no step is needed (one-click). */
  confirmationUrl?: string | undefined;
  paymentMethod?: ProviderPaymentMethod | undefined;
}

export interface CreatePaymentInput {
  /** Kopecks. */
  amount: number;
  currency: 'RUB';
  description: string;
  returnUrl: string;
  idempotencyKey: string;
  savePaymentMethod: boolean;
  /** A saved card's token: pay without the payment page. */
  paymentMethodToken?: string | undefined;
  /** Our payment id, stored by the provider next to its payment. */
  paymentId: string;
}

export interface ProviderRefund {
  providerRefundId: string;
  status: 'pending' | 'succeeded' | 'canceled';
}

/** A webhook the provider verified: either signed by it, or confirmed by asking its API. */
export interface VerifiedNotification {
  /** Stable per event, so a repeated delivery is recognised. */
  eventId: string;
  event: string;
  payment: ProviderPayment;
  refund?: ProviderRefund | undefined;
}

export interface IncomingWebhook {
  rawBody: string;
  headers: Record<string, string | string[] | undefined>;
  ip: string;
}

/**
 * What Kabinet needs from a card-payment provider. The development provider (dev.provider.ts) behaves
 * like a real one; the YooKassa adapter (yookassa.provider.ts) calls the real API. `db` is the caller's
 * database or transaction (the dev provider keeps its books there; HTTP adapters ignore it).
 */
export interface PaymentProvider {
  name: 'dev' | 'yookassa';
  createPayment(db: Db, input: CreatePaymentInput): Promise<ProviderPayment>;
  getPayment(db: Db, providerPaymentId: string): Promise<ProviderPayment>;
  refund(
    db: Db,
    input: { providerPaymentId: string; amount: number; currency: 'RUB'; idempotencyKey: string },
  ): Promise<ProviderRefund>;
  /** Checks a webhook and says what happened; throws `WEBHOOK_REJECTED` when it cannot be trusted. */
  verifyWebhook(db: Db, webhook: IncomingWebhook): Promise<VerifiedNotification>;
}
