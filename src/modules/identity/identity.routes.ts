import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, operatorCookie } from '../../server/core/access.js';
import type { ModuleContext } from '../../server/core/module.js';
import { authBasePath } from './auth.js';
import { contextsOf } from './identity.service.js';

const meSchema = z
  .object({
    user: z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      kind: z.enum(['person', 'operator']),
    }),
    permissions: z.array(z.string()),
    contexts: z.object({
      personal: z.boolean(),
      companies: z.array(
        z.object({ id: z.string(), name: z.string(), kinds: z.array(z.string()), role: z.string() }),
      ),
      employee: z.boolean(),
      backOffice: z.boolean(),
    }),
  })
  .meta({ id: 'Me' });

/** Hands a request to Better Auth as a web Request and copies its Response back. */
async function forwardToAuth(ctx: ModuleContext, request: FastifyRequest, reply: FastifyReply) {
  const url = new URL(request.url, ctx.config.publicUrl);
  const headers = new Headers();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(key, v);
  }
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.body !== undefined;
  const response = await ctx.auth.handler(
    new Request(url, {
      method: request.method,
      headers,
      ...(hasBody ? { body: JSON.stringify(request.body) } : {}),
    }),
  );
  if (url.pathname === `${authBasePath}/sign-out`) reply.clearCookie(operatorCookie, { path: '/' });
  reply.code(response.status);
  response.headers.forEach((value, key) => {
    if (key !== 'set-cookie' && key !== 'content-length') reply.header(key, value);
  });
  for (const cookie of response.headers.getSetCookie()) reply.header('set-cookie', cookie);
  const text = await response.text();
  return reply.send(text.length > 0 ? text : null);
}

export function identityRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  // Better Auth's endpoints (sign-up, sign-in, verification, reset, sessions …), documented by Better Auth.
  app.route({
    method: ['GET', 'POST'],
    url: '/auth/*',
    config: { access: { public: true } },
    schema: { hide: true },
    handler: (request, reply) => forwardToAuth(ctx, request, reply),
  });

  app.withTypeProvider<ZodTypeProvider>().get(
    '/me',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags: ['identity'],
        summary: 'The signed-in person and every context they can act in',
        response: { 200: meSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return {
        user: { id: actor.id, name: actor.name, email: actor.email, kind: actor.kind },
        permissions: actor.permissions,
        contexts: await contextsOf(ctx.db, actor),
      };
    },
  );
}
