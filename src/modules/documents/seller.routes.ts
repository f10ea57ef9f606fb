import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleContext } from '../../server/core/module.js';
import { recordAudit } from '../audit/audit.service.js';
import { sellerRequisitesSchema } from '../settings/settings.schema.js';
import { getSellerRequisites, saveSellerRequisites } from '../settings/settings.service.js';

const config = { access: { permission: 'settings.manage' as const } };

/** The business's own requisites (`/api/v1/admin/settings/seller`), printed as the seller on its documents. */
export function sellerSettingsRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const schema = sellerRequisitesSchema.meta({ id: 'SellerRequisites' });
  api.get(
    '/admin/settings/seller',
    {
      config,
      schema: { tags: ['documents admin'], summary: 'Seller requisites', response: { 200: schema } },
    },
    async () => getSellerRequisites(db),
  );
  api.put(
    '/admin/settings/seller',
    {
      config,
      schema: {
        tags: ['documents admin'],
        summary: 'Changes the seller requisites (checksums of ИНН, КПП, ОГРН, БИК and accounts are checked)',
        body: schema,
        response: { 200: schema },
      },
    },
    async (request) => {
      const before = await getSellerRequisites(db);
      await db.transaction(async (tx) => {
        await saveSellerRequisites(tx, request.body);
        await recordAudit(tx, request, {
          action: 'settings.seller',
          details: { before, after: request.body },
        });
      });
      return request.body;
    },
  );
}
