import { eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../server/core/db.js';
import { loyaltyAccounts } from './accounts.tables.js';
import { cardNumberOf } from './card-number.js';

export type LoyaltyAccount = typeof loyaltyAccounts.$inferSelect;

/** The person's loyalty account, opened on first use (a card number from the sequence). */
export async function ensureAccount(db: Db, personId: string): Promise<LoyaltyAccount> {
  const [found] = await db.select().from(loyaltyAccounts).where(eq(loyaltyAccounts.personId, personId));
  if (found) return found;
  const [{ n } = { n: 0 }] = await queryRows<{ n: string }>(
    db,
    sql`select nextval('loyalty_card_serial_seq')::text as n`,
  );
  await db
    .insert(loyaltyAccounts)
    .values({ personId, cardNumber: cardNumberOf(Number(n)) })
    .onConflictDoNothing({ target: loyaltyAccounts.personId });
  const [row] = await db.select().from(loyaltyAccounts).where(eq(loyaltyAccounts.personId, personId));
  if (!row) throw new Error(`Loyalty account of ${personId} was not created`);
  return row;
}

/** The account whose card this is, or null. */
export async function accountByCard(db: Db, cardNumber: string): Promise<LoyaltyAccount | null> {
  const [row] = await db.select().from(loyaltyAccounts).where(eq(loyaltyAccounts.cardNumber, cardNumber));
  return row ?? null;
}

/** Sets the person's tier (tiers job); returns whether it changed. */
export async function setTier(
  db: Db,
  personId: string,
  tierCode: string | null,
  now: Date,
): Promise<boolean> {
  const account = await ensureAccount(db, personId);
  if (account.tierCode === tierCode) return false;
  await db
    .update(loyaltyAccounts)
    .set({ tierCode, tierSince: now })
    .where(eq(loyaltyAccounts.personId, personId));
  return true;
}
