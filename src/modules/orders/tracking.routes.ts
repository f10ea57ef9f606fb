import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, orgOf } from '../../server/core/access.js';
import type { ModuleContext } from '../../server/core/module.js';
import { idParams, orgIdParams } from './aftercare.schema.js';
import { scopedOrder } from './aftercare.scope.js';
import { trackingOf } from './shipments.service.js';

const tags = ['orders'];

/** Shipment tracking of an order for its customer: the person's own orders and a company's. */
export function trackingRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/me/orders/:id/tracking',
    {
      config: { access: { signedIn: true } },
      schema: { tags, summary: 'Shipments and tracking of my order', params: idParams },
    },
    async (request) => {
      const order = await scopedOrder(db, { kind: 'me', personId: actorOf(request).id }, request.params.id);
      return trackingOf(db, order.id);
    },
  );
  api.get(
    '/orgs/:orgId/orders/:id/tracking',
    {
      config: { access: { org: 'orders.read' } },
      schema: { tags, summary: 'Shipments and tracking of a company order', params: orgIdParams },
    },
    async (request) => {
      const order = await scopedOrder(
        db,
        { kind: 'org', companyId: orgOf(request).orgId },
        request.params.id,
      );
      return trackingOf(db, order.id);
    },
  );
}
