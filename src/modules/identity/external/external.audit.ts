import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { ModuleContext } from '../../../server/core/module.js';
import { recordAudit } from '../../audit/audit.service.js';
import { sessions } from '../identity.tables.js';

/** The user of the session a response just set, from its session cookie. */
async function newSessionUser(ctx: ModuleContext, response: Response): Promise<string | undefined> {
  for (const cookie of response.headers.getSetCookie()) {
    const match = /^[^=]*session_token=([^;]+)/.exec(cookie);
    if (!match?.[1]) continue;
    const token = decodeURIComponent(match[1]).split('.')[0] ?? '';
    const [session] = await ctx.db
      .select({ userId: sessions.userId })
      .from(sessions)
      .where(eq(sessions.token, token));
    if (session) return session.userId;
  }
  return undefined;
}

/**
 * Audit entries for external sign-in and passkeys, written by the auth gateway after Better Auth answered:
 * sign-ins through a provider callback or a passkey (`auth.sign_in` with the method), failed provider
 * callbacks (`auth.sign_in_failed`), accounts linked from the security page and passkeys added.
 */
export async function auditExternalAuth(
  ctx: ModuleContext,
  request: FastifyRequest,
  path: string,
  response: Response,
  text: string,
): Promise<void> {
  const callback = /^\/callback\/([^/]+)$/.exec(path);
  if (callback && request.method === 'GET') {
    const provider = callback[1];
    const location = response.headers.get('location') ?? '';
    const error = location ? new URL(location, ctx.config.publicUrl).searchParams.get('error') : null;
    const userId = await newSessionUser(ctx, response);
    if (userId) {
      await recordAudit(ctx.db, request, {
        action: 'auth.sign_in',
        actorId: userId,
        actorKind: 'person',
        details: { method: 'external', provider },
      });
    } else if (error) {
      await recordAudit(ctx.db, request, { action: 'auth.sign_in_failed', details: { provider, error } });
    } else if (request.actor) {
      await recordAudit(ctx.db, request, { action: 'auth.account_linked', details: { provider } });
    }
    return;
  }
  if (!response.ok || request.method !== 'POST') return;
  if (path === '/passkey/verify-authentication') {
    const userId = (JSON.parse(text) as { user?: { id?: string } }).user?.id;
    await recordAudit(ctx.db, request, {
      action: 'auth.sign_in',
      ...(userId ? { actorId: userId, actorKind: 'person' as const } : {}),
      details: { method: 'passkey' },
    });
  } else if (path === '/passkey/verify-registration') {
    const passkey = JSON.parse(text) as { id?: string; name?: string };
    await recordAudit(ctx.db, request, {
      action: 'passkey.added',
      details: { passkeyId: passkey.id, name: passkey.name ?? null },
    });
  }
}
