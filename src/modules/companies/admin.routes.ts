import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/core/access.js';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import { decodeCursor, pageOf, pageQuery, toPage } from '../../server/core/pagination.js';
import { recordAudit } from '../audit/audit.service.js';
import { listStaffPeople, staffRolesOf } from '../people/people.service.js';
import {
  adminDetailsBody,
  companySchema,
  createCompanyBody,
  invitationSchema,
  inviteBody,
  kindEnum,
  memberSchema,
  presentInvitation,
  presentMember,
  statusEnum,
} from './companies.schema.js';
import {
  companyCard,
  createCompany,
  decideCompany,
  listCompanies,
  listMembers,
  presentCompany,
  updateCompany,
} from './companies.service.js';
import {
  createCustomerGroup,
  customerGroupExists,
  deleteCustomerGroup,
  listCustomerGroupsWithCounts,
  updateCustomerGroup,
} from './customer-groups.service.js';
import { createInvitation, listInvitations, revokeInvitation } from './invitations.service.js';

const companyParams = z.object({ companyId: z.uuid() });
const groupParams = z.object({ groupId: z.uuid() });
const adminCompanySchema = companySchema
  .omit({ myRole: true, myPermissions: true })
  .meta({ id: 'AdminCompany' });
const listItem = z.object({
  id: z.string(),
  name: z.string(),
  legalName: z.string(),
  inn: z.string(),
  kpp: z.string().nullable(),
  kinds: z.array(z.string()),
  status: z.string(),
  createdAt: z.string(),
});
const groupSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  companies: z.number(),
});
const groupBody = z.object({
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(500).nullable().optional(),
});

/** Back-office company screens: the list and approval queue, creation, details, members; customer groups. */
export function companiesAdminRoutes(app: FastifyInstance, { db, config }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  /** A manager must be staff and a customer group must exist: refused on the field otherwise. */
  const checkRefs = async (body: { managerId?: string | null; customerGroupId?: string | null }) => {
    if (body.managerId && (await staffRolesOf(db, body.managerId)).length === 0) {
      throw new AppError('VALIDATION_FAILED', 'The manager must be a staff person', [
        { path: 'body.managerId', message: 'Not a staff person' },
      ]);
    }
    if (body.customerGroupId && !(await customerGroupExists(db, body.customerGroupId))) {
      throw new AppError('VALIDATION_FAILED', 'No such customer group', [
        { path: 'body.customerGroupId', message: 'No such customer group' },
      ]);
    }
  };
  const card = async (companyId: string) => {
    const found = await companyCard(db, companyId);
    if (!found) throw new AppError('NOT_FOUND', 'No such company');
    return presentCompany(found);
  };

  api.get(
    '/admin/companies',
    {
      config: { access: { permission: 'companies.read' } },
      schema: {
        tags: ['companies'],
        summary:
          'Companies, newest first: filter by status (status=pending is the approval queue), kind, search',
        querystring: pageQuery.extend({
          status: statusEnum.optional(),
          kind: kindEnum.optional(),
          q: z.string().max(100).optional(),
        }),
        response: { 200: pageOf(listItem) },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      const before = cursor ? decodeCursor(cursor, z.tuple([z.uuid()]))[0] : undefined;
      const rows = await listCompanies(db, filter, { limit, before });
      return toPage(
        rows,
        limit,
        (c) => ({
          id: c.id,
          name: c.name,
          legalName: c.legalName,
          inn: c.inn,
          kpp: c.kpp,
          kinds: c.kinds,
          status: c.status,
          createdAt: c.createdAt.toISOString(),
        }),
        (c) => [c.id],
      );
    },
  );

  api.post(
    '/admin/companies',
    {
      config: { access: { permission: 'companies.manage' } },
      schema: {
        tags: ['companies'],
        summary: 'Creates an active company (staff then invite its people)',
        body: createCompanyBody,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      await checkRefs(request.body);
      const id = await createCompany(db, request.body);
      await recordAudit(db, request, {
        action: 'company.created',
        subject: id,
        details: { inn: request.body.inn },
      });
      return reply.code(201).send({ id });
    },
  );

  api.get(
    '/admin/companies/managers',
    {
      config: { access: { permission: 'companies.read' } },
      schema: {
        tags: ['companies'],
        summary: 'Staff people who can be assigned as a company’s manager',
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.string(), name: z.string(), email: z.string() })),
          }),
        },
      },
    },
    async () => ({ items: await listStaffPeople(db) }),
  );

  api.get(
    '/admin/companies/:companyId',
    {
      config: { access: { permission: 'companies.read' } },
      schema: {
        tags: ['companies'],
        summary: 'A company with its details, bank accounts, manager and customer group',
        params: companyParams,
        response: { 200: adminCompanySchema },
      },
    },
    async (request) => card(request.params.companyId),
  );

  api.patch(
    '/admin/companies/:companyId',
    {
      config: { access: { permission: 'companies.manage' } },
      schema: {
        tags: ['companies'],
        summary: 'Changes details, kinds, manager, customer group, credit limit and payment term',
        params: companyParams,
        body: adminDetailsBody,
        response: { 200: adminCompanySchema },
      },
    },
    async (request) => {
      await checkRefs(request.body);
      if (!(await updateCompany(db, request.params.companyId, request.body))) {
        throw new AppError('NOT_FOUND', 'No such company');
      }
      await recordAudit(db, request, {
        action: 'company.details_changed',
        subject: request.params.companyId,
        details: { fields: Object.keys(request.body), by: 'staff' },
      });
      return card(request.params.companyId);
    },
  );

  api.get(
    '/admin/companies/:companyId/members',
    {
      config: { access: { permission: 'companies.read' } },
      schema: {
        tags: ['companies'],
        summary: 'Members and open invitations of a company',
        params: companyParams,
        response: { 200: z.object({ items: z.array(memberSchema), invitations: z.array(invitationSchema) }) },
      },
    },
    async (request) => {
      await card(request.params.companyId);
      const [members, invitations] = await Promise.all([
        listMembers(db, request.params.companyId),
        listInvitations(db, request.params.companyId),
      ]);
      return { items: members.map(presentMember), invitations: invitations.map(presentInvitation) };
    },
  );

  api.post(
    '/admin/companies/:companyId/invitations',
    {
      config: { access: { permission: 'companies.manage' } },
      schema: {
        tags: ['companies'],
        summary: 'Invites a person into the company (for example, its first owner)',
        params: companyParams,
        body: inviteBody,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      await card(request.params.companyId);
      const actor = actorOf(request);
      const id = await createInvitation(
        db,
        request.params.companyId,
        { ...request.body, invitedBy: actor.kind === 'person' ? actor.id : null },
        {
          publicUrl: config.publicUrl,
          inviterName: actor.kind === 'person' ? actor.name : 'Kabinet',
          locale: 'ru',
        },
      );
      await recordAudit(db, request, {
        action: 'company.invitation_sent',
        subject: request.params.companyId,
        details: {
          id,
          email: request.body.email.toLowerCase(),
          role: request.body.role ?? request.body.customRoleId,
        },
      });
      return reply.code(201).send({ id });
    },
  );

  api.delete(
    '/admin/companies/:companyId/invitations/:invitationId',
    {
      config: { access: { permission: 'companies.manage' } },
      schema: {
        tags: ['companies'],
        summary: 'Withdraws an open invitation',
        params: companyParams.extend({ invitationId: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const email = await revokeInvitation(db, request.params.companyId, request.params.invitationId);
      await recordAudit(db, request, {
        action: 'company.invitation_revoked',
        subject: request.params.companyId,
        details: { id: request.params.invitationId, email },
      });
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/admin/companies/:companyId/:decision',
    {
      config: { access: { permission: 'companies.manage' } },
      schema: {
        tags: ['companies'],
        summary: 'Approves or rejects a pending company',
        params: z.object({ companyId: z.uuid(), decision: z.enum(['approve', 'reject']) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { companyId, decision } = request.params;
      const decided = await decideCompany(db, companyId, decision === 'approve' ? 'active' : 'rejected');
      if (!decided) throw new AppError('NOT_FOUND', 'No pending company with this id');
      await recordAudit(db, request, {
        action: `company.${decision === 'approve' ? 'approved' : 'rejected'}`,
        subject: companyId,
      });
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/admin/customer-groups',
    {
      config: { access: { permission: 'companies.read' } },
      schema: {
        tags: ['companies'],
        summary: 'Customer (price) groups with the number of companies in each',
        response: { 200: z.object({ items: z.array(groupSchema) }) },
      },
    },
    async () => ({ items: await listCustomerGroupsWithCounts(db) }),
  );

  api.post(
    '/admin/customer-groups',
    {
      config: { access: { permission: 'companies.manage' } },
      schema: {
        tags: ['companies'],
        summary: 'Creates a customer group',
        body: groupBody,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const id = await createCustomerGroup(db, request.body);
      await recordAudit(db, request, {
        action: 'customer_group.created',
        subject: id,
        details: { name: request.body.name },
      });
      return reply.code(201).send({ id });
    },
  );

  api.patch(
    '/admin/customer-groups/:groupId',
    {
      config: { access: { permission: 'companies.manage' } },
      schema: {
        tags: ['companies'],
        summary: 'Renames or re-describes a customer group',
        params: groupParams,
        body: groupBody.partial(),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await updateCustomerGroup(db, request.params.groupId, request.body);
      await recordAudit(db, request, { action: 'customer_group.changed', subject: request.params.groupId });
      return reply.code(204).send(null);
    },
  );

  api.delete(
    '/admin/customer-groups/:groupId',
    {
      config: { access: { permission: 'companies.manage' } },
      schema: {
        tags: ['companies'],
        summary: 'Deletes a customer group; its companies are left without one',
        params: groupParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteCustomerGroup(db, request.params.groupId);
      await recordAudit(db, request, { action: 'customer_group.deleted', subject: request.params.groupId });
      return reply.code(204).send(null);
    },
  );
}
