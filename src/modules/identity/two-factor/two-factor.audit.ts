import { fromNodeHeaders } from 'better-auth/node';
import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { ModuleContext } from '../../../server/core/module.js';
import { recordAudit } from '../../audit/audit.service.js';
import { verifications } from '../identity.tables.js';

/** Who a /two-factor/* request is about, taken before Better Auth changes anything. */
export interface TwoFactorActor {
  userId: string | null;
  /** Signed in (setting up or managing 2FA) rather than passing the second step of a sign-in. */
  signedIn: boolean;
  wasEnabled: boolean;
}

const challengeCookie = 'kabinet.two_factor';

/** The person of a pending 2FA sign-in, from the challenge cookie (for the audit of failed codes). */
async function challengeUserOf(ctx: ModuleContext, request: FastifyRequest): Promise<string | null> {
  const raw = request.cookies[challengeCookie];
  if (!raw) return null;
  const value = decodeURIComponent(raw);
  const identifier = value.slice(0, value.lastIndexOf('.'));
  if (!identifier.startsWith('2fa-')) return null;
  const [row] = await ctx.db
    .select({ value: verifications.value })
    .from(verifications)
    .where(eq(verifications.identifier, identifier));
  return row?.value ?? null;
}

export async function twoFactorActorOf(
  ctx: ModuleContext,
  request: FastifyRequest,
  path: string,
): Promise<TwoFactorActor | null> {
  if (!path.startsWith('/two-factor/')) return null;
  const session = request.headers.cookie?.includes('kabinet.session_token')
    ? await ctx.auth.api.getSession({ headers: fromNodeHeaders(request.headers) })
    : null;
  if (session) {
    return { userId: session.user.id, signedIn: true, wasEnabled: session.user.twoFactorEnabled === true };
  }
  return { userId: await challengeUserOf(ctx, request), signedIn: false, wasEnabled: true };
}

const methodOfPath: Record<string, string> = {
  '/two-factor/verify-totp': 'totp',
  '/two-factor/verify-otp': 'otp',
  '/two-factor/verify-backup-code': 'backup_code',
};

/**
 * Audits what happened on a /two-factor/* endpoint: 2FA switched on or off, backup codes regenerated or
 * used, codes sent, wrong codes, and sign-ins completed with a second factor.
 */
export async function auditTwoFactor(
  ctx: ModuleContext,
  request: FastifyRequest,
  path: string,
  response: Response,
  text: string,
  actor: TwoFactorActor | null,
): Promise<void> {
  if (!actor || request.method !== 'POST') return;
  const audit = (action: string, details: Record<string, unknown> = {}, userId = actor.userId) =>
    recordAudit(ctx.db, request, {
      action,
      subject: userId,
      ...(userId ? { actorId: userId, actorKind: 'person' as const } : {}),
      details,
    });
  const method = methodOfPath[path];
  if (!response.ok) {
    if (method) await audit('two_factor.failed', { method, status: response.status });
    return;
  }
  const body = (text ? JSON.parse(text) : {}) as { method?: string; user?: { id?: string } };
  if (path === '/two-factor/enable') {
    await audit(body.method === 'otp' ? 'two_factor.enabled' : 'two_factor.setup_started', {
      method: body.method ?? 'totp',
    });
  } else if (path === '/two-factor/disable') {
    await audit('two_factor.disabled');
  } else if (path === '/two-factor/generate-backup-codes') {
    await audit('two_factor.backup_codes_regenerated');
  } else if (path === '/two-factor/send-otp') {
    await audit('two_factor.code_sent');
  } else if (method) {
    if (method === 'backup_code') await audit('two_factor.backup_code_used');
    if (actor.signedIn && !actor.wasEnabled) await audit('two_factor.enabled', { method });
    else if (!actor.signedIn)
      await audit('auth.sign_in', { secondFactor: method }, body.user?.id ?? actor.userId);
  }
}
