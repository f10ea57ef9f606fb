import type { FastifyReply, FastifyRequest } from 'fastify';
import { operatorCookie } from '../../server/core/access.js';
import { queueMail } from '../../server/core/mail/mailer.js';
import type { ModuleContext } from '../../server/core/module.js';
import { sendProblem } from '../../server/core/problem-handlers.js';
import { recordAudit } from '../audit/audit.service.js';
import { mergeGuestCartOf } from '../carts/index.js';
import { findPersonByEmail } from '../people/people.service.js';
import { authBasePath } from './auth.js';
import { signInIpKey, signInIpPolicy, throttleAuthRequest } from './auth-throttle.js';
import { auditExternalAuth } from './external/external.audit.js';
import { accountLockedMail } from './identity.mail.js';
import { auditPhoneAndMagicLink, throttlePhone } from './phone/phone-gateway.js';
import { getSignInMethods, signInMethodOfPath } from './sign-in-methods.js';
import {
  clearFailures,
  recordFailure,
  recordFailureKey,
  secondsLocked,
  secondsLockedKey,
} from './throttle.js';
import { refuseSingleFactorSignIn } from './two-factor/single-factor-gate.js';
import { auditTwoFactor, twoFactorActorOf } from './two-factor/two-factor.audit.js';

const emailOf = (body: unknown) =>
  typeof body === 'object' && body !== null && typeof (body as { email?: unknown }).email === 'string'
    ? (body as { email: string }).email
    : undefined;

type SignInAnswer = { user?: { id?: string }; twoFactorRedirect?: boolean };

/** Builds a web Request from the Fastify request, for Better Auth's handler. */
function toWebRequest(ctx: ModuleContext, request: FastifyRequest): Request {
  const headers = new Headers();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(key, v);
  }
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.body !== undefined;
  return new Request(new URL(request.url, ctx.config.publicUrl), {
    method: request.method,
    headers,
    ...(hasBody ? { body: JSON.stringify(request.body) } : {}),
  });
}

/** After a failed password: count it, and when it locks the address tell the owner (if there is one). */
async function onSignInFailure(ctx: ModuleContext, request: FastifyRequest, email: string) {
  const policy = { maxFailures: ctx.config.authMaxFailures, lockoutSeconds: ctx.config.authLockoutSeconds };
  const locked = await recordFailure(ctx.db, email, policy);
  await recordFailureKey(ctx.db, signInIpKey(request), signInIpPolicy(ctx));
  await recordAudit(ctx.db, request, { action: 'auth.sign_in_failed', subject: email.toLowerCase() });
  if (!locked) return;
  await recordAudit(ctx.db, request, { action: 'auth.locked', subject: email.toLowerCase() });
  const person = await findPersonByEmail(ctx.db, email);
  if (!person) return;
  await queueMail(ctx.db, {
    to: person.email,
    template: accountLockedMail.name,
    locale: person.locale,
    vars: {
      name: person.name,
      minutes: Math.ceil(policy.lockoutSeconds / 60),
      url: `${ctx.config.publicUrl}/forgot-password`,
    },
  });
  ctx.jobs.poke();
}

/**
 * Passes /api/v1/auth/* to Better Auth, adding what is Kabinet's own around it: the per-address lock
 * after repeated wrong passwords (429 with Retry-After; the same for known and unknown addresses) and
 * audit entries for sign-ups, sign-ins, failures, resets and sign-outs.
 */
export async function authGateway(ctx: ModuleContext, request: FastifyRequest, reply: FastifyReply) {
  const path = new URL(request.url, ctx.config.publicUrl).pathname.slice(authBasePath.length);
  const email = emailOf(request.body);
  const isPasswordSignIn = request.method === 'POST' && path === '/sign-in/email' && email !== undefined;

  // Support signed in as a person may look around, not change how the person signs in (password, 2FA,
  // passkeys, phone, linked accounts) or their profile through Better Auth's own endpoints.
  if (request.actor?.impersonatedBy && request.method === 'POST' && path !== '/sign-out') {
    return sendProblem(
      request,
      reply,
      403,
      'IMPERSONATION_FORBIDDEN',
      'Only the person themselves can do this',
    );
  }
  // Profile changes go through /api/v1/me/profile (validated and audited); Better Auth's own is closed.
  if (path === '/update-user') {
    return sendProblem(request, reply, 404, 'NOT_FOUND', 'Use /api/v1/me/profile');
  }

  const method = signInMethodOfPath(path);
  if (method && !(await getSignInMethods(ctx.db))[method]) {
    return sendProblem(request, reply, 403, 'SIGN_IN_METHOD_DISABLED', 'This sign-in method is switched off');
  }

  if (isPasswordSignIn) {
    const wait = Math.max(
      await secondsLocked(ctx.db, email),
      await secondsLockedKey(ctx.db, signInIpKey(request)),
    );
    if (wait > 0) {
      await recordAudit(ctx.db, request, { action: 'auth.sign_in_throttled', subject: email.toLowerCase() });
      reply.header('retry-after', String(wait));
      return sendProblem(
        request,
        reply,
        429,
        'RATE_LIMITED',
        `Too many failed attempts; try again in ${wait} s`,
      );
    }
  }

  const throttle = await throttleAuthRequest(ctx, request, path);
  if (throttle.wait > 0) {
    await recordAudit(ctx.db, request, { action: 'auth.throttled', details: { path } });
    reply.header('retry-after', String(throttle.wait));
    return sendProblem(
      request,
      reply,
      429,
      'RATE_LIMITED',
      `Too many attempts; try again in ${throttle.wait} s`,
    );
  }
  if (await throttlePhone(ctx, request, reply, path)) return reply;
  const twoFactorActor = await twoFactorActorOf(ctx, request, path);

  const startedAt = new Date();
  const response = await ctx.auth.handler(toWebRequest(ctx, request));
  const text = await response.text();
  if (response.ok || response.status === 302) {
    if (await refuseSingleFactorSignIn(ctx, request, path, response)) {
      const message = 'This account uses two-factor authentication: sign in with the password and the code';
      if (request.method === 'GET') return reply.redirect('/sign-in?error=TWO_FACTOR_USE_PASSWORD');
      return sendProblem(request, reply, 403, 'TWO_FACTOR_USE_PASSWORD', message);
    }
  }
  await throttle.after(response);
  await auditTwoFactor(ctx, request, path, response, text, twoFactorActor);
  await auditPhoneAndMagicLink(ctx, request, path, response, text, startedAt);

  if (isPasswordSignIn && response.status === 401) await onSignInFailure(ctx, request, email);
  if (response.ok && request.method === 'POST') {
    const action = {
      '/sign-in/email': 'auth.sign_in',
      '/sign-up/email': 'auth.sign_up',
      '/reset-password': 'auth.password_reset',
      '/sign-out': 'auth.sign_out',
    }[path];
    if (isPasswordSignIn) await clearFailures(ctx.db, email);
    if (action) {
      const body = action === 'auth.sign_in' ? (JSON.parse(text) as SignInAnswer) : undefined;
      const userId = body?.user?.id;
      await recordAudit(ctx.db, request, {
        // The password was right, but the session starts only after the second factor.
        action: body?.twoFactorRedirect ? 'auth.two_factor_challenge' : action,
        subject: email?.toLowerCase() ?? null,
        ...(userId ? { actorId: userId, actorKind: 'person' as const } : {}),
      });
      // A guest's cart follows the person into their account.
      if (userId && action === 'auth.sign_in' && !body?.twoFactorRedirect) {
        await mergeGuestCartOf(ctx.db, request, reply, userId);
      }
    }
  }

  await auditExternalAuth(ctx, request, path, response, text);
  if (path === '/sign-out') reply.clearCookie(operatorCookie, { path: '/' });
  reply.code(response.status);
  response.headers.forEach((value, key) => {
    if (key !== 'set-cookie' && key !== 'content-length') reply.header(key, value);
  });
  for (const cookie of response.headers.getSetCookie()) reply.header('set-cookie', cookie);
  return reply.send(text.length > 0 ? text : null);
}
