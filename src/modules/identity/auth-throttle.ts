import type { FastifyRequest } from 'fastify';
import type { ModuleContext } from '../../server/core/module.js';
import {
  clearFailuresKey,
  recordFailureKey,
  secondsLockedKey,
  type ThrottleKind,
  type ThrottlePolicy,
  throttleKindOf,
} from './throttle.js';

/** The address or phone number a request names (sign-in, reset, phone code), normalized. */
function subjectOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { email, phoneNumber } = body as { email?: unknown; phoneNumber?: unknown };
  if (typeof email === 'string' && email.trim()) return `email:${email.trim().toLowerCase()}`;
  if (typeof phoneNumber === 'string' && phoneNumber.trim())
    return `phone:${phoneNumber.replace(/[^\d+]/g, '')}`;
  return undefined;
}

/** Keys a throttled request counts against, each with its limit. */
function keysOf(ctx: ModuleContext, kind: ThrottleKind, request: FastifyRequest) {
  const { authLockoutSeconds: lockoutSeconds } = ctx.config;
  const perSubject: ThrottlePolicy = {
    maxFailures: kind === 'code' ? ctx.config.authMaxCodeFailures : ctx.config.authMaxSends,
    lockoutSeconds,
  };
  // One office behind one address shares the IP limit, so it is looser than the per-subject one.
  const perIp: ThrottlePolicy = { maxFailures: ctx.config.authMaxFailuresPerIp, lockoutSeconds };
  const subject = subjectOf(request.body);
  return [
    { key: `${kind}-ip:${request.ip}`, policy: perIp, subject: false },
    ...(subject ? [{ key: `${kind}:${subject}`, policy: perSubject, subject: true }] : []),
  ];
}

/** The key of wrong passwords from one IP address, across accounts. */
export const signInIpKey = (request: FastifyRequest) => `ip:${request.ip}`;

/** The limit on wrong passwords from one IP address. */
export const signInIpPolicy = (ctx: ModuleContext): ThrottlePolicy => ({
  maxFailures: ctx.config.authMaxFailuresPerIp,
  lockoutSeconds: ctx.config.authLockoutSeconds,
});

/** Did Better Auth refuse the code? Errors are 4xx; a link check redirects with `error=`. */
const refused = (response: Response) =>
  response.status >= 400 || /[?&]error=/.test(response.headers.get('location') ?? '');

/**
 * The throttle of a code check or a sender (see `throttleAuthPath`): `wait` > 0 means refuse with 429 now;
 * otherwise call `after` with Better Auth's answer. Senders count every request, code checks count refusals
 * and a correct code clears the count of its address or phone (never the IP's, or one good account would
 * reset an attacker's budget).
 */
export async function throttleAuthRequest(ctx: ModuleContext, request: FastifyRequest, path: string) {
  const kind = request.method === 'POST' || request.method === 'GET' ? throttleKindOf(path) : undefined;
  if (!kind) return { kind, wait: 0, after: async (_response: Response) => {} };
  const keys = keysOf(ctx, kind, request);
  const waits = await Promise.all(keys.map((k) => secondsLockedKey(ctx.db, k.key)));
  const wait = Math.max(0, ...waits);
  if (wait === 0 && kind === 'send') {
    for (const k of keys) await recordFailureKey(ctx.db, k.key, k.policy);
  }
  return {
    kind,
    wait,
    after: async (response: Response) => {
      if (kind !== 'code') return;
      if (refused(response)) {
        for (const k of keys) await recordFailureKey(ctx.db, k.key, k.policy);
      } else if (response.ok) {
        for (const k of keys) if (k.subject) await clearFailuresKey(ctx.db, k.key);
      }
    },
  };
}
