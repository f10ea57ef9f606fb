import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleContext } from '../../../server/core/module.js';
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
export function browseRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  for (const { scope, prefix, access, params } of catalogScopes) {
    const tags = ['catalog'];

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
      async (request) => listProducts(db, await pricingContextOf(db, request, scope), request.query),
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
      async (request) => getProduct(db, await pricingContextOf(db, request, scope), request.params.productId),
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
      async (request) => listCategories(db, await pricingContextOf(db, request, scope)),
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
