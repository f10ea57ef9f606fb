import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleContext } from '../../../server/core/module.js';
import { decodeCursor, pageOf, pageQuery, toPage } from '../../../server/core/pagination.js';
import { manage } from './common.js';
import { discountBody, discountSchema, promoBody, promoSchema } from './promotions.schema.js';
import {
  createDiscount,
  deleteDiscount,
  deletePromo,
  listDiscounts,
  listPromos,
  presentDiscount,
  savePromo,
  updateDiscount,
} from './promotions.service.js';

const tags = ['catalog admin'];
const discountParams = z.object({ discountId: z.uuid() });
const promoParams = z.object({ promoId: z.uuid() });

/** Back-office discounts (company / person / customer group) and time-limited promotional prices. */
export function promotionAdminRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/admin/catalog/discounts',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Discounts, newest first',
        querystring: pageQuery.extend({
          companyId: z.uuid().optional(),
          customerGroupId: z.uuid().optional(),
        }),
        response: { 200: pageOf(discountSchema) },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      const before = cursor ? decodeCursor(cursor, z.tuple([z.uuid()]))[0] : undefined;
      return toPage(await listDiscounts(db, filter, { limit, before }), limit, presentDiscount, (d) => [
        d.id,
      ]);
    },
  );
  api.post(
    '/admin/catalog/discounts',
    {
      config: manage,
      schema: { tags, summary: 'Create a discount', body: discountBody, response: { 201: discountSchema } },
    },
    async (request, reply) => reply.code(201).send(await createDiscount(db, request, request.body)),
  );
  api.patch(
    '/admin/catalog/discounts/:discountId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change a discount',
        params: discountParams,
        body: discountBody.partial(),
        response: { 200: discountSchema },
      },
    },
    async (request) => updateDiscount(db, request, request.params.discountId, request.body),
  );
  api.delete(
    '/admin/catalog/discounts/:discountId',
    { config: manage, schema: { tags, summary: 'Delete a discount', params: discountParams } },
    async (request, reply) => {
      await deleteDiscount(db, request, request.params.discountId);
      return reply.code(204).send();
    },
  );

  api.get(
    '/admin/catalog/promotions',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Promotional prices (the latest 500), optionally of one product',
        querystring: z.object({ productId: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(promoSchema) }) },
      },
    },
    async (request) => ({ items: await listPromos(db, request.query.productId) }),
  );
  api.post(
    '/admin/catalog/promotions',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create a promotional price',
        body: promoBody,
        response: { 201: promoSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await savePromo(db, request, request.body)),
  );
  api.put(
    '/admin/catalog/promotions/:promoId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Replace a promotional price',
        params: promoParams,
        body: promoBody,
        response: { 200: promoSchema },
      },
    },
    async (request) => savePromo(db, request, request.body, request.params.promoId),
  );
  api.delete(
    '/admin/catalog/promotions/:promoId',
    { config: manage, schema: { tags, summary: 'Delete a promotional price', params: promoParams } },
    async (request, reply) => {
      await deletePromo(db, request, request.params.promoId);
      return reply.code(204).send();
    },
  );
}
