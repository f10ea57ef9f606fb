import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/core/access.js';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import { allPermissionsRole } from '../../shared/permissions.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  createImpersonationSession,
  endSessionByToken,
  sessionByToken,
  sessionTokenOf,
  setSessionCookie,
} from '../identity/staff-sessions.service.js';
import { staffRolesOf } from '../people/people.service.js';
import { targetFor } from './guard.js';
import { impersonationMinutes, impersonatorCookie } from './impersonation.service.js';

const ownSessionSeconds = 30 * 24 * 3600;

/** Support's "sign in as": a short session as the person, audited at start and end, with one-click return. */
export function impersonationRoutes(app: FastifyInstance, { db, auth, config }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const secure = config.publicUrl.startsWith('https:');

  api.post(
    '/admin/people/:userId/impersonate',
    {
      config: { access: { permission: 'people.impersonate' } },
      schema: {
        tags: ['back office'],
        summary:
          'Signs the staff member in as the person for one hour (audited); return with /impersonation/end',
        params: z.object({ userId: z.string().min(1).max(100) }),
        response: { 200: z.object({ expiresAt: z.string() }) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const ownToken = actor.kind === 'person' ? await sessionTokenOf(auth, request.cookies) : null;
      if (!ownToken || actor.impersonatedBy) {
        throw new AppError('CONFLICT', 'Sign in with your own staff account to act as someone');
      }
      const { person } = await targetFor(db, actor, request.params.userId);
      if ((await staffRolesOf(db, person.id)).includes(allPermissionsRole)) {
        throw new AppError('FORBIDDEN', 'Administrators cannot be impersonated');
      }
      if (person.blockedAt) throw new AppError('CONFLICT', 'This person is blocked');
      const expiresAt = new Date(Date.now() + impersonationMinutes * 60_000);
      const { token } = await createImpersonationSession(auth, {
        userId: person.id,
        staffId: actor.id,
        expiresAt,
        ipAddress: request.ip,
        userAgent: request.headers['user-agent']?.slice(0, 500) ?? '',
      });
      await recordAudit(db, request, {
        action: 'people.impersonation_started',
        subject: person.id,
        details: { email: person.email, expiresAt: expiresAt.toISOString() },
      });
      reply.setCookie(impersonatorCookie, ownToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure,
        signed: true,
        maxAge: impersonationMinutes * 60,
      });
      await setSessionCookie(auth, reply, token, impersonationMinutes * 60);
      return { expiresAt: expiresAt.toISOString() };
    },
  );

  api.post(
    '/impersonation/end',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags: ['back office'],
        summary: 'Ends a "sign in as" session and returns to the staff member\'s own session',
        response: { 200: z.object({ restored: z.boolean() }) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const staffId = actor.impersonatedBy;
      if (!staffId) throw new AppError('CONFLICT', 'This session is not a "sign in as" session');
      const token = await sessionTokenOf(auth, request.cookies);
      if (token) await endSessionByToken(db, token);
      await recordAudit(db, request, {
        action: 'people.impersonation_ended',
        subject: actor.id,
        actorId: staffId,
        actorKind: 'person',
        details: { email: actor.email },
      });
      const saved = request.cookies[impersonatorCookie];
      const unsigned = saved ? request.unsignCookie(saved) : null;
      const own = unsigned?.valid && unsigned.value ? await sessionByToken(db, unsigned.value) : null;
      reply.clearCookie(impersonatorCookie, { path: '/' });
      if (own && own.userId === staffId && !own.impersonatedBy && unsigned?.value) {
        await setSessionCookie(auth, reply, unsigned.value, ownSessionSeconds);
        return { restored: true };
      }
      const ctx = await auth.$context;
      reply.clearCookie(ctx.authCookies.sessionToken.name, { path: '/' });
      return { restored: false };
    },
  );
}
