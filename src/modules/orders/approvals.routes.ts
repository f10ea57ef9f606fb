import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, orgOf } from '../../server/core/access.js';
import type { ModuleContext } from '../../server/core/module.js';
import { pageQuery } from '../../server/core/pagination.js';
import {
  createRule,
  decideApproval,
  deleteRule,
  getApprovalSettings,
  listPendingApprovals,
  listRules,
  saveApprovalSettings,
  updateRule,
} from './approvals.service.js';
import { startOrderPayment } from './orders.place.js';
import {
  approvalRuleBody,
  approvalRuleListSchema,
  approvalRuleParams,
  approvalRulePatch,
  approvalRuleSchema,
  approvalSettingsBody,
  approvalSettingsSchema,
  decisionBody,
  orderPageSchema,
  orderSchema,
  orgOrderParams,
  orgParams,
} from './orders.schema.js';
import { orderDetail } from './orders.service.js';

const tags = ['approvals'];
const manage = { org: 'company.manage' } as const;
const approve = { org: 'orders.approve' } as const;

/** Approval rules and settings (company admins), the approvals inbox and decisions (approvers). */
export function approvalsRoutes(app: FastifyInstance, { db, config, secrets }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const companyId = (request: FastifyRequest) => orgOf(request).orgId;

  api.get(
    '/orgs/:orgId/approval-rules',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Approval rules of the company',
        params: orgParams,
        response: { 200: approvalRuleListSchema },
      },
    },
    async (request) => listRules(db, companyId(request)),
  );
  api.post(
    '/orgs/:orgId/approval-rules',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Adds an approval rule (amount over, categories, roles)',
        params: orgParams,
        body: approvalRuleBody,
        response: { 201: approvalRuleSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await createRule(db, companyId(request), request.body)),
  );
  api.patch(
    '/orgs/:orgId/approval-rules/:ruleId',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Changes an approval rule',
        params: approvalRuleParams,
        body: approvalRulePatch,
        response: { 200: approvalRuleSchema },
      },
    },
    async (request) => updateRule(db, companyId(request), request.params.ruleId, request.body),
  );
  api.delete(
    '/orgs/:orgId/approval-rules/:ruleId',
    {
      config: { access: manage },
      schema: { tags, summary: 'Deletes an approval rule', params: approvalRuleParams },
    },
    async (request, reply) => {
      await deleteRule(db, companyId(request), request.params.ruleId);
      return reply.code(204).send();
    },
  );
  api.get(
    '/orgs/:orgId/approval-settings',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Approval settings: hours the stock is held',
        params: orgParams,
        response: { 200: approvalSettingsSchema },
      },
    },
    async (request) => getApprovalSettings(db, companyId(request)),
  );
  api.put(
    '/orgs/:orgId/approval-settings',
    {
      config: { access: manage },
      schema: {
        tags,
        summary: 'Saves the approval settings',
        params: orgParams,
        body: approvalSettingsBody,
        response: { 200: approvalSettingsSchema },
      },
    },
    async (request) => saveApprovalSettings(db, companyId(request), request.body),
  );

  api.get(
    '/orgs/:orgId/approvals',
    {
      config: { access: approve },
      schema: {
        tags,
        summary: 'Orders of the company waiting for approval, newest first',
        params: orgParams,
        querystring: pageQuery,
        response: { 200: orderPageSchema },
      },
    },
    async (request) => listPendingApprovals(db, companyId(request), request.query),
  );

  for (const verdict of ['approve', 'reject'] as const) {
    api.post(
      `/orgs/:orgId/orders/:id/${verdict}`,
      {
        config: { access: approve },
        schema: {
          tags,
          summary:
            verdict === 'approve'
              ? 'Approves an order: confirmed, or sent to card payment'
              : 'Rejects an order with a comment: cancelled, its stock freed',
          params: orgOrderParams,
          body: decisionBody,
          response: { 200: orderSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const org = orgOf(request);
        const order = await decideApproval(
          db,
          org.orgId,
          request.params.id,
          { id: actor.id, name: actor.name, role: org.role },
          { approve: verdict === 'approve', comment: request.body?.comment },
        );
        if (order.status === 'awaiting_payment') {
          // The buyer pays from the order page; the payment is ready there (a failure is retried by "pay").
          await startOrderPayment(db, { config, secrets }, order, {
            returnUrl: `${config.publicUrl}/orgs/${org.orgId}/orders/{id}`,
          }).catch((error) => request.log.warn({ error }, 'payment start after approval failed'));
        }
        return orderDetail(db, { kind: 'org', companyId: org.orgId }, order.id, {
          id: actor.id,
          name: actor.name,
          role: org.role,
          canApprove: true,
          canPlace: org.permissions.includes('orders.place'),
        });
      },
    );
  }
}
