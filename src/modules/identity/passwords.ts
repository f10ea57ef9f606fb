import { hashPassword } from 'better-auth/crypto';
import { and, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { accounts } from './identity.tables.js';

/** Hashes a password the way Better Auth verifies it (scrypt). */
export { hashPassword };

/** Sets (or replaces) a person's password sign-in. */
export async function setPassword(db: Db, userId: string, password: string): Promise<void> {
  await setPasswordHash(db, userId, await hashPassword(password));
}

/** Sets a password sign-in from an existing hash (the demo seed hashes its one password once). */
export async function setPasswordHash(db: Db, userId: string, hash: string): Promise<void> {
  const updated = await db
    .update(accounts)
    .set({ password: hash, updatedAt: new Date() })
    .where(and(eq(accounts.userId, userId), eq(accounts.providerId, 'credential')))
    .returning({ id: accounts.id });
  if (updated.length === 0) {
    await db
      .insert(accounts)
      .values({ id: uuidv7(), userId, accountId: userId, providerId: 'credential', password: hash });
  }
}
