import { asc, eq } from 'drizzle-orm';
import type { PersonalDataProvider } from '../../server/core/personal-data.js';
import { loyaltyAccounts } from './accounts.tables.js';
import { presentEntry } from './points.service.js';
import { loyaltyBirthdays, loyaltyPointEntries } from './points.tables.js';

/**
 * The person's loyalty account (card number, tier), their bonus-point movements and the birth date they gave.
 * On erasure the birth date goes; the ledger stays, keyed by the person's opaque id only (it is the record of
 * what the points paid for, and its reasons name orders, not the person).
 */
export const loyaltyPersonalData: PersonalDataProvider[] = [
  {
    key: 'loyalty',
    async export({ db, userId }) {
      const [account] = await db.select().from(loyaltyAccounts).where(eq(loyaltyAccounts.personId, userId));
      const [birthday] = await db
        .select()
        .from(loyaltyBirthdays)
        .where(eq(loyaltyBirthdays.personId, userId));
      const entries = await db
        .select()
        .from(loyaltyPointEntries)
        .where(eq(loyaltyPointEntries.personId, userId))
        .orderBy(asc(loyaltyPointEntries.createdAt), asc(loyaltyPointEntries.id));
      return {
        account: account
          ? { cardNumber: account.cardNumber, tierCode: account.tierCode, openedAt: account.createdAt }
          : null,
        birthDate: birthday?.birthDate ?? null,
        points: entries.map(presentEntry),
      };
    },
    async erase({ db, userId }) {
      await db.delete(loyaltyBirthdays).where(eq(loyaltyBirthdays.personId, userId));
    },
  },
];
