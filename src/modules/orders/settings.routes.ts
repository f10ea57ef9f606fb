import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleContext } from '../../server/core/module.js';
import { recordAudit } from '../audit/audit.service.js';
import { ordersSettingsSchema } from '../settings/settings.schema.js';
import { getOrdersSettings, saveOrdersSettings } from '../settings/settings.service.js';

const config = { access: { permission: 'settings.manage' as const } };

/** The business's ordering rules (`/api/v1/admin/settings/orders`): what happens above a credit limit. */
export function ordersSettingsRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const schema = ordersSettingsSchema.meta({ id: 'OrdersSettings' });
  api.get(
    '/admin/settings/orders',
    {
      config,
      schema: { tags: ['orders admin'], summary: 'Ordering rules', response: { 200: schema } },
    },
    async () => getOrdersSettings(db),
  );
  api.put(
    '/admin/settings/orders',
    {
      config,
      schema: {
        tags: ['orders admin'],
        summary: 'Changes the ordering rules (credit limit: refuse or send for approval)',
        body: schema,
        response: { 200: schema },
      },
    },
    async (request) => {
      const before = await getOrdersSettings(db);
      await db.transaction(async (tx) => {
        await saveOrdersSettings(tx, request.body);
        await recordAudit(tx, request, {
          action: 'settings.orders',
          details: { before, after: request.body },
        });
      });
      return request.body;
    },
  );
}
