import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * A person's loyalty account: the card number they show at a till, and their current tier. The balance is NOT
 * here: it is the sum of the points ledger (points.tables.ts), never a mutable number.
 */
export const loyaltyAccounts = pgTable(
  'loyalty_accounts',
  {
    /** The person (people module id); one account each. */
    personId: text('person_id').primaryKey(),
    /** 13 digits, a valid EAN-13 with the in-store prefix 2 (loyalty.card-number.ts). */
    cardNumber: text('card_number').notNull().unique(),
    /** The tier's code (tiers.tables.ts), null until the first recalculation puts the person in one. */
    tierCode: text('tier_code'),
    tierSince: timestamp('tier_since', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('loyalty_accounts_tier_idx').on(t.tierCode)],
);
