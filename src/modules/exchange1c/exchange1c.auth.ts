import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { verifyPassword } from 'better-auth/crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Config } from '../../server/core/config.js';
import type { Db } from '../../server/core/db.js';
import { exchange1cAccounts, exchange1cSessions } from './exchange1c.tables.js';

/** The cookie 1C gets from `checkauth` and sends back on every later request. */
export const exchangeCookie = 'kabinet_1c';
/** An exchange session ends this long after its last request. */
const sessionHours = 24;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Compares two strings in constant time (their sha256 digests, so the lengths leak nothing either). */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(sha256(a), 'hex'), Buffer.from(sha256(b), 'hex'));
}

/** The login and password of an `Authorization: Basic` header, or null. */
export function basicCredentials(header: string | undefined): { login: string; password: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) return null;
  return { login: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Who signs in: the environment's account (KABINET_1C_LOGIN/PASSWORD) or an active back-office account. */
export async function checkCredentials(
  db: Db,
  config: Config,
  login: string,
  password: string,
): Promise<{ login: string; accountId: string | null } | null> {
  const env = config.exchange1c;
  if (env.login && env.password && sameSecret(login, env.login) && sameSecret(password, env.password)) {
    return { login: env.login, accountId: null };
  }
  const [account] = await db
    .select({ id: exchange1cAccounts.id, hash: exchange1cAccounts.passwordHash })
    .from(exchange1cAccounts)
    .where(and(eq(exchange1cAccounts.login, login), isNull(exchange1cAccounts.revokedAt)));
  if (!account || !(await verifyPassword({ hash: account.hash, password }))) return null;
  await db
    .update(exchange1cAccounts)
    .set({ lastUsedAt: new Date() })
    .where(eq(exchange1cAccounts.id, account.id));
  return { login, accountId: account.id };
}

/** Opens an exchange session and returns its token (the cookie value and the `sessid`). */
export async function openSession(
  db: Db,
  who: { login: string; accountId: string | null },
  type: string,
): Promise<{ id: string; token: string }> {
  const token = randomBytes(24).toString('base64url');
  const id = uuidv7();
  await db
    .insert(exchange1cSessions)
    .values({ id, tokenHash: sha256(token), login: who.login, accountId: who.accountId, type });
  return { id, token };
}

export type ExchangeSession = typeof exchange1cSessions.$inferSelect;

/** The live session of a token (from the cookie or `sessid`), touching its last-seen time; null when unknown or expired. */
export async function sessionOf(db: Db, token: string | undefined): Promise<ExchangeSession | null> {
  if (!token) return null;
  const [session] = await db
    .update(exchange1cSessions)
    .set({ lastSeenAt: new Date() })
    .where(
      and(
        eq(exchange1cSessions.tokenHash, sha256(token)),
        sql`${exchange1cSessions.lastSeenAt} > now() - make_interval(hours => ${sessionHours})`,
      ),
    )
    .returning();
  return session ?? null;
}
