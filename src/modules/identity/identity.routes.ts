import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/core/access.js';
import type { ModuleContext } from '../../server/core/module.js';
import { impersonationStateOf } from '../backoffice/impersonation.service.js';
import { authGateway } from './auth-gateway.js';
import { externalRoutes } from './external/external.routes.js';
import { contextsOf } from './identity.service.js';
import { signInMethodsRoutes } from './sign-in-methods.routes.js';
import { twoFactorRoutes } from './two-factor/two-factor.routes.js';

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
        z.object({
          id: z.string(),
          name: z.string(),
          kinds: z.array(z.string()),
          role: z.string(),
          /** Web sections the company's customer group may see in this context; null: every section. */
          sections: z.array(z.string()).nullable(),
        }),
      ),
      employee: z.boolean(),
      backOffice: z.boolean(),
    }),
    /** Set while support is signed in as this person ("sign in as"). */
    impersonation: z
      .object({ by: z.object({ id: z.string(), name: z.string() }), expiresAt: z.string().nullable() })
      .nullable(),
    /** Web sections the person may see; null means every section. */
    sections: z.array(z.string()).nullable(),
  })
  .meta({ id: 'Me' });

export function identityRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  signInMethodsRoutes(app, ctx);
  twoFactorRoutes(app, ctx);
  externalRoutes(app, ctx);
  // Better Auth's endpoints (sign-up, sign-in, verification, reset, sessions …), documented by Better Auth.
  app.route({
    method: ['GET', 'POST'],
    url: '/auth/*',
    config: { access: { public: true } },
    schema: { hide: true },
    handler: (request, reply) => authGateway(ctx, request, reply),
  });

  app.withTypeProvider<ZodTypeProvider>().get(
    '/me',
    {
      config: { access: { signedIn: true }, allowWithoutTwoFactor: true },
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
        impersonation: await impersonationStateOf(ctx, request),
        sections: actor.sections ?? null,
      };
    },
  );
}
