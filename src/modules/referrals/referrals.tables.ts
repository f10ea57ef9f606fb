import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../people/people.tables.js';

export const referralStatuses = ['joined', 'ordered', 'rewarded', 'rejected'] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

/** Why a referral paid nothing (docs/referrals.md, "Fraud checks"). */
export const rejectReasons = [
  'same_person',
  'same_phone',
  'same_card',
  'same_address',
  'below_minimum',
] as const;
export type RejectReason = (typeof rejectReasons)[number];

/** A person's own referral code (one per person, made on first use); the link is `/r/<code>`. */
export const referralCodes = pgTable('referral_codes', {
  personId: text('person_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  code: text('code').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A friend who came by someone's code. One per friend (the unique friend id makes a second claim, even a
 * concurrent one, impossible); the row is locked while the reward is decided, so it is decided once.
 */
export const referrals = pgTable(
  'referrals',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    referrerId: text('referrer_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    friendId: text('friend_id')
      .notNull()
      .unique()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: referralStatuses }).notNull().default('joined'),
    rejectReason: text('reject_reason', { enum: rejectReasons }),
    /** The friend's first personal order (the one that decided the reward). */
    orderId: uuid('order_id'),
    orderNumber: text('order_number'),
    referrerPoints: integer('referrer_points').notNull().default(0),
    friendPoints: integer('friend_points').notNull().default(0),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
    orderedAt: timestamp('ordered_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    index('referrals_referrer_idx').on(t.referrerId, t.joinedAt, t.id),
    index('referrals_status_idx').on(t.status, t.joinedAt, t.id),
    index('referrals_joined_idx').on(t.joinedAt, t.id),
    check('referrals_not_self', sql`${t.referrerId} <> ${t.friendId}`),
    check('referrals_reason_check', sql`(${t.status} = 'rejected') = (${t.rejectReason} is not null)`),
  ],
);
