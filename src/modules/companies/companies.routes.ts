import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, orgOf } from '../../server/core/access.js';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import { innField, kppField, ogrnField } from '../../shared/fields.js';
import { recordAudit } from '../audit/audit.service.js';
import { addBankAccount, deleteBankAccount, updateBankAccount } from './bank-accounts.service.js';
import {
  bankAccountBody,
  bankAccountPatch,
  bankAccountSchema,
  companySchema,
  detailsBody,
  orgParams,
} from './companies.schema.js';
import { companyCard, presentCompany, registerCompany, updateCompany } from './companies.service.js';

const accountParams = orgParams.extend({ accountId: z.uuid() });

/** Company cabinet routes for the card, its details and bank accounts, and self-registration. */
export function companiesRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  const card = async (orgId: string, org: { role: string; permissions: string[] }) => {
    const found = await companyCard(db, orgId);
    if (!found) throw new AppError('NOT_FOUND', 'No such company');
    return { ...presentCompany(found), myRole: org.role, myPermissions: org.permissions };
  };

  api.get(
    '/orgs/:orgId',
    {
      config: { access: { org: 'company.read' } },
      schema: {
        tags: ['companies'],
        summary: 'The company card with its requisites, bank accounts and my role in it',
        params: orgParams,
        response: { 200: companySchema },
      },
    },
    async (request) => card(orgOf(request).orgId, orgOf(request)),
  );

  api.patch(
    '/orgs/:orgId',
    {
      config: { access: { org: 'company.manage' } },
      schema: {
        tags: ['companies'],
        summary: 'Changes the company’s legal details (the INN is changed by staff only)',
        params: orgParams,
        body: detailsBody,
        response: { 200: companySchema },
      },
    },
    async (request) => {
      const org = orgOf(request);
      await updateCompany(db, org.orgId, request.body);
      await recordAudit(db, request, {
        action: 'company.details_changed',
        subject: org.orgId,
        details: { fields: Object.keys(request.body) },
      });
      return card(org.orgId, org);
    },
  );

  api.post(
    '/orgs/:orgId/bank-accounts',
    {
      config: { access: { org: 'company.manage' } },
      schema: {
        tags: ['companies'],
        summary: 'Adds a bank account (the first one becomes primary)',
        params: orgParams,
        body: bankAccountBody,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (request, reply) => {
      const { orgId } = orgOf(request);
      const id = await addBankAccount(db, orgId, request.body);
      await recordAudit(db, request, {
        action: 'company.bank_account_added',
        subject: orgId,
        details: { id },
      });
      return reply.code(201).send({ id });
    },
  );

  api.patch(
    '/orgs/:orgId/bank-accounts/:accountId',
    {
      config: { access: { org: 'company.manage' } },
      schema: {
        tags: ['companies'],
        summary: 'Changes a bank account or makes it the primary one',
        params: accountParams,
        body: bankAccountPatch,
        response: { 200: z.object({ items: z.array(bankAccountSchema) }) },
      },
    },
    async (request) => {
      const { orgId } = orgOf(request);
      await updateBankAccount(db, orgId, request.params.accountId, request.body);
      await recordAudit(db, request, {
        action: 'company.bank_account_changed',
        subject: orgId,
        details: { id: request.params.accountId },
      });
      const found = await companyCard(db, orgId);
      return { items: found ? presentCompany(found).bankAccounts : [] };
    },
  );

  api.delete(
    '/orgs/:orgId/bank-accounts/:accountId',
    {
      config: { access: { org: 'company.manage' } },
      schema: {
        tags: ['companies'],
        summary: 'Deletes a bank account',
        params: accountParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const { orgId } = orgOf(request);
      await deleteBankAccount(db, orgId, request.params.accountId);
      await recordAudit(db, request, {
        action: 'company.bank_account_deleted',
        subject: orgId,
        details: { id: request.params.accountId },
      });
      return reply.code(204).send(null);
    },
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
}
