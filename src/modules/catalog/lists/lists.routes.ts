import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleContext } from '../../../server/core/module.js';
import { productParams } from '../browse/browse.schema.js';
import { personalScopes } from '../browse/scopes.js';
import { pricingContextOf } from '../pricing/pricing-context.js';
import {
  compareTableSchema,
  favoritesPageSchema,
  favoritesQuery,
  listIdsSchema,
  recentListSchema,
} from './lists.schema.js';
import {
  addToList,
  compareTable,
  type ListKind,
  listFavorites,
  listIds,
  listRecent,
  removeFromList,
} from './lists.service.js';

const paths: Record<ListKind, string> = {
  favorite: 'favorites',
  recent: 'recently-viewed',
  compare: 'compare',
};

/**
 * Personal lists of the catalog in the me scope (the person's own) and the org scope (kept per member for the
 * company): favorites, recently viewed (recorded by an explicit POST from the product page) and compare.
 */
export function listsRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  for (const { scope, prefix, access, params } of personalScopes) {
    const tags = ['catalog'];
    const withProduct = params.extend(productParams.shape);
    const ctxOf = (request: Parameters<typeof pricingContextOf>[1]) => pricingContextOf(db, request, scope);

    api.get(
      `${prefix}/favorites`,
      {
        config: { access },
        schema: {
          tags,
          summary: 'My favorite products, newest first',
          params,
          querystring: favoritesQuery,
          response: { 200: favoritesPageSchema },
        },
      },
      async (request) => listFavorites(db, await ctxOf(request), request.query.limit, request.query.cursor),
    );
    api.get(
      `${prefix}/recently-viewed`,
      {
        config: { access },
        schema: {
          tags,
          summary: 'The last 20 products I viewed',
          params,
          response: { 200: recentListSchema },
        },
      },
      async (request) => listRecent(db, await ctxOf(request)),
    );
    api.get(
      `${prefix}/compare`,
      {
        config: { access },
        schema: {
          tags,
          summary: 'The compare table of my compare list',
          params,
          response: { 200: compareTableSchema },
        },
      },
      async (request) => compareTable(db, await ctxOf(request)),
    );
    api.get(
      `${prefix}/lists`,
      {
        config: { access },
        schema: {
          tags,
          summary: 'Ids in my favorites and compare list',
          params,
          response: { 200: listIdsSchema },
        },
      },
      async (request) => listIds(db, await ctxOf(request)),
    );

    for (const kind of ['favorite', 'compare'] as const) {
      api.put(
        `${prefix}/${paths[kind]}/:productId`,
        {
          config: { access },
          schema: {
            tags,
            summary: `Adds a product to my ${paths[kind]} list`,
            params: withProduct,
            response: { 204: z.null() },
          },
        },
        async (request, reply) => {
          await addToList(db, await ctxOf(request), kind, request.params.productId);
          return reply.code(204).send(null);
        },
      );
      api.delete(
        `${prefix}/${paths[kind]}/:productId`,
        {
          config: { access },
          schema: {
            tags,
            summary: `Removes a product from my ${paths[kind]} list`,
            params: withProduct,
            response: { 204: z.null() },
          },
        },
        async (request, reply) => {
          await removeFromList(db, await ctxOf(request), kind, request.params.productId);
          return reply.code(204).send(null);
        },
      );
    }
    api.post(
      `${prefix}/recently-viewed/:productId`,
      {
        config: { access },
        schema: {
          tags,
          summary: 'Records that I viewed a product',
          params: withProduct,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await addToList(db, await ctxOf(request), 'recent', request.params.productId);
        return reply.code(204).send(null);
      },
    );
  }
}
