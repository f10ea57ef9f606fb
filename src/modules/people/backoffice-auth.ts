import type { BetterAuthPlugin } from 'better-auth';
import { APIError } from 'better-auth/api';
import { eq } from 'drizzle-orm';
import type { Db } from '../../server/core/db.js';
import { users } from './people.tables.js';

/** What a blocked person is told: nothing about why, or about anything else. */
export const blockedMessage = 'Sign-in is not possible for this account. Please contact support.';

/**
 * Kabinet's back-office additions to Better Auth: sessions carry `impersonatedBy` (support's "sign in
 * as"), and no session is ever created for a blocked person — whatever the sign-in method, since every
 * method ends in creating a session.
 */
export function backOfficeAuth(db: Db) {
  return {
    id: 'kabinet-backoffice',
    schema: {
      session: { fields: { impersonatedBy: { type: 'string', required: false, input: false } } },
    },
    init: () => ({
      options: {
        databaseHooks: {
          session: {
            create: {
              before: async (session) => {
                const [person] = await db
                  .select({ blockedAt: users.blockedAt })
                  .from(users)
                  .where(eq(users.id, session.userId));
                if (person?.blockedAt) {
                  throw new APIError('FORBIDDEN', { code: 'ACCOUNT_BLOCKED', message: blockedMessage });
                }
              },
            },
          },
        },
      },
    }),
  } satisfies BetterAuthPlugin;
}
