import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleContext } from '../../../server/core/module.js';
import {
  categoryBody,
  createCategory,
  deleteCategory,
  listCategories,
  reorderCategories,
  updateCategory,
} from './categories.service.js';
import { manage, notFound } from './common.js';

const tags = ['catalog admin'];
const params = z.object({ categoryId: z.uuid() });
const categorySchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  position: z.number(),
  path: z.array(z.string()),
  visibleGroupIds: z.array(z.string()).nullable(),
  status: z.string(),
  products: z.number(),
});

/** Back-office category tree: list, create, change (move, visibility, order), reorder, delete. */
export function categoryAdminRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const one = async (id: string) => {
    const found = (await listCategories(db)).find((c) => c.id === id);
    if (!found) throw notFound('category');
    return found;
  };

  api.get(
    '/admin/catalog/categories',
    {
      config: manage,
      schema: {
        tags,
        summary: 'The category tree, parents first',
        response: { 200: z.object({ items: z.array(categorySchema) }) },
      },
    },
    async () => ({ items: await listCategories(db) }),
  );
  api.post(
    '/admin/catalog/categories',
    {
      config: manage,
      schema: { tags, summary: 'Create a category', body: categoryBody, response: { 201: categorySchema } },
    },
    async (request, reply) =>
      reply.code(201).send(await one(await createCategory(db, request, request.body))),
  );
  api.patch(
    '/admin/catalog/categories/:categoryId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change a category; a new parentId moves its subtree',
        params,
        body: categoryBody.partial(),
        response: { 200: categorySchema },
      },
    },
    async (request) => {
      await updateCategory(db, request, request.params.categoryId, request.body);
      return one(request.params.categoryId);
    },
  );
  api.post(
    '/admin/catalog/categories/reorder',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Order the children of a parent',
        body: z.object({ parentId: z.uuid().nullable(), ids: z.array(z.uuid()).min(1).max(1000) }),
      },
    },
    async (request, reply) => {
      await reorderCategories(db, request.body.parentId, request.body.ids);
      return reply.code(204).send();
    },
  );
  api.delete(
    '/admin/catalog/categories/:categoryId',
    { config: manage, schema: { tags, summary: 'Delete an empty category', params } },
    async (request, reply) => {
      await deleteCategory(db, request.params.categoryId);
      return reply.code(204).send();
    },
  );
}
