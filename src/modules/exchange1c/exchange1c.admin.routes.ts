import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/core/access.js';
import type { ModuleContext } from '../../server/core/module.js';
import { recordAudit } from '../audit/audit.service.js';
import { createAccount, exchangeLog, listAccounts, revokeAccount } from './exchange1c.accounts.js';
import { exchangePath } from './exchange1c.routes.js';

const account = z
  .object({
    id: z.string(),
    login: z.string(),
    name: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'Exchange1cAccount' });

const logEntry = z
  .object({
    id: z.string(),
    login: z.string(),
    type: z.string(),
    result: z.string(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    files: z.array(
      z.object({
        name: z.string(),
        status: z.string(),
        counts: z.record(z.string(), z.number()),
        error: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'Exchange1cLogEntry' });

const base = '/admin/integrations/1c';
const access = { permission: 'integrations.manage' } as const;

/** Back office: the exchange URL, integration accounts 1C signs in with, and the exchange log. */
export function exchangeAdminRoutes(app: FastifyInstance, { db, config }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    base,
    {
      config: { access },
      schema: {
        tags: ['back office'],
        summary:
          'The 1C exchange settings: the URL to type into 1C and whether an account comes from the environment',
        response: {
          200: z.object({ url: z.string(), envLogin: z.string().nullable(), fileLimit: z.number() }),
        },
      },
    },
    async () => ({
      url: `${config.publicUrl}${exchangePath}`,
      envLogin: config.exchange1c.login && config.exchange1c.password ? config.exchange1c.login : null,
      fileLimit: config.exchange1c.fileLimit,
    }),
  );

  api.get(
    `${base}/accounts`,
    {
      config: { access },
      schema: {
        tags: ['back office'],
        summary: 'Integration accounts for the 1C exchange',
        response: { 200: z.object({ items: z.array(account) }) },
      },
    },
    async () => ({ items: await listAccounts(db) }),
  );

  api.post(
    `${base}/accounts`,
    {
      config: { access },
      schema: {
        tags: ['back office'],
        summary: 'Creates an integration account; its generated password is shown only in this answer',
        body: z.object({
          login: z
            .string()
            .trim()
            .regex(/^[A-Za-z0-9._-]{3,64}$/, 'Latin letters, digits, dot, dash or underscore; 3 to 64'),
          name: z.string().trim().max(200).default(''),
        }),
        response: { 201: z.object({ account, password: z.string() }) },
      },
    },
    async (request, reply) => {
      const created = await createAccount(db, request.body, actorOf(request).id);
      await recordAudit(db, request, {
        action: 'integrations.1c.account_created',
        subject: created.account.id,
        details: { login: created.account.login },
      });
      return reply.code(201).send(created);
    },
  );

  api.post(
    `${base}/accounts/:id/revoke`,
    {
      config: { access },
      schema: {
        tags: ['back office'],
        summary: 'Revokes an integration account and ends its exchange sessions',
        params: z.object({ id: z.uuid() }),
        response: { 200: account },
      },
    },
    async (request) => {
      const revoked = await revokeAccount(db, request.params.id);
      await recordAudit(db, request, {
        action: 'integrations.1c.account_revoked',
        subject: revoked.id,
        details: { login: revoked.login },
      });
      return revoked;
    },
  );

  api.get(
    `${base}/log`,
    {
      config: { access },
      schema: {
        tags: ['back office'],
        summary: 'The latest 1C exchange sessions: when, who, files, counts and result',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(100).default(20),
          cursor: z.uuid().optional(),
        }),
        response: { 200: z.object({ items: z.array(logEntry), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => exchangeLog(db, request.query.limit, request.query.cursor),
  );
}
