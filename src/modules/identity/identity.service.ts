import { fromNodeHeaders } from 'better-auth/node';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../server/core/access.js';
import type { Db } from '../../server/core/db.js';
import type { ReadCache } from '../../server/core/read-cache.js';
import { impersonationLive } from '../backoffice/impersonation.service.js';
import { sectionsOfGroups } from '../backoffice/sections.service.js';
import { membershipsOf } from '../companies/companies.service.js';
import { employeeRecordOf } from '../people/people.service.js';
import { staffAccessOf } from '../people/staff-roles.service.js';
import type { Auth } from './auth.js';
import { endSessionById } from './staff-sessions.service.js';
import { twoFactorRequiredFor } from './two-factor/two-factor.policy.js';

/** What a session cookie resolves to, cached by the cookie (read-cache.ts) until identity data changes. */
interface SessionPerson {
  actor: Actor;
  createdAt: number;
  expiresAt: number;
}

/** The session cookie's value (Better Auth's signed token; `__Secure-` prefixed over HTTPS). */
function sessionCookieOf(request: FastifyRequest): string | undefined {
  const cookies = request.cookies ?? {};
  return cookies['kabinet.session_token'] ?? cookies['__Secure-kabinet.session_token'];
}

/**
 * The signed-in person behind the request's session cookie, with their back-office permissions. Served from
 * the read cache when one is given: any write to sessions, people, roles, memberships or settings makes the
 * next request look the session up again.
 */
export async function personFromSession(
  auth: Auth,
  db: Db,
  request: FastifyRequest,
  cache?: ReadCache,
): Promise<Actor | null> {
  const cookie = sessionCookieOf(request);
  if (!cookie) return null;
  const found = cache
    ? await cache.remember('identity', `session:${cookie}`, () => lookUpSession(auth, db, request), request)
    : await lookUpSession(auth, db, request);
  if (!found || found.expiresAt <= Date.now()) return null;
  if (found.actor.impersonatedBy && !impersonationLive(new Date(found.createdAt))) {
    await endSessionById(db, found.actor.sessionId ?? '');
    return null;
  }
  return { ...found.actor };
}

async function lookUpSession(auth: Auth, db: Db, request: FastifyRequest): Promise<SessionPerson | null> {
  const session = await auth.api.getSession({ headers: fromNodeHeaders(request.headers) });
  if (!session) return null;
  const access = await staffAccessOf(db, session.user.id);
  if (access.blocked) return null;
  return {
    actor: {
      id: session.user.id,
      name: session.user.name,
      email: session.user.email,
      kind: 'person',
      locale: session.user.locale ?? 'ru',
      permissions: access.permissions,
      twoFactorRequired:
        !session.user.twoFactorEnabled && (await twoFactorRequiredFor(db, session.user.id, access.roles)),
      sessionId: session.session.id,
      impersonatedBy: session.session.impersonatedBy ?? null,
      sections: access.sections,
    },
    createdAt: new Date(session.session.createdAt).getTime(),
    expiresAt: new Date(session.session.expiresAt).getTime(),
  };
}

/** Everything a person can act as: themselves, each company with their role, employee, back office. */
export async function contextsOf(db: Db, actor: Actor) {
  if (actor.kind !== 'person') {
    return { personal: false, companies: [], employee: false, backOffice: actor.permissions.length > 0 };
  }
  const [companies, employee] = await Promise.all([
    membershipsOf(db, actor.id),
    employeeRecordOf(db, actor.id),
  ]);
  // The sections each company's customer group may see ("режимы для групп пользователей").
  const sectionsOf = await sectionsOfGroups(
    db,
    companies.map((c) => c.customerGroupId),
  );
  return {
    personal: true,
    companies: companies.map((c) => ({
      id: c.id,
      name: c.name,
      kinds: c.kinds,
      role: c.role,
      sections: sectionsOf(c.customerGroupId),
    })),
    employee: employee !== null,
    backOffice: actor.permissions.length > 0,
  };
}
