import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/core/access.js';
import type { ModuleContext } from '../../server/core/module.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  adminArticle,
  articleFromAnswer,
  createArticle,
  createCategory,
  deleteCategory,
  type Editor,
  listAdminArticles,
  setArticleStatus,
  updateArticle,
  updateCategory,
} from './kb.admin.service.js';
import { markdownToHtml } from './kb.markdown.js';
import {
  adminArticleListQuery,
  adminArticlePageSchema,
  adminArticleSchema,
  articleBody,
  categoryBody,
  categoryListSchema,
  categorySchema,
  fromAnswerBody,
  idParams,
  publishBody,
} from './kb.schema.js';
import { listCategories } from './kb.service.js';

const tags = ['kb'];
const staff = { access: { permission: 'kb.manage' as const } };
const editorOf = (request: FastifyRequest): Editor => {
  const actor = actorOf(request);
  return { id: actor.id, name: actor.name };
};

/** The knowledge base editor (permission kb.manage): categories, drafts, publishing per audience. */
export function kbAdminRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const audit = (
    request: FastifyRequest,
    action: string,
    subject: string,
    details: Record<string, unknown> = {},
  ) => recordAudit(db, request, { action: `kb.${action}`, subject, details });

  api.get(
    '/admin/kb/categories',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Every category with its number of articles',
        response: { 200: categoryListSchema },
      },
    },
    async () => listCategories(db, 'all'),
  );
  api.post(
    '/admin/kb/categories',
    {
      config: staff,
      schema: { tags, summary: 'Add a category', body: categoryBody, response: { 201: categorySchema } },
    },
    async (request, reply) => {
      const row = await createCategory(db, request.body);
      await audit(request, 'category.created', row.id, { slug: row.slug });
      return reply.code(201).send({ ...row, articleCount: 0 });
    },
  );
  api.put(
    '/admin/kb/categories/:id',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Rename or reorder a category',
        params: idParams,
        body: categoryBody,
        response: { 200: categorySchema },
      },
    },
    async (request) => {
      const row = await updateCategory(db, request.params.id, request.body);
      await audit(request, 'category.updated', row.id, { slug: row.slug });
      const counted = (await listCategories(db, 'all')).items.find((c) => c.id === row.id);
      return { ...row, articleCount: counted?.articleCount ?? 0 };
    },
  );
  api.delete(
    '/admin/kb/categories/:id',
    { config: staff, schema: { tags, summary: 'Delete an empty category', params: idParams } },
    async (request, reply) => {
      const row = await deleteCategory(db, request.params.id);
      await audit(request, 'category.deleted', row.id, { slug: row.slug });
      return reply.code(204).send();
    },
  );

  api.get(
    '/admin/kb/articles',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Every article, drafts included, recently changed first (filters: status, category, audience, q)',
        querystring: adminArticleListQuery,
        response: { 200: adminArticlePageSchema },
      },
    },
    async (request) => listAdminArticles(db, request.query),
  );
  api.post(
    '/admin/kb/articles',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Start a draft article',
        body: articleBody,
        response: { 201: adminArticleSchema },
      },
    },
    async (request, reply) => {
      const id = await createArticle(db, editorOf(request), request.body);
      await audit(request, 'article.created', id, { slug: request.body.slug });
      return reply.code(201).send(await adminArticle(db, id));
    },
  );
  api.post(
    '/admin/kb/articles/from-answer',
    {
      config: staff,
      schema: {
        tags,
        summary: 'A draft from an operator’s answer to a request (internal audience until published)',
        body: fromAnswerBody,
        response: { 201: adminArticleSchema },
      },
    },
    async (request, reply) => {
      const id = await articleFromAnswer(db, editorOf(request), request.body);
      await audit(request, 'article.created', id, { fromTicket: request.body.sourceTicketId ?? null });
      return reply.code(201).send(await adminArticle(db, id));
    },
  );
  api.post(
    '/admin/kb/preview',
    {
      config: staff,
      schema: {
        tags,
        summary: 'The sanitized HTML an article body (Markdown) would show',
        body: z.object({ body: z.string().max(100_000) }).strict(),
        response: { 200: z.object({ bodyHtml: z.string() }) },
      },
    },
    async (request) => ({ bodyHtml: markdownToHtml(request.body.body) }),
  );
  api.get(
    '/admin/kb/articles/:id',
    {
      config: staff,
      schema: {
        tags,
        summary: 'An article as the editor sees it (with its preview HTML)',
        params: idParams,
        response: { 200: adminArticleSchema },
      },
    },
    async (request) => adminArticle(db, request.params.id),
  );
  api.put(
    '/admin/kb/articles/:id',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Save an article',
        params: idParams,
        body: articleBody,
        response: { 200: adminArticleSchema },
      },
    },
    async (request) => {
      await updateArticle(db, editorOf(request), request.params.id, request.body);
      await audit(request, 'article.updated', request.params.id, { slug: request.body.slug });
      return adminArticle(db, request.params.id);
    },
  );
  const transitions = [
    ['publish', 'published', 'article.published', 'Publish (optionally for these audiences)'],
    ['unpublish', 'draft', 'article.unpublished', 'Take back to draft'],
    ['archive', 'archived', 'article.archived', 'Archive: hidden from readers, kept for the record'],
  ] as const;
  for (const [verb, status, action, summary] of transitions) {
    api.post(
      `/admin/kb/articles/:id/${verb}`,
      {
        config: staff,
        schema: {
          tags,
          summary,
          params: idParams,
          body: publishBody.nullish(),
          response: { 200: adminArticleSchema },
        },
      },
      async (request) => {
        const row = await setArticleStatus(
          db,
          editorOf(request),
          request.params.id,
          status,
          request.body?.audiences,
        );
        await audit(request, action, row.id, { audiences: row.audiences });
        return adminArticle(db, row.id);
      },
    );
  }
}
