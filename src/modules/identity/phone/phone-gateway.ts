import { and, count, eq, gt, min, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import type { ModuleContext } from '../../../server/core/module.js';
import { sendProblem } from '../../../server/core/problem-handlers.js';
import { normalizePhone } from '../../../shared/phone.js';
import { recordAudit } from '../../audit/audit.service.js';
import { clearFailures, recordFailure, secondsLocked } from '../throttle.js';
import { phoneCodeRequests } from './phone.tables.js';

/** One code per number per minute, five per hour; thirty per hour from one IP address. */
export const phoneCodeLimits = { resendSeconds: 60, perPhonePerHour: 5, perIpPerHour: 30 };

const codePaths = new Set(['/phone-number/send-otp', '/phone-number/request-password-reset']);

const phoneOf = (body: unknown) => {
  const typed =
    typeof body === 'object' && body !== null ? (body as { phoneNumber?: unknown }).phoneNumber : null;
  return typeof typed === 'string' ? normalizePhone(typed) : null;
};

// The password lock of throttle.ts is keyed by a string; phone numbers get their own key space.
const lockKey = (phone: string) => `phone:${phone}`;

// Returns true rather than the reply: a Fastify reply is thenable, and awaiting it would lose it.
function tooMany(request: FastifyRequest, reply: FastifyReply, seconds: number): true {
  reply.header('retry-after', String(Math.max(1, Math.ceil(seconds))));
  sendProblem(request, reply, 429, 'RATE_LIMITED', `Too many requests; try again in ${Math.ceil(seconds)} s`);
  return true;
}

/**
 * Called by the auth gateway before Better Auth: limits how often SMS codes may be asked for (per number and
 * per IP; the same answer whether or not the number is registered), and locks phone + password sign-in
 * after repeated wrong passwords like e-mail sign-in. Returns true when it refused the request (reply sent).
 */
export async function throttlePhone(
  ctx: ModuleContext,
  request: FastifyRequest,
  reply: FastifyReply,
  path: string,
): Promise<boolean> {
  if (request.method !== 'POST') return false;
  const phone = phoneOf(request.body);
  if (!phone) return false;
  if (path === '/sign-in/phone-number') {
    const wait = await secondsLocked(ctx.db, lockKey(phone));
    if (wait <= 0) return false;
    await recordAudit(ctx.db, request, { action: 'auth.sign_in_throttled', subject: phone });
    return tooMany(request, reply, wait);
  }
  if (!codePaths.has(path)) return false;

  const hourAgo = sql`now() - interval '1 hour'`;
  const [byPhone] = await ctx.db
    .select({
      n: count(),
      first: min(phoneCodeRequests.createdAt),
      lastAgo: sql<number>`extract(epoch from now() - max(${phoneCodeRequests.createdAt}))`,
    })
    .from(phoneCodeRequests)
    .where(and(eq(phoneCodeRequests.phone, phone), gt(phoneCodeRequests.createdAt, hourAgo)));
  const [byIp] = await ctx.db
    .select({ n: count() })
    .from(phoneCodeRequests)
    .where(and(eq(phoneCodeRequests.ip, request.ip), gt(phoneCodeRequests.createdAt, hourAgo)));
  const { resendSeconds, perPhonePerHour, perIpPerHour } = phoneCodeLimits;
  if (byPhone && byPhone.n > 0 && Number(byPhone.lastAgo) < resendSeconds) {
    return tooMany(request, reply, resendSeconds - Number(byPhone.lastAgo));
  }
  if (byPhone && byPhone.n >= perPhonePerHour && byPhone.first) {
    return tooMany(request, reply, (byPhone.first.getTime() + 3_600_000 - Date.now()) / 1000);
  }
  if (byIp && byIp.n >= perIpPerHour) {
    await recordAudit(ctx.db, request, { action: 'auth.sms_throttled', subject: phone });
    return tooMany(request, reply, 600);
  }
  await ctx.db.insert(phoneCodeRequests).values({ id: uuidv7(), phone, ip: request.ip });
  return false;
}

const sessionUser = (text: string) => {
  try {
    return (JSON.parse(text) as { user?: { id?: string; createdAt?: string } }).user;
  } catch {
    return undefined;
  }
};

/**
 * Called by the auth gateway after Better Auth answered: audit entries for sign-in by SMS code or phone +
 * password, sign-up by phone, phone changes and magic links; wrong phone passwords count towards the lock.
 */
export async function auditPhoneAndMagicLink(
  ctx: ModuleContext,
  request: FastifyRequest,
  path: string,
  response: Response,
  text: string,
  startedAt: Date,
): Promise<void> {
  const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
    string,
    unknown
  >;
  const phone = phoneOf(body);
  if (
    request.method === 'POST' &&
    phone &&
    (path === '/phone-number/verify' || path === '/sign-in/phone-number')
  ) {
    const method = path === '/sign-in/phone-number' ? 'phonePassword' : 'phoneCode';
    if (!response.ok) {
      if (path === '/sign-in/phone-number' && response.status === 401) {
        const policy = {
          maxFailures: ctx.config.authMaxFailures,
          lockoutSeconds: ctx.config.authLockoutSeconds,
        };
        if (await recordFailure(ctx.db, lockKey(phone), policy)) {
          await recordAudit(ctx.db, request, { action: 'auth.locked', subject: phone });
        }
      }
      await recordAudit(ctx.db, request, {
        action: 'auth.sign_in_failed',
        subject: phone,
        details: { method },
      });
      return;
    }
    const user = sessionUser(text);
    const actor = user?.id ? { actorId: user.id, actorKind: 'person' as const } : {};
    if (path === '/sign-in/phone-number') await clearFailures(ctx.db, lockKey(phone));
    if (body.updatePhoneNumber === true) {
      await recordAudit(ctx.db, request, { action: 'auth.phone_changed', subject: phone, ...actor });
      return;
    }
    if (user?.createdAt && new Date(user.createdAt) >= startedAt) {
      await recordAudit(ctx.db, request, {
        action: 'auth.sign_up',
        subject: phone,
        details: { method },
        ...actor,
      });
    }
    await recordAudit(ctx.db, request, {
      action: 'auth.sign_in',
      subject: phone,
      details: { method },
      ...actor,
    });
    return;
  }
  if (request.method === 'POST' && path === '/sign-in/magic-link' && response.ok) {
    const email = typeof body.email === 'string' ? body.email.toLowerCase() : null;
    await recordAudit(ctx.db, request, { action: 'auth.magic_link_requested', subject: email });
    return;
  }
  if (request.method === 'GET' && path === '/magic-link/verify') {
    const location = response.headers.get('location') ?? '';
    const error = location ? new URL(location, ctx.config.publicUrl).searchParams.get('error') : null;
    const cookies = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const session =
      !error && cookies ? await ctx.auth.api.getSession({ headers: new Headers({ cookie: cookies }) }) : null;
    if (!session) {
      await recordAudit(ctx.db, request, {
        action: 'auth.sign_in_failed',
        details: { method: 'magicLink', error: error ?? 'INVALID_TOKEN' },
      });
      return;
    }
    await recordAudit(ctx.db, request, {
      action: 'auth.sign_in',
      subject: session.user.email.toLowerCase(),
      actorId: session.user.id,
      actorKind: 'person',
      details: { method: 'magicLink' },
    });
  }
}
