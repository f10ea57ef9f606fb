import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../server/core/db.js';
import { signInThrottle } from './throttle.tables.js';

export interface ThrottlePolicy {
  /** Failures in a row that lock the address. */
  maxFailures: number;
  /** How long the lock lasts, in seconds. */
  lockoutSeconds: number;
}

const normalize = (email: string) => email.trim().toLowerCase();

/** Seconds until the address may try again, or 0 when it is not locked. */
export async function secondsLocked(db: Db, email: string): Promise<number> {
  const [row] = await db
    .select()
    .from(signInThrottle)
    .where(eq(signInThrottle.email, normalize(email)));
  if (!row?.lockedUntil) return 0;
  return Math.max(0, Math.ceil((row.lockedUntil.getTime() - Date.now()) / 1000));
}

/**
 * Counts a failed sign-in atomically. Returns true when this failure locked the address (the caller tells
 * the owner). Failures older than the lockout window start a new count.
 */
export async function recordFailure(db: Db, email: string, policy: ThrottlePolicy): Promise<boolean> {
  const window = sql`make_interval(secs => ${policy.lockoutSeconds})`;
  const [row] = await db
    .insert(signInThrottle)
    .values({ email: normalize(email), failures: 1 })
    .onConflictDoUpdate({
      target: signInThrottle.email,
      set: {
        failures: sql`case when ${signInThrottle.lastFailureAt} < now() - ${window} or ${signInThrottle.lockedUntil} < now()
          then 1 else ${signInThrottle.failures} + 1 end`,
        lastFailureAt: sql`now()`,
        lockedUntil: sql`case when ${signInThrottle.lockedUntil} < now() then null else ${signInThrottle.lockedUntil} end`,
      },
    })
    .returning({ failures: signInThrottle.failures });
  if (!row || row.failures < policy.maxFailures) return false;
  await db
    .update(signInThrottle)
    .set({ lockedUntil: sql`now() + ${window}` })
    .where(eq(signInThrottle.email, normalize(email)));
  return row.failures === policy.maxFailures;
}

/** A successful sign-in clears the count. */
export async function clearFailures(db: Db, email: string): Promise<void> {
  await db.delete(signInThrottle).where(eq(signInThrottle.email, normalize(email)));
}
