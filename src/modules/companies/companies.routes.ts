import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, orgOf } from '../../server/core/access.js';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import { innField, kppField, ogrnField } from '../../shared/fields.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  decideCompany,
  getCompany,
  listCompaniesByStatus,
  listMembers,
  registerCompany,
} from './companies.service.js';

const orgParams = z.object({ orgId: z.string().max(64) });

const companySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    legalName: z.string(),
    kinds: z.array(z.string()),
    inn: z.string(),
    kpp: z.string().nullable(),
    ogrn: z.string().nullable(),
    legalAddress: z.string().nullable(),
    status: z.enum(['pending', 'active', 'rejected']),
    myRole: z.string(),
    myPermissions: z.array(z.string()),
  })
  .meta({ id: 'Company' });

const memberSchema = z.object({ userId: z.string(), name: z.string(), email: z.string(), role: z.string() });

/** Company cabinet routes: every one is scoped by the org guard to the caller's own companies. */
export function companiesRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/orgs/:orgId',
    {
      config: { access: { org: 'company.read' } },
      schema: {
        tags: ['companies'],
        summary: 'The company card with my role in it',
        params: orgParams,
        response: { 200: companySchema },
      },
    },
    async (request) => {
      const org = orgOf(request);
      const company = await getCompany(db, org.orgId);
      if (!company) throw new AppError('NOT_FOUND', 'No such company');
      return {
        id: company.id,
        name: company.name,
        legalName: company.legalName,
        kinds: company.kinds,
        inn: company.inn,
        kpp: company.kpp,
        ogrn: company.ogrn,
        legalAddress: company.legalAddress,
        status: company.status,
        myRole: org.role,
        myPermissions: org.permissions,
      };
    },
  );

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
    async (request) => ({ items: await listMembers(db, orgOf(request).orgId) }),
  );

  api.post(
    '/me/companies',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags: ['companies'],
        summary: 'Registers my company by its requisites; it waits for staff approval',
        body: z.object({
          name: z.string().trim().min(1).max(200),
          legalName: z.string().trim().min(1).max(300),
          inn: innField,
          kpp: kppField.optional(),
          ogrn: ogrnField.optional(),
          legalAddress: z.string().trim().max(500).optional(),
          kinds: z
            .array(z.enum(['client', 'partner']))
            .min(1)
            .default(['client']),
        }),
        response: { 201: z.object({ id: z.string(), status: z.literal('pending') }) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (actor.kind !== 'person') throw new AppError('FORBIDDEN', 'Only a person can register a company');
      const id = await registerCompany(db, actor.id, request.body);
      await recordAudit(db, request, {
        action: 'company.registered',
        subject: id,
        details: { inn: request.body.inn },
      });
      return reply.code(201).send({ id, status: 'pending' as const });
    },
  );

  api.get(
    '/admin/companies',
    {
      config: { access: { permission: 'companies.read' } },
      schema: {
        tags: ['companies'],
        summary: 'Companies by status (the approval queue with status=pending)',
        querystring: z.object({ status: z.enum(['pending', 'active', 'rejected']).default('pending') }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                inn: z.string(),
                kpp: z.string().nullable(),
                status: z.string(),
                createdAt: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => ({
      items: (await listCompaniesByStatus(db, request.query.status)).map((c) => ({
        id: c.id,
        name: c.name,
        inn: c.inn,
        kpp: c.kpp,
        status: c.status,
        createdAt: c.createdAt.toISOString(),
      })),
    }),
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
}
