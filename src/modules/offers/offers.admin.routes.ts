import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleContext } from '../../server/core/module.js';
import { recordAudit } from '../audit/audit.service.js';
import { recomputeQueued, requestRecompute } from './offers.jobs.js';
import {
  adminOfferListSchema,
  adminOfferSchema,
  adminPromotionListSchema,
  adminPromotionSchema,
  idParams,
  offerBody,
  previewSchema,
  promotionBody,
  recoStatusSchema,
  segmentBody,
  segmentListSchema,
  segmentSchema,
} from './offers.schema.js';
import {
  deleteOffer,
  deletePromotion,
  listOffers,
  listPromotions,
  saveOffer,
  savePromotion,
} from './offers.service.js';
import { defaultRecoSettings, lastRecoRun } from './reco.service.js';
import {
  createSegment,
  deleteSegment,
  getSegment,
  listSegments,
  previewCount,
  type Segment,
  updateSegment,
} from './segments.service.js';

const tags = ['offers'];
const staff = { access: { permission: 'loyalty.manage' as const } };
const base = '/admin/offers';

const presentSegment = (s: Segment) => ({
  id: s.id,
  name: s.name,
  description: s.description,
  rules: s.rules,
  personIds: s.personIds,
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
});

/** The back office of segments, promotions, personal offers and recommendations (permission loyalty.manage). */
export function offersAdminRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const audit = (request: FastifyRequest, action: string, subject: string) =>
    recordAudit(db, request, { action: `offers.${action}`, subject, details: {} });

  api.get(
    `${base}/segments`,
    { config: staff, schema: { tags, summary: 'Segments', response: { 200: segmentListSchema } } },
    async () => ({ items: (await listSegments(db)).map(presentSegment) }),
  );
  api.post(
    `${base}/segments`,
    {
      config: staff,
      schema: { tags, summary: 'Define a segment', body: segmentBody, response: { 201: segmentSchema } },
    },
    async (request, reply) => {
      const row = await createSegment(db, request.body);
      await audit(request, 'segment.created', row.id);
      return reply.code(201).send(presentSegment(row));
    },
  );
  api.post(
    `${base}/segments/preview`,
    {
      config: staff,
      schema: {
        tags,
        summary: 'How many people rules (not yet saved) would take in now',
        body: segmentBody.pick({ rules: true, personIds: true }),
        response: { 200: previewSchema },
      },
    },
    async (request) => ({ count: await previewCount(db, request.body) }),
  );
  api.get(
    `${base}/segments/:id/preview`,
    {
      config: staff,
      schema: {
        tags,
        summary: 'How many people the segment takes in now',
        params: idParams,
        response: { 200: previewSchema },
      },
    },
    async (request) => ({ count: await previewCount(db, await getSegment(db, request.params.id)) }),
  );
  api.put(
    `${base}/segments/:id`,
    {
      config: staff,
      schema: {
        tags,
        summary: 'Change a segment',
        params: idParams,
        body: segmentBody,
        response: { 200: segmentSchema },
      },
    },
    async (request) => {
      const row = await updateSegment(db, request.params.id, request.body);
      await audit(request, 'segment.updated', row.id);
      return presentSegment(row);
    },
  );
  api.delete(
    `${base}/segments/:id`,
    { config: staff, schema: { tags, summary: 'Delete a segment nothing targets', params: idParams } },
    async (request, reply) => {
      await deleteSegment(db, request.params.id);
      await audit(request, 'segment.deleted', request.params.id);
      return reply.code(204).send();
    },
  );

  api.get(
    `${base}/promotions`,
    {
      config: staff,
      schema: { tags, summary: 'Targeted promotions', response: { 200: adminPromotionListSchema } },
    },
    async () => ({ items: await listPromotions(db) }),
  );
  api.post(
    `${base}/promotions`,
    {
      config: staff,
      schema: {
        tags,
        summary: 'Add a promotion',
        body: promotionBody,
        response: { 201: adminPromotionSchema },
      },
    },
    async (request, reply) => {
      const row = await savePromotion(db, null, request.body);
      await audit(request, 'promotion.created', row.id);
      return reply.code(201).send(row);
    },
  );
  api.put(
    `${base}/promotions/:id`,
    {
      config: staff,
      schema: {
        tags,
        summary: 'Change a promotion',
        params: idParams,
        body: promotionBody,
        response: { 200: adminPromotionSchema },
      },
    },
    async (request) => {
      const row = await savePromotion(db, request.params.id, request.body);
      await audit(request, 'promotion.updated', row.id);
      return row;
    },
  );
  api.delete(
    `${base}/promotions/:id`,
    { config: staff, schema: { tags, summary: 'Delete a promotion', params: idParams } },
    async (request, reply) => {
      await deletePromotion(db, request.params.id);
      await audit(request, 'promotion.deleted', request.params.id);
      return reply.code(204).send();
    },
  );

  api.get(
    `${base}/personal`,
    { config: staff, schema: { tags, summary: 'Personal offers', response: { 200: adminOfferListSchema } } },
    async () => ({ items: await listOffers(db) }),
  );
  api.post(
    `${base}/personal`,
    {
      config: staff,
      schema: {
        tags,
        summary: 'Assign an offer to segments',
        body: offerBody,
        response: { 201: adminOfferSchema },
      },
    },
    async (request, reply) => {
      const row = await saveOffer(db, null, request.body);
      await audit(request, 'offer.created', row.id);
      return reply.code(201).send(row);
    },
  );
  api.put(
    `${base}/personal/:id`,
    {
      config: staff,
      schema: {
        tags,
        summary: 'Change an offer',
        params: idParams,
        body: offerBody,
        response: { 200: adminOfferSchema },
      },
    },
    async (request) => {
      const row = await saveOffer(db, request.params.id, request.body);
      await audit(request, 'offer.updated', row.id);
      return row;
    },
  );
  api.delete(
    `${base}/personal/:id`,
    { config: staff, schema: { tags, summary: 'Delete an offer', params: idParams } },
    async (request, reply) => {
      await deleteOffer(db, request.params.id);
      await audit(request, 'offer.deleted', request.params.id);
      return reply.code(204).send();
    },
  );

  const status = async () => {
    const run = await lastRecoRun(db);
    const { historyDays, minSupport, topN, buyAgainN } = defaultRecoSettings;
    return {
      lastRun: run
        ? {
            startedAt: run.startedAt.toISOString(),
            finishedAt: run.finishedAt.toISOString(),
            durationMs: run.durationMs,
            buyAgainRows: run.buyAgainRows,
            boughtTogetherRows: run.boughtTogetherRows,
          }
        : null,
      queued: await recomputeQueued(db),
      settings: { historyDays, minSupport, topN, buyAgainN },
    };
  };
  api.get(
    `${base}/recommendations`,
    {
      config: staff,
      schema: {
        tags,
        summary: 'The recommendations job: last run and settings',
        response: { 200: recoStatusSchema },
      },
    },
    status,
  );
  api.post(
    `${base}/recommendations/recompute`,
    {
      config: staff,
      schema: {
        tags,
        summary: 'Queue a recomputation of the recommendations now',
        response: { 202: recoStatusSchema },
      },
    },
    async (request, reply) => {
      await requestRecompute(db);
      await audit(request, 'recommendations.requested', 'recommendations');
      return reply.code(202).send(await status());
    },
  );
}
