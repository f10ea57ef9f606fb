import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
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

const at = (name: string) => timestamp(name, { withTimezone: true });

export const subscriptionKinds = ['product', 'plan'] as const;
export const subscriptionStatuses = ['active', 'paused', 'canceled'] as const;
export const planPeriods = ['month', 'weeks'] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];

/** A service plan staff offer (cleaning every month, a tariff): a price per month or per N weeks. */
export const subscriptionPlans = pgTable('subscription_plans', {
  id: uuid('id').primaryKey(),
  nameRu: text('name_ru').notNull(),
  nameEn: text('name_en').notNull(),
  descriptionRu: text('description_ru').notNull().default(''),
  descriptionEn: text('description_en').notNull().default(''),
  /** Kopecks per period. */
  price: integer('price').notNull(),
  period: text('period', { enum: planPeriods }).notNull(),
  /** Weeks per period when `period` is `weeks`. */
  intervalWeeks: integer('interval_weeks'),
  isActive: boolean('is_active').notNull().default(true),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/**
 * A person's subscription: a product delivered every N weeks, or a service plan, paid each period with a
 * saved card. The runner places the period's order (or charge) on `next_date`.
 */
export const subscriptions = pgTable(
  'subscriptions',
  {
    id: uuid('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: subscriptionKinds }).notNull(),
    /** What it is called (the product's or the plan's name when subscribed). */
    title: text('title').notNull(),
    variantId: uuid('variant_id'),
    productId: uuid('product_id'),
    quantity: integer('quantity'),
    intervalWeeks: integer('interval_weeks'),
    planId: uuid('plan_id').references(() => subscriptionPlans.id),
    deliveryMethodId: uuid('delivery_method_id'),
    addressId: uuid('address_id'),
    /** The saved card that pays; null until the person chooses one (the period then fails and is retried). */
    savedMethodId: uuid('saved_method_id'),
    status: text('status', { enum: subscriptionStatuses }).notNull().default('active'),
    nextDate: date('next_date', { mode: 'string' }).notNull(),
    /** A pause ends by itself on this date; null while paused means until resumed. */
    pausedUntil: date('paused_until', { mode: 'string' }),
    /** Why it is paused: `person`, `payment_failed`. */
    pauseReason: text('pause_reason'),
    /** While a failed period is retried: when to try again, and how many attempts failed. */
    retryAt: at('retry_at'),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    /** A runner's lease on the row while it works on the period. */
    lockedUntil: at('locked_until'),
    locale: text('locale').notNull().default('ru'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    canceledAt: at('canceled_at'),
  },
  (t) => [
    index('subscriptions_person_idx').on(t.personId, t.createdAt),
    index('subscriptions_due_idx').on(t.nextDate).where(sql`${t.status} = 'active'`),
    // One live subscription per person and product variant (or plan).
    uniqueIndex('subscriptions_live_variant_idx')
      .on(t.personId, t.variantId)
      .where(sql`${t.status} <> 'canceled' and ${t.variantId} is not null`),
    uniqueIndex('subscriptions_live_plan_idx')
      .on(t.personId, t.planId)
      .where(sql`${t.status} <> 'canceled' and ${t.planId} is not null`),
  ],
);

/** Everything that happened to a subscription: created, changed, paused, skipped, charged, failed, canceled. */
export const subscriptionEvents = pgTable(
  'subscription_events',
  {
    id: uuid('id').primaryKey(),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => subscriptions.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    /** `person`, `staff` or `system` (the runner). */
    actor: text('actor').notNull(),
    data: jsonb('data').notNull().default({}),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('subscription_events_sub_idx').on(t.subscriptionId, t.createdAt)],
);

/** One period of a subscription: its order or payment, once per (subscription, period date). */
export const subscriptionCharges = pgTable(
  'subscription_charges',
  {
    id: uuid('id').primaryKey(),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => subscriptions.id, { onDelete: 'cascade' }),
    periodDate: date('period_date', { mode: 'string' }).notNull(),
    status: text('status', { enum: ['pending', 'paid', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    orderId: uuid('order_id'),
    paymentId: uuid('payment_id'),
    amount: integer('amount'),
    lastError: text('last_error'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('subscription_charges_period_idx').on(t.subscriptionId, t.periodDate),
    index('subscription_charges_failed_idx').on(t.updatedAt).where(sql`${t.status} <> 'paid'`),
  ],
);

/** A «time to reorder» reminder: one per person, product and cycle (the last purchase it follows). */
export const reorderReminders = pgTable(
  'reorder_reminders',
  {
    id: uuid('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    productId: uuid('product_id').notNull(),
    variantId: uuid('variant_id').notNull(),
    title: text('title').notNull(),
    quantity: integer('quantity').notNull(),
    /** The purchase this cycle follows, and the person's usual interval in days. */
    lastPurchase: date('last_purchase', { mode: 'string' }).notNull(),
    intervalDays: integer('interval_days').notNull(),
    /** SHA-256 of the one-click link's token. */
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: at('created_at').notNull().defaultNow(),
    usedAt: at('used_at'),
  },
  (t) => [
    uniqueIndex('reorder_reminders_cycle_idx').on(t.personId, t.productId, t.lastPurchase),
    index('reorder_reminders_person_idx').on(t.personId, t.createdAt),
  ],
);

/** Which notices a person wants; no row means everything on. */
export const reminderPreferences = pgTable('reminder_preferences', {
  personId: text('person_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  reorderReminders: boolean('reorder_reminders').notNull().default(true),
  subscriptionNotices: boolean('subscription_notices').notNull().default(true),
  updatedAt: at('updated_at').notNull().defaultNow(),
});
