import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true });

/** What a ledger entry records (docs/loyalty.md, "Ledger"). */
export const pointEntryKinds = [
  /** Points earned by an order (a lot). */
  'accrual',
  /** Welcome, birthday, referral or promotion points (a lot; `source` says which). */
  'bonus',
  /** A staff correction: positive is a lot, negative takes from lots. */
  'adjustment',
  /** Points spent at checkout (negative). */
  'redemption',
  /** Spent points given back after a cancellation or return (a lot keeping the original expiry). */
  'redemption_reversal',
  /** Accrued points taken back after a cancellation or return (negative). */
  'accrual_reversal',
  /** Points that reached their expiry date unspent (negative). */
  'expiration',
] as const;
export type PointEntryKind = (typeof pointEntryKinds)[number];

/**
 * The bonus-points ledger: one row per movement, never edited except `remaining` of a lot (what is left of a
 * positive entry). The balance is the sum of `points`; it always equals the sum of the lots' `remaining`.
 */
export const loyaltyPointEntries = pgTable(
  'loyalty_point_entries',
  {
    id: uuid('id').primaryKey(),
    personId: text('person_id').notNull(),
    kind: text('kind', { enum: pointEntryKinds }).notNull(),
    /** Signed: positive entries are lots, negative ones took points from lots (see allocations). */
    points: integer('points').notNull(),
    /** Lots only: what is still unspent. */
    remaining: integer('remaining'),
    /** Lots only: when what remains burns. */
    expiresAt: at('expires_at'),
    orderId: uuid('order_id'),
    /** The order's human number, for the history (filled in once the order exists). */
    orderNumber: text('order_number'),
    /** Bonus source (`welcome`, `birthday`, `referral`, `promotion`) or a return id. */
    source: text('source'),
    /** What the person reads in their history. */
    reason: text('reason').notNull(),
    /** Take-backs only: the points that could not be taken because the balance was short. */
    shortfall: integer('shortfall').notNull().default(0),
    /** Staff member of an adjustment. */
    actorId: text('actor_id'),
    /** One entry per key: a redelivered event or a retried request writes nothing twice. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    index('loyalty_point_entries_person_idx').on(t.personId, t.createdAt, t.id),
    index('loyalty_point_entries_order_idx').on(t.orderId),
    index('loyalty_point_entries_lots_idx').on(t.personId, t.expiresAt).where(sql`${t.remaining} > 0`),
    index('loyalty_point_entries_expiry_idx').on(t.expiresAt).where(sql`${t.remaining} > 0`),
    index('loyalty_point_entries_month_idx').on(t.createdAt),
    check('loyalty_point_entries_points_check', sql`${t.points} <> 0 or ${t.shortfall} > 0`),
    check(
      'loyalty_point_entries_lot_check',
      sql`(${t.points} > 0 and ${t.remaining} between 0 and ${t.points} and ${t.expiresAt} is not null)
        or (${t.points} <= 0 and ${t.remaining} is null)`,
    ),
    check('loyalty_point_entries_shortfall_check', sql`${t.shortfall} >= 0`),
  ],
);

/** Which lots a negative entry took its points from (FIFO by expiry); makes exact reversal possible. */
export const loyaltyPointAllocations = pgTable(
  'loyalty_point_allocations',
  {
    id: uuid('id').primaryKey(),
    debitId: uuid('debit_id')
      .notNull()
      .references(() => loyaltyPointEntries.id),
    lotId: uuid('lot_id')
      .notNull()
      .references(() => loyaltyPointEntries.id),
    points: integer('points').notNull(),
  },
  (t) => [
    index('loyalty_point_allocations_debit_idx').on(t.debitId),
    index('loyalty_point_allocations_lot_idx').on(t.lotId),
    check('loyalty_point_allocations_points_check', sql`${t.points} > 0`),
  ],
);

/** The birth date a person gave the loyalty programme (the people module keeps none), for the birthday bonus. */
export const loyaltyBirthdays = pgTable('loyalty_birthdays', {
  personId: text('person_id').primaryKey(),
  birthDate: date('birth_date').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
});
