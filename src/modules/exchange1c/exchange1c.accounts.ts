import { randomBytes } from 'node:crypto';
import { desc, eq, lt, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { hashPassword } from '../identity/passwords.js';
import { exchange1cAccounts, exchange1cSessions } from './exchange1c.tables.js';

/** An integration account as the back office lists it (never the hash). */
export interface AccountView {
  id: string;
  login: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const present = (a: typeof exchange1cAccounts.$inferSelect): AccountView => ({
  id: a.id,
  login: a.login,
  name: a.name,
  createdAt: a.createdAt.toISOString(),
  lastUsedAt: a.lastUsedAt?.toISOString() ?? null,
  revokedAt: a.revokedAt?.toISOString() ?? null,
});

/** All integration accounts, newest first (a handful at most). */
export async function listAccounts(db: Db): Promise<AccountView[]> {
  const rows = await db
    .select()
    .from(exchange1cAccounts)
    .orderBy(desc(exchange1cAccounts.createdAt))
    .limit(100);
  return rows.map(present);
}

/** Creates an account with a generated password, returned once (only its hash is stored). */
export async function createAccount(
  db: Db,
  input: { login: string; name: string },
  createdBy: string,
): Promise<{ account: AccountView; password: string }> {
  const password = randomBytes(18).toString('base64url');
  const [existing] = await db
    .select({ id: exchange1cAccounts.id })
    .from(exchange1cAccounts)
    .where(eq(exchange1cAccounts.login, input.login));
  if (existing) throw new AppError('CONFLICT', 'An integration account with this login exists');
  const [row] = await db
    .insert(exchange1cAccounts)
    .values({
      id: uuidv7(),
      login: input.login,
      name: input.name,
      passwordHash: await hashPassword(password),
      createdBy,
    })
    .returning();
  if (!row) throw new AppError('INTERNAL', 'Account not created');
  return { account: present(row), password };
}

/** Revokes an account: 1C can no longer sign in with it, and its open exchange sessions end. */
export async function revokeAccount(db: Db, id: string): Promise<AccountView> {
  const [row] = await db
    .update(exchange1cAccounts)
    .set({ revokedAt: sql`coalesce(${exchange1cAccounts.revokedAt}, now())` })
    .where(eq(exchange1cAccounts.id, id))
    .returning();
  if (!row) throw new AppError('NOT_FOUND', 'No such integration account');
  await db
    .update(exchange1cSessions)
    .set({ lastSeenAt: new Date(0) })
    .where(eq(exchange1cSessions.accountId, id));
  return present(row);
}

/** One exchange session in the log: when, who, which files and what each did. */
export interface ExchangeLogEntry {
  id: string;
  login: string;
  type: string;
  result: string;
  createdAt: string;
  lastSeenAt: string;
  files: { name: string; status: string; counts: Record<string, number>; error: string | null }[];
}

/** The latest exchange sessions, newest first, with keyset pagination on the session id (time-ordered v7). */
export async function exchangeLog(db: Db, limit: number, cursor: string | undefined) {
  const rows = await db
    .select()
    .from(exchange1cSessions)
    .where(cursor ? lt(exchange1cSessions.id, cursor) : undefined)
    .orderBy(desc(exchange1cSessions.id))
    .limit(limit + 1);
  const items: ExchangeLogEntry[] = rows.slice(0, limit).map((s) => ({
    id: s.id,
    login: s.login,
    type: s.type,
    result: s.result,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    files: Object.entries(s.files).map(([name, f]) => ({
      name,
      status: f.status,
      counts: f.counts,
      error: f.error ?? null,
    })),
  }));
  return { items, nextCursor: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
}
