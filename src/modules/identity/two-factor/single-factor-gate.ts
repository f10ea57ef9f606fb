import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { ModuleContext } from '../../../server/core/module.js';
import { recordAudit } from '../../audit/audit.service.js';
import { users } from '../../people/people.tables.js';
import { endSessionByToken, sessionByToken, sessionTokenOf } from '../staff-sessions.service.js';

/**
 * Sign-ins that prove one thing only — an e-mailed link, a texted code, an external provider's word.
 * Better Auth asks for the second factor only after a password, so for a person who turned 2FA on these
 * would open the account without it. (A passkey is itself two factors: the device and its PIN or
 * fingerprint.)
 */
function isSingleFactorSignIn(request: FastifyRequest, path: string): boolean {
  if (
    path === '/magic-link/verify' ||
    path.startsWith('/callback/') ||
    path.startsWith('/oauth2/callback/')
  ) {
    return true;
  }
  const body = request.body as { updatePhoneNumber?: unknown } | undefined;
  return path === '/phone-number/verify' && request.method === 'POST' && body?.updatePhoneNumber !== true;
}

/** The session token Better Auth just set in its answer, if any. */
function newSessionCookies(response: Response): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const header of response.headers.getSetCookie()) {
    const [pair = ''] = header.split(';');
    const eq = pair.indexOf('=');
    if (eq > 0) cookies[pair.slice(0, eq)] = decodeURIComponent(pair.slice(eq + 1));
  }
  return cookies;
}

/**
 * After a single-factor sign-in that started a session: when the person has 2FA on, ends that session
 * at once and says so (audited). Returns true when the sign-in was refused.
 */
export async function refuseSingleFactorSignIn(
  ctx: ModuleContext,
  request: FastifyRequest,
  path: string,
  response: Response,
): Promise<boolean> {
  if (!isSingleFactorSignIn(request, path)) return false;
  const token = await sessionTokenOf(ctx.auth, newSessionCookies(response));
  if (!token) return false;
  const session = await sessionByToken(ctx.db, token);
  if (!session) return false;
  const [person] = await ctx.db
    .select({ twoFactorEnabled: users.twoFactorEnabled })
    .from(users)
    .where(eq(users.id, session.userId));
  if (!person?.twoFactorEnabled) return false;
  await endSessionByToken(ctx.db, token);
  await recordAudit(ctx.db, request, {
    action: 'auth.sign_in_refused',
    actorId: session.userId,
    actorKind: 'person',
    details: { path, reason: 'two-factor enabled: sign in with the password and the second factor' },
  });
  return true;
}
