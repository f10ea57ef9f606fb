import { sql } from 'drizzle-orm';
import { bigint, check, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * A loyalty tier (Silver, Gold, Platinum): a person is in the highest tier whose minimum spend their spend over the
 * rolling period reaches (tiers.service.ts). The recalculation job writes the result to `loyalty_accounts.tier_code`.
 */
export const loyaltyTiers = pgTable(
  'loyalty_tiers',
  {
    /** Stable key (`gold`), kept in `loyalty_accounts.tier_code`. */
    code: text('code').primaryKey(),
    nameRu: text('name_ru').notNull(),
    nameEn: text('name_en').notNull(),
    /** Kopecks spent over the rolling period that put a person in this tier. */
    minSpend: bigint('min_spend', { mode: 'number' }).notNull(),
    /** Points accrued on the paid amount, in basis points (500 = 5 %), read by the points ledger through tierOf. */
    accrualBp: integer('accrual_bp').notNull(),
    /** Display order (lower first). */
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('loyalty_tiers_min_spend_check', sql`${t.minSpend} >= 0`),
    check('loyalty_tiers_accrual_check', sql`${t.accrualBp} between 0 and 10000`),
    check('loyalty_tiers_code_check', sql`${t.code} ~ '^[a-z0-9_-]{1,32}$'`),
  ],
);
