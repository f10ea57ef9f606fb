import { fromNodeHeaders } from 'better-auth/node';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../server/core/access.js';
import type { Db } from '../../server/core/db.js';
import { impersonationLive } from '../backoffice/impersonation.service.js';
import { sectionsOfGroups } from '../backoffice/sections.service.js';
import { membershipsOf } from '../companies/companies.service.js';
import { employeeRecordOf } from '../people/people.service.js';
import { staffAccessOf } from '../people/staff-roles.service.js';
import type { Auth } from './auth.js';
import { endSessionById } from './staff-sessions.service.js';
import { twoFactorRequiredFor } from './two-factor/two-factor.policy.js';

/** The signed-in person behind the request's session cookie, with their back-office permissions. */
export async function personFromSession(auth: Auth, db: Db, request: FastifyRequest): Promise<Actor | null> {
  if (!request.headers.cookie?.includes('kabinet.session_token')) return null;
  const session = await auth.api.getSession({ headers: fromNodeHeaders(request.headers) });
  if (!session) return null;
  const { impersonatedBy } = session.session;
  if (impersonatedBy && !impersonationLive(session.session.createdAt)) {
    await endSessionById(db, session.session.id);
    return null;
  }
  const access = await staffAccessOf(db, session.user.id);
  if (access.blocked) return null;
  return {
    id: session.user.id,
    name: session.user.name,
    email: session.user.email,
    kind: 'person',
    permissions: access.permissions,
    twoFactorRequired:
      !session.user.twoFactorEnabled && (await twoFactorRequiredFor(db, session.user.id, access.roles)),
    sessionId: session.session.id,
    impersonatedBy: impersonatedBy ?? null,
    sections: access.sections,
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
