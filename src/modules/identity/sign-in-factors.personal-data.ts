import { eq } from 'drizzle-orm';
import type { PersonalDataProvider } from '../../server/core/personal-data.js';
import { users } from '../people/people.tables.js';
import { passkeys } from './external/passkeys.tables.js';
import { twoFactors } from './two-factor/two-factor.tables.js';

/**
 * Passkeys and the second factor: the export says what exists (names, dates, whether 2FA is on), never
 * the keys, secrets or backup codes; erasure deletes them.
 */
export const signInFactorsPersonalData: PersonalDataProvider[] = [
  {
    key: 'passkeys',
    export: ({ db, userId }) =>
      db
        .select({
          id: passkeys.id,
          name: passkeys.name,
          deviceType: passkeys.deviceType,
          createdAt: passkeys.createdAt,
        })
        .from(passkeys)
        .where(eq(passkeys.userId, userId)),
    erase: async ({ db, userId }) => {
      await db.delete(passkeys).where(eq(passkeys.userId, userId));
    },
  },
  {
    key: 'two-factor',
    export: async ({ db, userId }) => {
      const [row] = await db
        .select({ enabled: users.twoFactorEnabled })
        .from(users)
        .where(eq(users.id, userId));
      return { enabled: row?.enabled ?? false };
    },
    erase: async ({ db, userId }) => {
      await db.delete(twoFactors).where(eq(twoFactors.userId, userId));
      await db.update(users).set({ twoFactorEnabled: false }).where(eq(users.id, userId));
    },
  },
];
