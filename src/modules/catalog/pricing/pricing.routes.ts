import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Access } from '../../../server/core/access.js';
import type { ModuleContext } from '../../../server/core/module.js';
import { quotePrices } from './pricing.quote.js';
import { quoteBody, quoteSchema } from './pricing.schema.js';
import { type CatalogScope, pricingContextOf } from './pricing-context.js';

const scopes: Array<{ scope: CatalogScope; prefix: string; access: Access; params?: z.ZodObject }> = [
  { scope: 'public', prefix: '/public', access: { public: true } },
  { scope: 'me', prefix: '/me', access: { signedIn: true } },
  {
    scope: 'org',
    prefix: '/orgs/:orgId',
    access: { org: 'catalog.read' },
    params: z.object({ orgId: z.uuid() }),
  },
];

/** The cost calculator in each scope: the same question, that scope's prices (guest, personal, company). */
export function pricingRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  for (const { scope, prefix, access, params } of scopes) {
    api.post(
      `${prefix}/catalog/price-quote`,
      {
        config: { access },
        schema: {
          tags: ['catalog'],
          summary:
            'Prices lines (variant and quantity) with the rule behind each price, the quantity breaks and the total',
          ...(params ? { params } : {}),
          body: quoteBody,
          response: { 200: quoteSchema },
        },
      },
      async (request) => quotePrices(db, await pricingContextOf(db, request, scope), request.body),
    );
  }
}
