import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { actorOf } from '../../../server/core/access.js';
import type { ModuleContext } from '../../../server/core/module.js';
import { sendCachedJson } from '../../../server/core/read-cache.js';
import { pricingContextOf } from '../pricing/pricing-context.js';
import {
  categoryListSchema,
  productDetailSchema,
  productListQuery,
  productListSchema,
  productParams,
  warehouseListSchema,
} from './browse.schema.js';
import { listCategories, listWarehouses } from './categories.js';
import { getProduct } from './product-detail.js';
import { listProducts } from './product-list.js';
import { catalogScopes, personalScopes } from './scopes.js';

/**
 * The shopper-facing catalog in the public, me and org scopes: the same routes and shapes, each with its
 * scope's assortment, prices and stock detail (docs/catalog.md).
 */
export function browseRoutes(app: FastifyInstance, { db, readCache }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  for (const { scope, prefix, access, params } of catalogScopes) {
    const tags = ['catalog'];
    /**
     * Answers from the read cache: the same URL in the same scope gets the same answer until a catalog write.
     * In the org scope the URL names the company; in the me scope the answer is the person's own.
     */
    const cached = <T extends z.ZodType>(
      request: FastifyRequest,
      reply: FastifyReply,
      schema: T,
      load: () => Promise<z.output<T>>,
    ) =>
      sendCachedJson(
        reply,
        readCache,
        scope === 'me' ? `${actorOf(request).id}:${request.url}` : request.url,
        schema,
        load,
      );

    api.get(
      `${prefix}/products`,
      {
        config: { access },
        schema: {
          tags,
          summary: `Products of the catalog (${scope}): filters, search, sort, cursor pages, facets`,
          params,
          querystring: productListQuery,
          response: { 200: productListSchema },
        },
      },
      async (request, reply) =>
        cached(request, reply, productListSchema, async () =>
          listProducts(db, await pricingContextOf(db, request, scope, new Date(), readCache), request.query),
        ),
    );

    api.get(
      `${prefix}/products/:productId`,
      {
        config: { access },
        schema: {
          tags,
          summary: `One product with its page (${scope}): gallery, specifications, variants, my price, stock`,
          params: params.extend(productParams.shape),
          response: { 200: productDetailSchema },
        },
      },
      async (request, reply) =>
        cached(request, reply, productDetailSchema, async () =>
          getProduct(
            db,
            await pricingContextOf(db, request, scope, new Date(), readCache),
            request.params.productId,
          ),
        ),
    );

    api.get(
      `${prefix}/categories`,
      {
        config: { access },
        schema: {
          tags,
          summary: `Category tree visible in this scope (${scope}), with product counts`,
          params,
          response: { 200: categoryListSchema },
        },
      },
      async (request, reply) =>
        cached(request, reply, categoryListSchema, async () =>
          listCategories(db, await pricingContextOf(db, request, scope, new Date(), readCache)),
        ),
    );
  }

  for (const { scope, prefix, access, params } of personalScopes) {
    api.get(
      `${prefix}/warehouses`,
      {
        config: { access },
        schema: {
          tags: ['catalog'],
          summary: `Warehouses the business ships from (${scope})`,
          params,
          response: { 200: warehouseListSchema },
        },
      },
      async () => listWarehouses(db),
    );
  }
}
