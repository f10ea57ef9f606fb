import { verifyPassword } from 'better-auth/crypto';
import { and, desc, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../server/core/db.js';
import type { PersonalDataProvider } from '../../server/core/personal-data.js';
import { accounts, sessions, verifications } from './identity.tables.js';
import { clearFailures } from './throttle.js';

/** A person's sessions that have not expired, newest first. */
export async function sessionsOf(db: Db, userId: string) {
  return db
    .select({
      id: sessions.id,
      ipAddress: sessions.ipAddress,
      userAgent: sessions.userAgent,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, sql`now()`)))
    .orderBy(desc(sessions.createdAt));
}

/** One session of the person, or null (another person's session looks the same as none). */
export async function sessionOf(db: Db, userId: string, sessionId: string) {
  const [row] = await db
    .select({ id: sessions.id, createdAt: sessions.createdAt })
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)));
  return row ?? null;
}

/** Ends one of the person's sessions; false when there is no such session of theirs. */
export async function endSession(db: Db, userId: string, sessionId: string): Promise<boolean> {
  const deleted = await db
    .delete(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
    .returning({ id: sessions.id });
  return deleted.length > 0;
}

/** Ends every session of the person except `keepId` (all of them without it); returns how many ended. */
export async function endSessionsOf(db: Db, userId: string, keepId?: string): Promise<number> {
  const deleted = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), keepId ? ne(sessions.id, keepId) : undefined))
    .returning({ id: sessions.id });
  return deleted.length;
}

/**
 * Records that a session was used. The condition makes it one write a minute at most, even with several
 * server processes; callers also skip the query while their own memory says it was written recently.
 */
export async function touchSession(db: Db, sessionId: string): Promise<void> {
  await db
    .update(sessions)
    .set({ lastSeenAt: sql`now()` })
    .where(
      and(
        eq(sessions.id, sessionId),
        or(isNull(sessions.lastSeenAt), lt(sessions.lastSeenAt, sql`now() - interval '1 minute'`)),
      ),
    );
}

/** Whether the person signs in with a password, and whether `password` is it. */
export async function checkPassword(db: Db, userId: string, password: string) {
  const [account] = await db
    .select({ hash: accounts.password })
    .from(accounts)
    .where(and(eq(accounts.userId, userId), eq(accounts.providerId, 'credential')));
  if (!account?.hash) return { hasPassword: false, matches: false };
  return { hasPassword: true, matches: await verifyPassword({ hash: account.hash, password }) };
}

/** Sessions and sign-in accounts (never password hashes or provider tokens). */
export const identityPersonalData: PersonalDataProvider[] = [
  {
    key: 'sessions',
    export: async ({ db, userId }) => {
      const rows = await db
        .select({
          id: sessions.id,
          ipAddress: sessions.ipAddress,
          userAgent: sessions.userAgent,
          createdAt: sessions.createdAt,
          lastSeenAt: sessions.lastSeenAt,
          expiresAt: sessions.expiresAt,
        })
        .from(sessions)
        .where(eq(sessions.userId, userId))
        .orderBy(desc(sessions.createdAt));
      return rows;
    },
    erase: async ({ db, userId }) => {
      await db.delete(sessions).where(eq(sessions.userId, userId));
    },
  },
  {
    key: 'accounts',
    export: async ({ db, userId }) =>
      db
        .select({
          id: accounts.id,
          providerId: accounts.providerId,
          accountId: accounts.accountId,
          scope: accounts.scope,
          createdAt: accounts.createdAt,
          updatedAt: accounts.updatedAt,
        })
        .from(accounts)
        .where(eq(accounts.userId, userId)),
    erase: async ({ db, userId, person }) => {
      await db.delete(accounts).where(eq(accounts.userId, userId));
      // Pending reset links carry the person's id as their value; some plugins key by the address.
      await db
        .delete(verifications)
        .where(or(eq(verifications.value, userId), eq(verifications.identifier, person.email)));
      await clearFailures(db, person.email);
    },
  },
];
