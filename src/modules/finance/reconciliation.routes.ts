import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, orgOf } from '../../server/core/access.js';
import type { ModuleContext } from '../../server/core/module.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  disputeBody,
  reconciliationCreateBody,
  reconciliationDetailSchema,
  reconciliationListQuery,
  reconciliationPageSchema,
  reconciliationSchema,
  resolveBody,
} from './reconciliation.schema.js';
import {
  confirmReconciliation,
  disputeReconciliation,
  getReconciliation,
  listReconciliations,
  presentRequest,
  quarterPeriod,
  requestReconciliation,
  resolveReconciliation,
} from './reconciliation.service.js';

const tags = ['reconciliations'];
const orgParams = z.object({ orgId: z.string().max(64) });
const orgIdParams = orgParams.extend({ id: z.string().max(64) });
const idParams = z.object({ id: z.string().max(64) });
/** The act shows the company's account, so every company route needs finance.read (owner, admin, accountant). */
const finance = { access: { org: 'finance.read' as const } };
const staffRead = { access: { permission: 'companies.read' as const } };
const staffManage = { access: { permission: 'companies.manage' as const } };

/** Reconciliation acts (docs/finance.md, "Reconciliation acts"): asked for, confirmed or disputed, resolved. */
export function reconciliationRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/orgs/:orgId/finance/reconciliations',
    {
      config: finance,
      schema: {
        tags,
        summary:
          'Ask for an act over a period ({from, to} or {quarter: "2026-Q3"}); drawn up in the background',
        params: orgParams,
        body: reconciliationCreateBody,
        response: { 200: reconciliationSchema, 202: reconciliationSchema },
      },
    },
    async (request, reply) => {
      const period = 'quarter' in request.body ? quarterPeriod(request.body.quarter) : request.body;
      const { request: row, created } = await requestReconciliation(
        db,
        orgOf(request).orgId,
        period,
        actorOf(request).id,
      );
      return reply.status(created ? 202 : 200).send(presentRequest(row));
    },
  );
  api.get(
    '/orgs/:orgId/finance/reconciliations',
    {
      config: finance,
      schema: {
        tags,
        summary: 'The company’s acts, newest first',
        params: orgParams,
        querystring: reconciliationListQuery,
        response: { 200: reconciliationPageSchema },
      },
    },
    async (request) => listReconciliations(db, { ...request.query, companyId: orgOf(request).orgId }),
  );
  api.get(
    '/orgs/:orgId/finance/reconciliations/:id',
    {
      config: finance,
      schema: {
        tags,
        summary: 'An act: status, progress, lines, disputes and the document link',
        params: orgIdParams,
        response: { 200: reconciliationDetailSchema },
      },
    },
    async (request) => getReconciliation(db, request.params.id, orgOf(request).orgId),
  );
  api.post(
    '/orgs/:orgId/finance/reconciliations/:id/confirm',
    {
      config: finance,
      schema: {
        tags,
        summary: 'The company agrees with the act (while ready)',
        params: orgIdParams,
        response: { 200: reconciliationDetailSchema },
      },
    },
    async (request) =>
      confirmReconciliation(db, orgOf(request).orgId, request.params.id, actorOf(request).id),
  );
  api.post(
    '/orgs/:orgId/finance/reconciliations/:id/disputes',
    {
      config: finance,
      schema: {
        tags,
        summary: 'The company disagrees with lines of the act (while ready; each line once)',
        params: orgIdParams,
        body: disputeBody,
        response: { 200: reconciliationDetailSchema },
      },
    },
    async (request) =>
      disputeReconciliation(db, orgOf(request).orgId, request.params.id, request.body, actorOf(request).id),
  );

  api.get(
    '/admin/reconciliations',
    {
      config: staffRead,
      schema: {
        tags,
        summary: 'Acts of every company, newest first (status=disputed: the ones to answer)',
        querystring: reconciliationListQuery,
        response: { 200: reconciliationPageSchema },
      },
    },
    async (request) => listReconciliations(db, request.query),
  );
  api.get(
    '/admin/reconciliations/:id',
    {
      config: staffRead,
      schema: { tags, summary: 'An act', params: idParams, response: { 200: reconciliationDetailSchema } },
    },
    async (request) => getReconciliation(db, request.params.id),
  );
  api.post(
    '/admin/reconciliations/:id/resolve',
    {
      config: staffManage,
      schema: {
        tags,
        summary: 'Answer every disputed line (resolved or rejected, with a comment)',
        params: idParams,
        body: resolveBody,
        response: { 200: reconciliationDetailSchema },
      },
    },
    async (request) =>
      resolveReconciliation(db, request.params.id, request.body, actorOf(request).id, (tx, companyId) =>
        recordAudit(tx, request, {
          action: 'finance.reconciliation_resolved',
          subject: request.params.id,
          details: {
            companyId,
            answers: request.body.answers.map((a) => ({ lineId: a.lineId, answer: a.answer })),
          },
        }),
      ),
  );
}
