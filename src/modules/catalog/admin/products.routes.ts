import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleContext } from '../../../server/core/module.js';
import { decodeCursor, pageOf, pageQuery, toPage } from '../../../server/core/pagination.js';
import { manage } from './common.js';
import { productCard } from './product-card.service.js';
import {
  bulkEditBody,
  createProductBody,
  productListItem,
  productListQuery,
  propertyValuesBody,
  relationsBody,
  stockBody,
  updateProductBody,
  variantBody,
  variantPricesBody,
} from './products.schema.js';
import {
  bulkEditProducts,
  createProduct,
  listProducts,
  presentListItem,
  updateProduct,
} from './products.service.js';
import {
  addVariant,
  removeVariant,
  setPropertyValues,
  setRelations,
  setStock,
  setVariantPrices,
  updateVariant,
} from './variants.service.js';

const tags = ['catalog admin'];
const productParams = z.object({ productId: z.uuid() });
const variantParams = productParams.extend({ variantId: z.uuid() });
const nameCursor = z.tuple([z.string(), z.uuid()]);

/** Back-office product routes: list, create, edit, archive, bulk edit, variants, properties, links, prices, stock. */
export function productAdminRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const base = '/admin/catalog/products';

  api.get(
    base,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Products by name: search by name or SKU, filter by category (with its subtree) and status',
        querystring: pageQuery.extend(productListQuery.shape),
        response: { 200: pageOf(productListItem) },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      const after = cursor ? decodeCursor(cursor, nameCursor) : undefined;
      const rows = await listProducts(db, filter, { limit, after });
      return toPage(rows, limit, presentListItem, (r) => [r.name, r.id]);
    },
  );

  api.post(
    base,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Create a product with its default variant and retail price',
        body: createProductBody,
      },
    },
    async (request, reply) =>
      reply.code(201).send(await productCard(db, await createProduct(db, request, request.body))),
  );

  api.get(
    `${base}/:productId`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'A product with variants, prices, stock, properties, links and media',
        params: productParams,
      },
    },
    async (request) => productCard(db, request.params.productId),
  );

  api.patch(
    `${base}/:productId`,
    {
      config: manage,
      schema: { tags, summary: 'Change a product', params: productParams, body: updateProductBody },
    },
    async (request) => {
      await updateProduct(db, request, request.params.productId, request.body);
      return productCard(db, request.params.productId);
    },
  );

  api.post(
    `${base}/:productId/archive`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Archive a product (it leaves the shop; history keeps it)',
        params: productParams,
      },
    },
    async (request) => {
      await updateProduct(db, request, request.params.productId, { status: 'archived' });
      return productCard(db, request.params.productId);
    },
  );

  api.post(
    `${base}/bulk`,
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Change many products at once (status, category, brand, visibility, prices by percent), all or nothing',
        body: bulkEditBody,
        response: { 200: z.object({ updated: z.number(), pricesChanged: z.number() }) },
      },
    },
    async (request) => bulkEditProducts(db, request, request.body),
  );

  api.post(
    `${base}/:productId/variants`,
    { config: manage, schema: { tags, summary: 'Add a variant', params: productParams, body: variantBody } },
    async (request, reply) => {
      await addVariant(db, request.params.productId, request.body);
      return reply.code(201).send(await productCard(db, request.params.productId));
    },
  );

  api.patch(
    `${base}/:productId/variants/:variantId`,
    {
      config: manage,
      schema: { tags, summary: 'Change a variant', params: variantParams, body: variantBody.partial() },
    },
    async (request) => {
      await updateVariant(db, request.params.productId, request.params.variantId, request.body);
      return productCard(db, request.params.productId);
    },
  );

  api.delete(
    `${base}/:productId/variants/:variantId`,
    {
      config: manage,
      schema: { tags, summary: 'Remove a variant (not the default one)', params: variantParams },
    },
    async (request) => {
      await removeVariant(db, request.params.productId, request.params.variantId);
      return productCard(db, request.params.productId);
    },
  );

  api.put(
    `${base}/:productId/properties`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Replace the product’s property values',
        params: productParams,
        body: propertyValuesBody,
      },
    },
    async (request) => {
      await setPropertyValues(db, request.params.productId, request.body);
      return productCard(db, request.params.productId);
    },
  );

  api.put(
    `${base}/:productId/relations`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Replace related and analogue products',
        params: productParams,
        body: relationsBody,
      },
    },
    async (request) => {
      await setRelations(db, request.params.productId, request.body);
      return productCard(db, request.params.productId);
    },
  );

  api.put(
    '/admin/catalog/variants/:variantId/prices',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Replace a variant’s prices (quantity breaks) in a price list',
        params: z.object({ variantId: z.uuid() }),
        body: variantPricesBody,
      },
    },
    async (request, reply) => {
      await setVariantPrices(db, request, request.params.variantId, request.body);
      return reply.code(204).send();
    },
  );

  api.put(
    '/admin/catalog/stock',
    {
      config: manage,
      schema: { tags, summary: 'Set the quantity on hand of a variant at a warehouse', body: stockBody },
    },
    async (request, reply) => {
      await setStock(db, request, request.body);
      return reply.code(204).send();
    },
  );
}
