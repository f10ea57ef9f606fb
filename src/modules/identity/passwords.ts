import { hashPassword } from 'better-auth/crypto';
import { and, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { accounts } from './identity.tables.js';

/** Sets (or replaces) a person's password sign-in, hashed the way Better Auth verifies it (scrypt). */
export async function setPassword(db: Db, userId: string, password: string): Promise<void> {
  const hash = await hashPassword(password);
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
