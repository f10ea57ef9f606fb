import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Access } from '../../server/core/access.js';
import type { ModuleContext } from '../../server/core/module.js';
import { quoteBody, quoteSchema } from './delivery.schema.js';
import { quoteDelivery } from './delivery.service.js';
import type { DeliveryAudience } from './delivery.tables.js';

/** Guests and signed-in people are retail customers; a company's buyers get the company methods. */
const scopes: Array<{ prefix: string; access: Access; audience: DeliveryAudience; params?: z.ZodObject }> = [
  { prefix: '/public', access: { public: true }, audience: 'retail' },
  { prefix: '/me', access: { signedIn: true }, audience: 'retail' },
  {
    prefix: '/orgs/:orgId',
    access: { org: 'orders.place' },
    audience: 'company',
    params: z.object({ orgId: z.uuid() }),
  },
];

/** The delivery calculator in each scope: the same question, that scope's audience. */
export function deliveryQuoteRoutes(app: FastifyInstance, { db, readCache }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  for (const { prefix, access, audience, params } of scopes) {
    api.post(
      `${prefix}/delivery/quote`,
      {
        config: { access },
        schema: {
          tags: ['delivery'],
          summary:
            'Delivery methods for an address and a parcel: cost, billable weight and dates, or why not',
          ...(params ? { params } : {}),
          body: quoteBody,
          response: { 200: quoteSchema },
        },
      },
      async (request) => quoteDelivery(db, { ...request.body, audience }, { cache: readCache }),
    );
  }
}
