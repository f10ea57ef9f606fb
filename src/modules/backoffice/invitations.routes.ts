import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Actor, actorOf } from '../../server/core/access.js';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { queueMail } from '../../server/core/mail/mailer.js';
import type { ModuleContext } from '../../server/core/module.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  acceptInvitation,
  createInvitation,
  listOpenInvitations,
  renewInvitation,
  revokeInvitation,
  staffInvitationDays,
} from '../people/staff-invitations.service.js';
import { assertRolesExist, listStaffRoles } from '../people/staff-roles.service.js';
import { getBranding } from '../settings/settings.service.js';
import { staffInvitationMail } from './backoffice.mail.js';

const invitationSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    roles: z.array(z.string()),
    expiresAt: z.string(),
    expired: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'StaffInvitation' });

const idParams = z.object({ id: z.uuid() });

/** Nobody invites someone into roles that grant more than they hold themselves. */
async function assertGrantable(db: Db, actor: Actor, roles: string[]) {
  await assertRolesExist(db, roles);
  const mine = new Set(actor.permissions);
  const granted = (await listStaffRoles(db))
    .filter((r) => roles.includes(r.key))
    .flatMap((r) => r.permissions);
  if (granted.some((p) => !mine.has(p))) {
    throw new AppError('FORBIDDEN', 'These roles grant permissions you do not have');
  }
}

/** Back office: invite staff by e-mail with roles; resend; revoke. The invitee accepts once signed in. */
export function invitationsRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const { db, config, jobs } = ctx;
  const api = app.withTypeProvider<ZodTypeProvider>();

  const sendInvitation = async (request: FastifyRequest, email: string, token: string) => {
    const branding = await getBranding(db);
    await queueMail(db, {
      to: email,
      template: staffInvitationMail.name,
      locale: request.headers['accept-language']?.startsWith('en') ? 'en' : 'ru',
      vars: {
        business: branding.name,
        url: `${config.publicUrl}/staff-invitation?token=${encodeURIComponent(token)}`,
        days: staffInvitationDays,
      },
    });
    jobs.poke();
  };

  api.get(
    '/admin/staff-invitations',
    {
      config: { access: { permission: 'staff.manage' } },
      schema: {
        tags: ['back office'],
        summary: 'Open staff invitations',
        response: { 200: z.object({ items: z.array(invitationSchema) }) },
      },
    },
    async () => ({ items: await listOpenInvitations(db) }),
  );

  api.post(
    '/admin/staff-invitations',
    {
      config: { access: { permission: 'staff.manage' } },
      schema: {
        tags: ['back office'],
        summary: 'Invites a person to the staff by e-mail with roles',
        body: z.object({
          email: z.email().max(320),
          roles: z.array(z.string().min(1).max(60)).min(1).max(20),
        }),
        response: { 201: z.object({ id: z.string(), expiresAt: z.string() }) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const roles = [...new Set(request.body.roles)];
      await assertGrantable(db, actor, roles);
      const email = request.body.email.trim().toLowerCase();
      const created = await db.transaction(async (tx) => {
        const invitation = await createInvitation(tx, {
          email,
          roles,
          invitedBy: actor.kind === 'person' ? actor.id : null,
        });
        await recordAudit(tx, request, { action: 'staff.invited', subject: email, details: { roles } });
        return invitation;
      });
      await sendInvitation(request, email, created.token);
      return reply.code(201).send({ id: created.id, expiresAt: created.expiresAt.toISOString() });
    },
  );

  api.post(
    '/admin/staff-invitations/:id/resend',
    {
      config: { access: { permission: 'staff.manage' } },
      schema: {
        tags: ['back office'],
        summary: 'Sends an invitation again with a new link (the old one stops working)',
        params: idParams,
        response: { 200: z.object({ id: z.string(), expiresAt: z.string() }) },
      },
    },
    async (request) => {
      const renewed = await renewInvitation(db, request.params.id);
      await recordAudit(db, request, { action: 'staff.invitation_resent', subject: renewed.email });
      await sendInvitation(request, renewed.email, renewed.token);
      return { id: renewed.id, expiresAt: renewed.expiresAt.toISOString() };
    },
  );

  api.delete(
    '/admin/staff-invitations/:id',
    {
      config: { access: { permission: 'staff.manage' } },
      schema: {
        tags: ['back office'],
        summary: 'Revokes an open invitation',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const revoked = await revokeInvitation(db, request.params.id);
      await recordAudit(db, request, { action: 'staff.invitation_revoked', subject: revoked.email });
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/staff-invitations/accept',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags: ['back office'],
        summary: 'Accepts a staff invitation addressed to the signed-in person',
        body: z.object({ token: z.string().min(10).max(200) }),
        response: { 200: z.object({ roles: z.array(z.string()) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (actor.kind !== 'person' || actor.impersonatedBy) {
        throw new AppError('NOT_FOUND', 'This invitation is not valid (it may have expired or been revoked)');
      }
      return db.transaction(async (tx) => {
        const accepted = await acceptInvitation(tx, request.body.token, actor);
        await recordAudit(tx, request, {
          action: 'staff.invitation_accepted',
          subject: actor.id,
          details: { email: actor.email, roles: accepted.roles },
        });
        return { roles: accepted.roles };
      });
    },
  );
}
