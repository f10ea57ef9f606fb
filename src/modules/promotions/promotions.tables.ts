import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Percent (value in basis points: 1000 = 10 %) or a fixed amount (value in kopecks). */
export const promotionKinds = ['percent', 'fixed'] as const;
export type PromotionKind = (typeof promotionKinds)[number];
/** What the discount applies to: the whole order, lines of some categories, or some products. */
export const promotionTargets = ['order', 'categories', 'products'] as const;
export type PromotionTarget = (typeof promotionTargets)[number];
/** Who may use it: retail customers (personal orders), company members (company orders), or both. */
export const promotionAudiences = ['retail', 'company', 'both'] as const;
export type PromotionAudience = (typeof promotionAudiences)[number];

/** A promotion with codes: what it takes off, from what, when, how often, and how it stacks. */
export const promotions = pgTable(
  'promotions',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    description: text('description'),
    kind: text('kind', { enum: promotionKinds }).notNull(),
    value: integer('value').notNull(),
    target: text('target', { enum: promotionTargets }).notNull().default('order'),
    /** Category ids (a line matches when its category path contains one) or product ids. */
    targetIds: uuid('target_ids').array().notNull().default(sql`'{}'::uuid[]`),
    minOrderAmount: bigint('min_order_amount', { mode: 'number' }).notNull().default(0),
    startsAt: timestamp('starts_at', { withTimezone: true }),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    /** Redemptions in total (all codes); null: no limit. */
    usageLimit: integer('usage_limit'),
    /** Redemptions per person; null: no limit. */
    perPersonLimit: integer('per_person_limit'),
    audience: text('audience', { enum: promotionAudiences }).notNull().default('both'),
    /** Stacking rules, stated on the promotion. */
    combinableWithPoints: boolean('combinable_with_points').notNull().default(true),
    appliesToContract: boolean('applies_to_contract').notNull().default(false),
    appliesToDiscounted: boolean('applies_to_discounted').notNull().default(false),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('promotions_value_check', sql`${t.value} > 0 and (${t.kind} <> 'percent' or ${t.value} <= 10000)`),
    check('promotions_min_check', sql`${t.minOrderAmount} >= 0`),
    check(
      'promotions_limits_check',
      sql`coalesce(${t.usageLimit}, 1) > 0 and coalesce(${t.perPersonLimit}, 1) > 0`,
    ),
  ],
);

/** A batch of single-use personal codes generated at once (exported to CSV). */
export const promoBatches = pgTable(
  'promo_batches',
  {
    id: uuid('id').primaryKey(),
    promotionId: uuid('promotion_id')
      .notNull()
      .references(() => promotions.id, { onDelete: 'cascade' }),
    prefix: text('prefix').notNull().default(''),
    size: integer('size').notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('promo_batches_promotion_idx').on(t.promotionId)],
);

/** A code of a promotion: a public one anyone may enter, or a single-use one (optionally for one person). */
export const promoCodes = pgTable(
  'promo_codes',
  {
    id: uuid('id').primaryKey(),
    promotionId: uuid('promotion_id')
      .notNull()
      .references(() => promotions.id, { onDelete: 'cascade' }),
    /** Upper case, no spaces: codes are matched case-insensitively. */
    code: text('code').notNull(),
    batchId: uuid('batch_id').references(() => promoBatches.id, { onDelete: 'cascade' }),
    singleUse: boolean('single_use').notNull().default(false),
    /** The person a personal code is for; null: anyone may use it. */
    personId: text('person_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('promo_codes_code_idx').on(t.code),
    index('promo_codes_promotion_idx').on(t.promotionId),
    index('promo_codes_batch_idx').on(t.batchId),
    check('promo_codes_code_check', sql`${t.code} = upper(${t.code}) and length(${t.code}) between 3 and 40`),
  ],
);

/** A code used on an order; released (not deleted) when the order is cancelled. */
export const promoRedemptions = pgTable(
  'promo_redemptions',
  {
    id: uuid('id').primaryKey(),
    promotionId: uuid('promotion_id')
      .notNull()
      .references(() => promotions.id, { onDelete: 'cascade' }),
    codeId: uuid('code_id')
      .notNull()
      .references(() => promoCodes.id, { onDelete: 'cascade' }),
    singleUse: boolean('single_use').notNull(),
    orderId: uuid('order_id').notNull(),
    personId: text('person_id').notNull(),
    companyId: uuid('company_id'),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    releasedAt: timestamp('released_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('promo_redemptions_order_idx').on(t.orderId),
    index('promo_redemptions_promotion_idx').on(t.promotionId, t.personId),
    // A single-use code is used once: the database refuses a second live redemption.
    uniqueIndex('promo_redemptions_single_use_idx')
      .on(t.codeId)
      .where(sql`${t.singleUse} and ${t.releasedAt} is null`),
    check('promo_redemptions_amount_check', sql`${t.amount} >= 0`),
  ],
);
