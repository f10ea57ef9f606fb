import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/core/access.js';
import type { ModuleContext } from '../../server/core/module.js';
import { renderDevPayPage, submitDevPayForm } from './dev-pay.page.js';
import { handleWebhook, listSavedMethods, removeSavedMethod } from './payments.service.js';

const savedMethod = z
  .object({
    id: z.uuid(),
    provider: z.string(),
    cardLast4: z.string().nullable(),
    cardBrand: z.string().nullable(),
    expiryMonth: z.number().int().nullable(),
    expiryYear: z.number().int().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'SavedPaymentMethod' });

const personOnly = { access: { signedIn: true as const }, personOnly: true };

/** Saved cards of the signed-in person, provider webhooks and the dev provider's payment page. */
export function paymentsRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;

  api.get(
    '/me/payment-methods',
    {
      config: personOnly,
      schema: {
        tags: ['payments'],
        summary: 'My saved cards',
        response: { 200: z.object({ items: z.array(savedMethod) }) },
      },
    },
    async (request) => listSavedMethods(db, actorOf(request).id),
  );

  api.delete(
    '/me/payment-methods/:methodId',
    {
      config: personOnly,
      schema: {
        tags: ['payments'],
        summary: 'Forget a saved card',
        params: z.object({ methodId: z.uuid() }),
      },
    },
    async (request, reply) => {
      await removeSavedMethod(db, actorOf(request).id, request.params.methodId);
      return reply.status(204).send();
    },
  );

  // Webhooks: the raw body is kept as a string, because the signature covers the exact bytes.
  app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'string', bodyLimit: 64 * 1024 },
      (_req, body, done) => done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/public/payments/webhooks/:provider',
      {
        config: { access: { public: true } },
        schema: {
          tags: ['payments'],
          summary:
            'Notification from the payment provider (dev: HMAC-signed; yookassa: confirmed through its API)',
          params: z.object({ provider: z.enum(['dev', 'yookassa']) }),
          body: z.string().max(64 * 1024),
          response: { 200: z.object({ ok: z.literal(true), duplicate: z.boolean() }) },
        },
      },
      async (request) => {
        const result = await handleWebhook(db, ctx, request.params.provider, {
          rawBody: request.body,
          headers: request.headers,
          ip: request.ip,
        });
        return { ok: true as const, ...result };
      },
    );
  });

  if (ctx.config.payments.provider !== 'dev') return;
  // The dev provider's payment page: plain HTML and a form, standing in for the provider's own site.
  app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 4096 },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    const page = scope.withTypeProvider<ZodTypeProvider>();
    const params = z.object({ providerPaymentId: z.uuid() });
    page.get(
      '/public/payments/dev-pay/:providerPaymentId',
      {
        config: { access: { public: true } },
        schema: { tags: ['payments'], summary: 'Dev provider: payment page (HTML)', params },
      },
      async (request, reply) =>
        reply
          // The portal sends no referrer anywhere, and a form posted from such a page says `Origin: null`,
          // which the CSRF check refuses for a signed-in person. The page posts only to itself.
          .header('referrer-policy', 'same-origin')
          .type('text/html; charset=utf-8')
          .send(await renderDevPayPage(db, request.params.providerPaymentId)),
    );
    page.post(
      '/public/payments/dev-pay/:providerPaymentId',
      {
        config: { access: { public: true } },
        schema: {
          tags: ['payments'],
          summary: 'Dev provider: submit the test card or the confirmation code',
          params,
          body: z.object({
            card: z.string().max(40).optional(),
            expiry: z.string().max(10).optional(),
            code: z.string().max(12).optional(),
          }),
        },
      },
      async (request, reply) => {
        const outcome = await submitDevPayForm(db, request.params.providerPaymentId, request.body);
        return 'redirectTo' in outcome
          ? reply.redirect(outcome.redirectTo, 303)
          : reply.type('text/html; charset=utf-8').send(outcome.html);
      },
    );
  });
}
