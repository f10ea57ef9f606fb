import { createHmac } from 'node:crypto';
import { and, count, eq, gt } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { Db } from '../../server/core/db.js';
import type { Auth } from './auth.js';
import { sessions } from './identity.tables.js';

// Session operations the back office needs (block, impersonation); the person's own session list is
// the profile's business.

/** Number of a person's sessions that have not expired. */
export async function countActiveSessions(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, new Date())));
  return row?.n ?? 0;
}

/** Ends every session of a person (they are signed out everywhere at their next request). */
export async function endAllSessions(db: Db, userId: string): Promise<number> {
  const ended = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
  return ended.length;
}

/** A live session by its token, or null. */
export async function sessionByToken(db: Db, token: string) {
  const [row] = await db
    .select({ id: sessions.id, userId: sessions.userId, impersonatedBy: sessions.impersonatedBy })
    .from(sessions)
    .where(and(eq(sessions.token, token), gt(sessions.expiresAt, new Date())));
  return row ?? null;
}

/** Ends one session by its token. */
export async function endSessionByToken(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.token, token));
}

/** Creates a session for `userId` that `staffId` opened to act as them; it ends at `expiresAt`. */
export async function createImpersonationSession(
  auth: Auth,
  input: { userId: string; staffId: string; expiresAt: Date; ipAddress: string; userAgent: string },
): Promise<{ token: string }> {
  const ctx = await auth.$context;
  const session = await ctx.internalAdapter.createSession(
    input.userId,
    false,
    {
      impersonatedBy: input.staffId,
      expiresAt: input.expiresAt,
      ipAddress: input.ipAddress,
      userAgent: input.userAgent,
    },
    true,
  );
  return { token: session.token };
}

/** The session token behind the request's Better Auth cookie (the cookie is `token.signature`), or null. */
export async function sessionTokenOf(auth: Auth, cookies: Record<string, string | undefined>) {
  const ctx = await auth.$context;
  const raw = cookies[ctx.authCookies.sessionToken.name];
  if (!raw) return null;
  const dot = raw.lastIndexOf('.');
  if (dot < 1) return null;
  const token = raw.slice(0, dot);
  return raw.slice(dot + 1) === sign(token, ctx.secret) ? token : null;
}

function sign(value: string, secret: string): string {
  return createHmac('sha256', secret).update(value).digest('base64');
}

/** Sets Better Auth's session cookie to `token`, signed as Better Auth signs it. */
export async function setSessionCookie(auth: Auth, reply: FastifyReply, token: string, maxAge: number) {
  const ctx = await auth.$context;
  const { name, attributes } = ctx.authCookies.sessionToken;
  reply.setCookie(name, `${token}.${sign(token, ctx.secret)}`, {
    path: attributes.path ?? '/',
    httpOnly: attributes.httpOnly ?? true,
    sameSite: 'lax',
    secure: attributes.secure ?? false,
    maxAge,
  });
}

/** When the session with this token began and when it ends, or null. */
export async function sessionTimesByToken(db: Db, token: string) {
  const [row] = await db
    .select({ createdAt: sessions.createdAt, expiresAt: sessions.expiresAt })
    .from(sessions)
    .where(eq(sessions.token, token));
  return row ?? null;
}

/** Ends one session by its id. */
export async function endSessionById(db: Db, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}
