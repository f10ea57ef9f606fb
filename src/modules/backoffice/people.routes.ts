import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/core/access.js';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import { pageOf, pageQuery } from '../../server/core/pagination.js';
import { listAudit, recordAudit } from '../audit/audit.service.js';
import { membershipsOf } from '../companies/companies.service.js';
import { countActiveSessions, endAllSessions } from '../identity/staff-sessions.service.js';
import { employeeRecordOf, getPerson, staffRolesOf } from '../people/people.service.js';
import { searchPeople, setBlocked, setStaffRoles } from '../people/people-admin.service.js';
import { assertRolesExist, staffAccessOf } from '../people/staff-roles.service.js';
import { targetFor } from './guard.js';

const personSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    createdAt: z.string(),
    blocked: z.boolean(),
    staffRoles: z.array(z.string()),
  })
  .meta({ id: 'PersonSummary' });

const auditItem = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  subject: z.string().nullable(),
  actorId: z.string().nullable(),
  actorKind: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

const personCard = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    locale: z.string(),
    emailVerified: z.boolean(),
    createdAt: z.string(),
    blocked: z.boolean(),
    blockedAt: z.string().nullable(),
    staffRoles: z.array(z.string()),
    permissions: z.array(z.string()),
    companies: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })),
    employee: z.boolean(),
    activeSessions: z.number().int(),
    /** Null when the portal does not know (two-factor sign-in is not installed). */
    twoFactorEnabled: z.boolean().nullable(),
    audit: z.array(auditItem),
  })
  .meta({ id: 'PersonCard' });

const userParams = z.object({ userId: z.string().min(1).max(100) });

/** Back office: people — search, the person card, block/unblock, staff roles. */
export function peopleRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/admin/people',
    {
      config: { access: { permission: 'people.read' } },
      schema: {
        tags: ['back office'],
        summary: 'People: search by name, e-mail or phone; filter staff, customers or blocked',
        querystring: pageQuery.extend({
          q: z.string().max(200).optional(),
          filter: z.enum(['all', 'staff', 'customers', 'blocked']).default('all'),
        }),
        response: { 200: pageOf(personSummary) },
      },
    },
    async (request) => searchPeople(db, request.query),
  );

  api.get(
    '/admin/people/:userId',
    {
      config: { access: { permission: 'people.read' } },
      schema: {
        tags: ['back office'],
        summary: 'A person card: contexts, companies, sessions, two-factor state, recent audit',
        params: userParams,
        response: { 200: personCard },
      },
    },
    async (request) => {
      const person = await getPerson(db, request.params.userId);
      if (!person) throw new AppError('NOT_FOUND', 'No such person');
      const [companies, employee, sessions, access, roles, audit] = await Promise.all([
        membershipsOf(db, person.id),
        employeeRecordOf(db, person.id),
        countActiveSessions(db, person.id),
        staffAccessOf(db, person.id),
        staffRolesOf(db, person.id),
        listAudit(db, { limit: 20, person: { id: person.id, email: person.email } }),
      ]);
      // The two-factor column arrives with the two-factor module; until then the state is unknown.
      const twoFactor = (person as Record<string, unknown>).twoFactorEnabled;
      return {
        id: person.id,
        name: person.name,
        email: person.email,
        phone: person.phone,
        locale: person.locale,
        emailVerified: person.emailVerified,
        createdAt: person.createdAt.toISOString(),
        blocked: person.blockedAt !== null,
        blockedAt: person.blockedAt?.toISOString() ?? null,
        staffRoles: roles,
        permissions: access.permissions,
        companies: companies.map((c) => ({ id: c.id, name: c.name, role: c.role })),
        employee: employee !== null,
        activeSessions: sessions,
        twoFactorEnabled: typeof twoFactor === 'boolean' ? twoFactor : null,
        audit: audit.items,
      };
    },
  );

  for (const blocked of [true, false]) {
    api.post(
      `/admin/people/:userId/${blocked ? 'block' : 'unblock'}`,
      {
        config: { access: { permission: 'people.manage' } },
        schema: {
          tags: ['back office'],
          summary: blocked
            ? 'Blocks a person: every session ends and sign-in is refused'
            : 'Lets a blocked person sign in again',
          params: userParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const { person } = await targetFor(db, actorOf(request), request.params.userId);
        await db.transaction(async (tx) => {
          await setBlocked(tx, person.id, blocked);
          const ended = blocked ? await endAllSessions(tx, person.id) : 0;
          await recordAudit(tx, request, {
            action: blocked ? 'people.blocked' : 'people.unblocked',
            subject: person.id,
            details: { email: person.email, ...(blocked ? { sessionsEnded: ended } : {}) },
          });
        });
        return reply.code(204).send(null);
      },
    );
  }

  api.put(
    '/admin/people/:userId/staff-roles',
    {
      config: { access: { permission: 'staff.manage' } },
      schema: {
        tags: ['back office'],
        summary: "Replaces a person's staff roles (none: no longer staff)",
        params: userParams,
        body: z.object({ roles: z.array(z.string().min(1).max(60)).max(20) }),
        response: { 200: z.object({ roles: z.array(z.string()), permissions: z.array(z.string()) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { person } = await targetFor(db, actor, request.params.userId);
      const roles = [...new Set(request.body.roles)];
      await assertRolesExist(db, roles);
      return db.transaction(async (tx) => {
        const before = await staffRolesOf(tx, person.id);
        await setStaffRoles(tx, person.id, roles);
        const after = await staffAccessOf(tx, person.id);
        // Nobody hands out a permission they do not hold themselves.
        const mine = new Set(actor.permissions);
        if (after.permissions.some((p) => !mine.has(p))) {
          throw new AppError('FORBIDDEN', 'These roles grant permissions you do not have');
        }
        await recordAudit(tx, request, {
          action: 'staff.roles_changed',
          subject: person.id,
          details: { email: person.email, before, after: roles },
        });
        return { roles, permissions: after.permissions };
      });
    },
  );
}
