import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../server/core/db.js';
import { authThrottle } from './throttle.tables.js';

export interface ThrottlePolicy {
  /** Failures in a row that lock the key. */
  maxFailures: number;
  /** How long the lock lasts, in seconds (also the window in which failures add up). */
  lockoutSeconds: number;
}

const normalize = (email: string) => email.trim().toLowerCase();

/** The throttle key of an account (by e-mail address, known or not). */
export const accountKey = (email: string) => `account:${normalize(email)}`;

/** Seconds until the key may try again, or 0 when it is not locked. */
export async function secondsLockedKey(db: Db, key: string): Promise<number> {
  const [row] = await db.select().from(authThrottle).where(eq(authThrottle.key, key));
  if (!row?.lockedUntil) return 0;
  return Math.max(0, Math.ceil((row.lockedUntil.getTime() - Date.now()) / 1000));
}

/**
 * Counts a failure against a key atomically. Returns true when this failure locked the key (the caller
 * tells the owner). Failures older than the lockout window start a new count.
 */
export async function recordFailureKey(db: Db, key: string, policy: ThrottlePolicy): Promise<boolean> {
  const window = sql`make_interval(secs => ${policy.lockoutSeconds})`;
  const [row] = await db
    .insert(authThrottle)
    .values({ key, failures: 1 })
    .onConflictDoUpdate({
      target: authThrottle.key,
      set: {
        failures: sql`case when ${authThrottle.lastFailureAt} < now() - ${window} or ${authThrottle.lockedUntil} < now()
          then 1 else ${authThrottle.failures} + 1 end`,
        lastFailureAt: sql`now()`,
        lockedUntil: sql`case when ${authThrottle.lockedUntil} < now() then null else ${authThrottle.lockedUntil} end`,
      },
    })
    .returning({ failures: authThrottle.failures });
  if (!row || row.failures < policy.maxFailures) return false;
  await db
    .update(authThrottle)
    .set({ lockedUntil: sql`now() + ${window}` })
    .where(eq(authThrottle.key, key));
  return row.failures === policy.maxFailures;
}

/** Forgets a key's failures (after a success). */
export async function clearFailuresKey(db: Db, key: string): Promise<void> {
  await db.delete(authThrottle).where(eq(authThrottle.key, key));
}

/** Seconds until the address may try a password again, or 0 when it is not locked. */
export function secondsLocked(db: Db, email: string): Promise<number> {
  return secondsLockedKey(db, accountKey(email));
}

/** Counts a wrong password for an address; true when this one locked it. */
export function recordFailure(db: Db, email: string, policy: ThrottlePolicy): Promise<boolean> {
  return recordFailureKey(db, accountKey(email), policy);
}

/** A successful sign-in clears the count. */
export function clearFailures(db: Db, email: string): Promise<void> {
  return clearFailuresKey(db, accountKey(email));
}

/**
 * How the gateway throttles an auth endpoint besides password sign-in:
 * - `code`: checks of one-time codes (2FA, SMS, e-mail, magic link); answers Better Auth refuses count,
 *   per client IP and per address/phone named in the body;
 * - `send`: requests that send a mail or a text (password reset, "send me a code"); every request counts,
 *   per client IP and per address/phone, so nobody floods a mailbox or a phone.
 */
export type ThrottleKind = 'code' | 'send';

const throttledPaths = new Map<string, ThrottleKind>([
  ['/two-factor/verify-totp', 'code'],
  ['/two-factor/verify-otp', 'code'],
  ['/two-factor/verify-backup-code', 'code'],
  ['/phone-number/verify', 'code'],
  ['/sign-in/phone-number', 'code'],
  ['/magic-link/verify', 'code'],
  ['/request-password-reset', 'send'],
  ['/two-factor/send-otp', 'send'],
]);

/**
 * Puts an auth endpoint (a path under /api/v1/auth) under the gateway's throttle; modules that add sign-in
 * methods call this for their code checks and senders. The built-in list above already holds the 2FA,
 * phone and magic-link checks.
 */
export function throttleAuthPath(path: string, kind: ThrottleKind): void {
  throttledPaths.set(path, kind);
}

/** The throttle kind of an auth path, or undefined when only the global rate limit applies. */
export function throttleKindOf(path: string): ThrottleKind | undefined {
  return throttledPaths.get(path);
}
