import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { orgOf } from '../../server/core/access.js';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import { getCompany, listMembers } from './companies.service.js';

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
}
