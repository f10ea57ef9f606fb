import { and, eq, like } from 'drizzle-orm';
import type { Db } from '../../../server/core/db.js';
import type { Auth } from '../auth.js';
import { accounts, verifications } from '../identity.tables.js';
import { twoFactors } from './two-factor.tables.js';

/** Whether the person has an authenticator app confirmed (a verified TOTP secret). */
export async function hasAuthenticatorApp(db: Db, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ verified: twoFactors.verified })
    .from(twoFactors)
    .where(eq(twoFactors.userId, userId));
  return row?.verified === true;
}

/** Whether the person has a password (people who use only passkeys or external sign-in have none). */
export async function hasPassword(db: Db, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.userId, userId), eq(accounts.providerId, 'credential')));
  return row !== undefined;
}

/**
 * Turns a person's 2FA off (staff reset after a lost phone): no second factor at sign-in, the TOTP secret
 * and backup codes deleted, every trusted device forgotten.
 */
export async function resetTwoFactor(db: Db, auth: Auth, userId: string): Promise<void> {
  const context = await auth.$context;
  await context.internalAdapter.updateUser(userId, { twoFactorEnabled: false });
  await db.delete(twoFactors).where(eq(twoFactors.userId, userId));
  await db
    .delete(verifications)
    .where(and(eq(verifications.value, userId), like(verifications.identifier, 'trust-device-%')));
}
