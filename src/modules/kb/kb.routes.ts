import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleContext } from '../../server/core/module.js';
import { audiencesOf } from './kb.audience.js';
import {
  articleListQuery,
  articlePageSchema,
  articleSchema,
  categoriesQuery,
  categoryListSchema,
  feedbackBody,
  feedbackResultSchema,
  orgQuery,
  slugParams,
  suggestionsSchema,
  suggestQuery,
} from './kb.schema.js';
import {
  listArticles,
  listCategories,
  readArticle,
  suggestArticles,
  type Voter,
  voteOnArticle,
} from './kb.service.js';

const tags = ['kb'];
const open = { access: { public: true as const } };
/** The anonymous reader's key, so a guest's vote can be changed rather than repeated. */
const voterCookie = 'kabinet_kb_voter';
const voterKey = /^[0-9a-f-]{36}$/;

/** The help centre for everyone: guests read public articles, signed-in people more (kb.audience.ts). */
export function kbPublicRoutes(app: FastifyInstance, { db, config }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const secure = config.publicUrl.startsWith('https:');
  const audiences = (request: FastifyRequest, org?: string) => audiencesOf(db, request.actor, org);

  const voterOf = (request: FastifyRequest): Voter | null => {
    if (request.actor) return `person:${request.actor.id}`;
    const key = request.cookies[voterCookie];
    return key && voterKey.test(key) ? `anon:${key}` : null;
  };
  const ensureVoter = (request: FastifyRequest, reply: FastifyReply): Voter => {
    const known = voterOf(request);
    if (known) return known;
    const key = randomUUID();
    reply.setCookie(voterCookie, key, {
      path: '/api/v1/public/kb',
      httpOnly: true,
      sameSite: 'lax',
      secure,
      maxAge: 365 * 24 * 3600,
    });
    return `anon:${key}`;
  };

  api.get(
    '/public/kb/categories',
    {
      config: open,
      schema: {
        tags,
        summary: 'Help centre categories with the number of articles I may read in each',
        querystring: categoriesQuery,
        response: { 200: categoryListSchema },
      },
    },
    async (request) => listCategories(db, await audiences(request, request.query.org), request.query.lang),
  );

  api.get(
    '/public/kb/articles',
    {
      config: open,
      schema: {
        tags,
        summary:
          'Articles I may read: by category, or a full-text search (q, Russian morphology) with snippets',
        querystring: articleListQuery,
        response: { 200: articlePageSchema },
      },
    },
    async (request) => listArticles(db, await audiences(request, request.query.org), request.query),
  );

  api.get(
    '/public/kb/articles/:slug',
    {
      config: open,
      schema: {
        tags,
        summary: 'One article (an unpublished one, or one not meant for me, is 404)',
        params: slugParams,
        querystring: orgQuery,
        response: { 200: articleSchema },
      },
    },
    async (request) =>
      readArticle(db, await audiences(request, request.query.org), request.params.slug, voterOf(request)),
  );

  api.post(
    '/public/kb/articles/:slug/feedback',
    {
      config: { ...open, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: '"Was this article helpful?" — one vote per person or browser; voting again changes it',
        params: slugParams,
        querystring: orgQuery,
        body: feedbackBody,
        response: { 200: feedbackResultSchema },
      },
    },
    async (request, reply) => {
      const scope = await audiences(request, request.query.org);
      return voteOnArticle(db, scope, request.params.slug, ensureVoter(request, reply), request.body.helpful);
    },
  );

  api.get(
    '/public/kb/suggest',
    {
      config: open,
      schema: {
        tags,
        summary:
          'Articles that may answer a request being typed (subject and text); short input suggests none',
        querystring: suggestQuery,
        response: { 200: suggestionsSchema },
      },
    },
    async (request) =>
      suggestArticles(db, await audiences(request, request.query.org), request.query.q, request.query.limit),
  );
}
