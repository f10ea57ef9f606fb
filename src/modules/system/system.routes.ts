import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { operatorCookie, operatorSessionHours } from '../../server/core/access.js';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';

const sessionSchema = z
  .object({
    user: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
    permissions: z.array(z.string()),
    /** Back-office sections (web module ids) the person may see; null means every section. */
    sections: z.array(z.string()).nullable().optional(),
  })
  .meta({ id: 'Session' });

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Who is signed in, and the operator's back-office link (until identity lands in issue 3). */
export function systemRoutes(app: FastifyInstance, { config, secrets }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const secure = config.publicUrl.startsWith('https:');

  api.get(
    '/session',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['session'],
        summary: 'The signed-in person and their permissions',
        response: { 200: sessionSchema },
      },
    },
    async (request) => {
      const actor = request.actor;
      return actor
        ? {
            user: { id: actor.id, name: actor.name, email: actor.email },
            permissions: actor.permissions,
            sections: actor.sections ?? null,
          }
        : { user: null, permissions: [] };
    },
  );

  api.get(
    '/auth/operator',
    {
      config: { access: { public: true }, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['session'],
        summary: 'Opens the back office with the operator token printed at start',
        querystring: z.object({ token: z.string().min(1).max(200) }),
      },
    },
    async (request, reply) => {
      if (!sameSecret(request.query.token, secrets.operatorToken)) {
        throw new AppError('UNAUTHENTICATED', 'The operator link is not valid');
      }
      reply.setCookie(operatorCookie, `operator:${Date.now()}`, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure,
        signed: true,
        maxAge: operatorSessionHours * 3600,
      });
      return reply.redirect('/admin/mailbox', 303);
    },
  );
}
