import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../people/people.tables.js';

export const paymentStatuses = ['pending', 'waiting_for_capture', 'succeeded', 'canceled'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

/**
 * One attempt to take money for a subject of another module (an order, an invoice). The subject is
 * opaque here: payments never read the orders' tables, orders react to the `payments.*` events.
 */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey(),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    /** Kopecks. */
    amount: integer('amount').notNull(),
    currency: text('currency').notNull().default('RUB'),
    description: text('description').notNull(),
    /** The paying person (kept after their erasure: a payment is a financial record). */
    personId: text('person_id').notNull(),
    companyId: uuid('company_id'),
    status: text('status', { enum: paymentStatuses }).notNull().default('pending'),
    provider: text('provider').notNull(),
    providerPaymentId: text('provider_payment_id'),
    confirmationUrl: text('confirmation_url'),
    /** Kopecks refunded so far (succeeded refunds only). */
    refundedAmount: integer('refunded_amount').notNull().default(0),
    savePaymentMethod: boolean('save_payment_method').notNull().default(false),
    /** One payment per key: a repeated start returns the first payment. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    metadata: jsonb('metadata').notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('payments_provider_payment_idx').on(t.provider, t.providerPaymentId),
    index('payments_subject_idx').on(t.subjectType, t.subjectId),
  ],
);

/** A partial or full refund of a succeeded payment. */
export const paymentRefunds = pgTable(
  'payment_refunds',
  {
    id: uuid('id').primaryKey(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id),
    amount: integer('amount').notNull(),
    status: text('status', { enum: ['pending', 'succeeded', 'canceled'] })
      .notNull()
      .default('pending'),
    providerRefundId: text('provider_refund_id'),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('payment_refunds_payment_idx').on(t.paymentId)],
);

/** A card the person asked to remember: only the provider's token and what a list needs to show. */
export const savedPaymentMethods = pgTable(
  'saved_payment_methods',
  {
    id: uuid('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    providerToken: text('provider_token').notNull(),
    cardLast4: text('card_last4'),
    cardBrand: text('card_brand'),
    expiryMonth: integer('expiry_month'),
    expiryYear: integer('expiry_year'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('saved_payment_methods_token_idx').on(t.provider, t.providerToken),
    index('saved_payment_methods_person_idx').on(t.personId),
  ],
);

/** Every verified provider notification, once: the unique event id makes a repeated webhook a no-op. */
export const paymentEvents = pgTable(
  'payment_events',
  {
    id: uuid('id').primaryKey(),
    provider: text('provider').notNull(),
    providerEventId: text('provider_event_id').notNull(),
    event: text('event').notNull(),
    paymentId: uuid('payment_id'),
    payload: jsonb('payload').notNull().default({}),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('payment_events_provider_event_idx').on(t.provider, t.providerEventId)],
);

/**
 * The development provider's own books, standing in for a real provider's side: its payments, the
 * card the tester typed (last four digits only) and the token it issued for a saved card.
 */
export const devPayPayments = pgTable(
  'dev_pay_payments',
  {
    id: uuid('id').primaryKey(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    description: text('description').notNull(),
    returnUrl: text('return_url').notNull(),
    status: text('status', { enum: paymentStatuses }).notNull().default('pending'),
    savePaymentMethod: boolean('save_payment_method').notNull().default(false),
    /** Set while the page waits for the 3-D-Secure-like code. */
    awaitingCode: boolean('awaiting_code').notNull().default(false),
    cardLast4: text('card_last4'),
    cardExpiryMonth: integer('card_expiry_month'),
    cardExpiryYear: integer('card_expiry_year'),
    methodToken: text('method_token'),
    methodSaved: boolean('method_saved').notNull().default(false),
    refundedAmount: integer('refunded_amount').notNull().default(0),
    cancellationReason: text('cancellation_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('dev_pay_payments_token_idx').on(t.methodToken).where(sql`${t.methodToken} is not null`),
  ],
);
