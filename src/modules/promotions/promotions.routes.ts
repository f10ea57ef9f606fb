import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Access, actorOf, orgOf } from '../../server/core/access.js';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import { recordAudit } from '../audit/audit.service.js';
import { pricingContextOf } from '../catalog/pricing/pricing-context.js';
import { linesOf } from '../orders/index.js';
import {
  batchCsv,
  createPromotion,
  generateBatch,
  getPromotion,
  listBatches,
  listPromotions,
  updatePromotion,
  usageReport,
} from './promotions.admin.js';
import { previewDiscounts } from './promotions.preview.js';
import {
  batchBody,
  batchListSchema,
  batchParams,
  batchSchema,
  idParams,
  orgParams,
  previewBody,
  previewSchema,
  promotionBody,
  promotionListSchema,
  promotionSchema,
  reportQuery,
  reportSchema,
} from './promotions.schema.js';

const tags = ['promotions'];
const staff = { access: { permission: 'loyalty.manage' as const } };

const scopes: { scope: 'me' | 'org'; prefix: string; access: Access; params: z.ZodObject }[] = [
  { scope: 'me', prefix: '/me', access: { signedIn: true }, params: z.object({}) },
  { scope: 'org', prefix: '/orgs/:orgId', access: { org: 'orders.place' }, params: orgParams },
];

function person(request: FastifyRequest) {
  const actor = actorOf(request);
  if (actor.kind !== 'person') throw new AppError('FORBIDDEN', 'Only a person places orders');
  return actor;
}

/** The checkout's discounts preview (customers) and the back office of promotions (loyalty.manage). */
export function promotionsRoutes(app: FastifyInstance, { db, readCache }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  for (const s of scopes)
    api.post(
      `${s.prefix}/checkout/discounts`,
      {
        config: { access: s.access },
        schema: {
          tags,
          summary: `What a promo code and bonus points take off these lines (${s.scope}); refusals are 400 on promoCode`,
          params: s.params,
          body: previewBody,
          response: { 200: previewSchema },
        },
      },
      async (request) => {
        const actor = person(request);
        const now = new Date();
        const pricing = await pricingContextOf(db, request, s.scope, now, readCache);
        const lines = await linesOf(db, request.body, pricing);
        return previewDiscounts(db, {
          owner: {
            personId: actor.id,
            personName: actor.name,
            companyId: s.scope === 'org' ? orgOf(request).orgId : null,
          },
          pricing,
          lines,
          promoCode: request.body.promoCode,
          bonusPoints: request.body.bonusPoints,
          deliveryCost: request.body.deliveryCost ?? 0,
          now,
        });
      },
    );

  api.get(
    '/admin/promotions',
    {
      config: staff,
      schema: { tags, summary: 'Promotions with their uses', response: { 200: promotionListSchema } },
    },
    async () => listPromotions(db),
  );
  api.post(
    '/admin/promotions',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Create a promotion',
        body: promotionBody,
        response: { 201: promotionSchema },
      },
    },
    async (request, reply) => {
      const created = await createPromotion(db, request.body);
      await recordAudit(db, request, {
        action: 'promotions.created',
        subject: created.id,
        details: { name: created.name },
      });
      return reply.code(201).send(created);
    },
  );
  api.get(
    '/admin/promotions/report',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Code usage per promotion and per day',
        querystring: reportQuery,
        response: { 200: reportSchema },
      },
    },
    async (request) => usageReport(db, request.query),
  );
  api.get(
    '/admin/promotions/:id',
    {
      config: staff,
      schema: { tags, summary: 'One promotion', params: idParams, response: { 200: promotionSchema } },
    },
    async (request) => getPromotion(db, request.params.id),
  );
  api.put(
    '/admin/promotions/:id',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Change a promotion',
        params: idParams,
        body: promotionBody,
        response: { 200: promotionSchema },
      },
    },
    async (request) => {
      const updated = await updatePromotion(db, request.params.id, request.body);
      await recordAudit(db, request, { action: 'promotions.updated', subject: updated.id, details: {} });
      return updated;
    },
  );
  api.get(
    '/admin/promotions/:id/batches',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Batches of personal codes',
        params: idParams,
        response: { 200: batchListSchema },
      },
    },
    async (request) => listBatches(db, request.params.id),
  );
  api.post(
    '/admin/promotions/:id/batches',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Generate a batch of single-use personal codes',
        params: idParams,
        body: batchBody,
        response: { 201: batchSchema },
      },
    },
    async (request, reply) => {
      const batch = await generateBatch(db, request.params.id, request.body, actorOf(request).id);
      await recordAudit(db, request, {
        action: 'promotions.batch_generated',
        subject: request.params.id,
        details: { batchId: batch.id, size: batch.size },
      });
      return reply.code(201).send(batch);
    },
  );
  api.get(
    '/admin/promotions/:id/batches/:batchId/codes.csv',
    {
      config: staff,
      schema: { tags, summary: 'A batch as CSV (UTF-8 with BOM, for Excel)', params: batchParams },
    },
    async (request, reply) => {
      const { filename, body } = await batchCsv(db, request.params.id, request.params.batchId);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(body);
    },
  );
}
