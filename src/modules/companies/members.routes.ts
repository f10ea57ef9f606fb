import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, orgOf } from '../../server/core/access.js';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import { orgRoles } from '../../shared/permissions.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  customRoleBody,
  customRoleSchema,
  invitationSchema,
  inviteBody,
  memberSchema,
  orgParams,
  presentInvitation,
  presentMember,
  roleChoice,
} from './companies.schema.js';
import { listMembers } from './companies.service.js';
import {
  createInvitation,
  listInvitations,
  resendInvitation,
  revokeInvitation,
} from './invitations.service.js';
import {
  changeMemberRole,
  createCustomRole,
  deleteCustomRole,
  listCustomRoles,
  removeMember,
  updateCustomRole,
} from './members.service.js';

const memberParams = orgParams.extend({ userId: z.string().max(64) });
const invitationParams = orgParams.extend({ invitationId: z.uuid() });
const roleParams = orgParams.extend({ roleId: z.uuid() });

/** Members, pending invitations and custom roles of a company, managed by its own admins. */
export function membersRoutes(app: FastifyInstance, { db, config }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const mailContext = (request: Parameters<typeof actorOf>[0]) => ({
    publicUrl: config.publicUrl,
    inviterName: actorOf(request).name,
    locale: 'ru' as const,
  });

  api.get(
    '/orgs/:orgId/members',
    {
      config: { access: { org: 'members.read' } },
      schema: {
        tags: ['companies'],
        summary: 'Members of the company and their roles',
        params: orgParams,
        response: { 200: z.object({ items: z.array(memberSchema) }) },
      },
    },
    async (request) => ({ items: (await listMembers(db, orgOf(request).orgId)).map(presentMember) }),
  );

  api.patch(
    '/orgs/:orgId/members/:userId',
    {
      config: { access: { org: 'members.manage' } },
      schema: {
        tags: ['companies'],
        summary: 'Gives a member another role (owners are managed by owners; the last owner stays)',
        params: memberParams,
        body: roleChoice,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const org = orgOf(request);
      const actor = actorOf(request);
      const change = await changeMemberRole(
        db,
        org.orgId,
        { userId: actor.id, permissions: org.permissions },
        request.params.userId,
        request.body,
      );
      await recordAudit(db, request, {
        action: 'company.member_role_changed',
        subject: org.orgId,
        details: { userId: request.params.userId, ...change },
      });
      return reply.code(204).send(null);
    },
  );

  api.delete(
    '/orgs/:orgId/members/:userId',
    {
      config: { access: { org: 'members.manage' } },
      schema: {
        tags: ['companies'],
        summary: 'Removes a member from the company',
        params: memberParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const org = orgOf(request);
      const actor = actorOf(request);
      await removeMember(
        db,
        org.orgId,
        { userId: actor.id, permissions: org.permissions },
        request.params.userId,
      );
      await recordAudit(db, request, {
        action: 'company.member_removed',
        subject: org.orgId,
        details: { userId: request.params.userId },
      });
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/orgs/:orgId/leave',
    {
      config: { access: { org: 'company.read' } },
      schema: {
        tags: ['companies'],
        summary: 'Leaves the company (the last owner cannot)',
        params: orgParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const org = orgOf(request);
      const actor = actorOf(request);
      await removeMember(db, org.orgId, { userId: actor.id, permissions: org.permissions }, actor.id);
      await recordAudit(db, request, { action: 'company.member_left', subject: org.orgId });
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/orgs/:orgId/invitations',
    {
      config: { access: { org: 'members.manage' } },
      schema: {
        tags: ['companies'],
        summary: 'Open invitations of the company',
        params: orgParams,
        response: { 200: z.object({ items: z.array(invitationSchema) }) },
      },
    },
    async (request) => ({ items: (await listInvitations(db, orgOf(request).orgId)).map(presentInvitation) }),
  );

  api.post(
    '/orgs/:orgId/invitations',
    {
      config: { access: { org: 'members.manage' } },
      schema: {
        tags: ['companies'],
        summary: 'Invites a person by e-mail with a role; the link works for 7 days',
        params: orgParams,
        body: inviteBody,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const org = orgOf(request);
      const actor = actorOf(request);
      if (request.body.role === 'owner' && !org.permissions.includes('owners.manage')) {
        throw new AppError('FORBIDDEN', 'Only an owner can invite owners');
      }
      const id = await createInvitation(
        db,
        org.orgId,
        { ...request.body, invitedBy: actor.id },
        mailContext(request),
      );
      await recordAudit(db, request, {
        action: 'company.invitation_sent',
        subject: org.orgId,
        details: {
          id,
          email: request.body.email.toLowerCase(),
          role: request.body.role ?? request.body.customRoleId,
        },
      });
      return reply.code(201).send({ id });
    },
  );

  api.post(
    '/orgs/:orgId/invitations/:invitationId/resend',
    {
      config: { access: { org: 'members.manage' } },
      schema: {
        tags: ['companies'],
        summary: 'Sends the invitation again with a new link and a new expiry',
        params: invitationParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { orgId } = orgOf(request);
      const email = await resendInvitation(db, orgId, request.params.invitationId, mailContext(request));
      await recordAudit(db, request, {
        action: 'company.invitation_resent',
        subject: orgId,
        details: { id: request.params.invitationId, email },
      });
      return reply.code(204).send(null);
    },
  );

  api.delete(
    '/orgs/:orgId/invitations/:invitationId',
    {
      config: { access: { org: 'members.manage' } },
      schema: {
        tags: ['companies'],
        summary: 'Withdraws an open invitation',
        params: invitationParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { orgId } = orgOf(request);
      const email = await revokeInvitation(db, orgId, request.params.invitationId);
      await recordAudit(db, request, {
        action: 'company.invitation_revoked',
        subject: orgId,
        details: { id: request.params.invitationId, email },
      });
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/orgs/:orgId/roles',
    {
      config: { access: { org: 'members.read' } },
      schema: {
        tags: ['companies'],
        summary: 'Built-in roles with their permissions, and the company’s custom roles',
        params: orgParams,
        response: {
          200: z.object({
            builtIn: z.array(z.object({ role: z.string(), permissions: z.array(z.string()) })),
            custom: z.array(customRoleSchema),
          }),
        },
      },
    },
    async (request) => ({
      builtIn: Object.entries(orgRoles).map(([role, permissions]) => ({
        role,
        permissions: [...permissions],
      })),
      custom: await listCustomRoles(db, orgOf(request).orgId),
    }),
  );

  api.post(
    '/orgs/:orgId/roles',
    {
      config: { access: { org: 'roles.manage' } },
      schema: {
        tags: ['companies'],
        summary: 'Creates a custom role from org permission keys',
        params: orgParams,
        body: customRoleBody,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const { orgId } = orgOf(request);
      const id = await createCustomRole(db, orgId, request.body);
      await recordAudit(db, request, {
        action: 'company.role_created',
        subject: orgId,
        details: { id, ...request.body },
      });
      return reply.code(201).send({ id });
    },
  );

  api.patch(
    '/orgs/:orgId/roles/:roleId',
    {
      config: { access: { org: 'roles.manage' } },
      schema: {
        tags: ['companies'],
        summary: 'Renames a custom role or changes its permissions',
        params: roleParams,
        body: customRoleBody.partial(),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { orgId } = orgOf(request);
      await updateCustomRole(db, orgId, request.params.roleId, request.body);
      await recordAudit(db, request, {
        action: 'company.role_changed',
        subject: orgId,
        details: { id: request.params.roleId, ...request.body },
      });
      return reply.code(204).send(null);
    },
  );

  api.delete(
    '/orgs/:orgId/roles/:roleId',
    {
      config: { access: { org: 'roles.manage' } },
      schema: {
        tags: ['companies'],
        summary: 'Deletes a custom role nobody holds',
        params: roleParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { orgId } = orgOf(request);
      await deleteCustomRole(db, orgId, request.params.roleId);
      await recordAudit(db, request, {
        action: 'company.role_deleted',
        subject: orgId,
        details: { id: request.params.roleId },
      });
      return reply.code(204).send(null);
    },
  );
}
