import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import { storageFor } from '../../server/core/storage.js';
import { recordAudit } from '../audit/audit.service.js';
import { sellerRequisitesSchema } from '../settings/settings.schema.js';
import { getSellerRequisites, saveSellerRequisites } from '../settings/settings.service.js';
import {
  logoTypeOf,
  removeSellerLogo,
  saveSellerLogo,
  sellerLogo,
  sellerLogoMaxBytes,
} from './seller-logo.js';

const config = { access: { permission: 'settings.manage' as const } };

const logoProblem = (message: string) =>
  new AppError('VALIDATION_FAILED', message, [{ path: 'file', message }]);
const tooLarge = `The logo must be at most ${sellerLogoMaxBytes / 1024} KB`;
const notAnImage = 'The logo must be a PNG or JPEG picture';

/**
 * The business's own requisites (`/api/v1/admin/settings/seller`), printed as the seller on its documents, and
 * its logo (`…/seller/logo`) printed at their top.
 */
export async function sellerSettingsRoutes(app: FastifyInstance, { db, config: appConfig }: ModuleContext) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const storage = storageFor(appConfig);
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

  api.get(
    '/admin/settings/seller/logo',
    {
      config,
      schema: { tags: ['documents admin'], summary: 'The seller logo (PNG or JPEG); 404 when there is none' },
    },
    async (_request, reply) => {
      const logo = await sellerLogo(storage);
      const type = logo ? logoTypeOf(logo) : null;
      if (!logo || !type) throw new AppError('NOT_FOUND', 'No logo');
      return reply
        .type(type)
        .header('cache-control', 'private, no-cache')
        .header('x-content-type-options', 'nosniff')
        .send(logo);
    },
  );

  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: sellerLogoMaxBytes, files: 1, fields: 5, parts: 6 },
      throwFileSizeLimit: true,
    });
    scope.withTypeProvider<ZodTypeProvider>().put(
      '/admin/settings/seller/logo',
      {
        config,
        schema: {
          tags: ['documents admin'],
          summary: 'Uploads the seller logo (multipart field "file"; PNG or JPEG up to 512 KB)',
          consumes: ['multipart/form-data'],
        },
      },
      async (request, reply) => {
        if (!request.isMultipart()) throw logoProblem('Send the logo as multipart/form-data');
        let data: Buffer;
        try {
          const file = await request.file();
          if (!file) throw logoProblem('Choose a file');
          data = await file.toBuffer();
        } catch (error) {
          if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw logoProblem(tooLarge);
          throw error;
        }
        const type = logoTypeOf(data);
        if (!type) throw logoProblem(notAnImage);
        await saveSellerLogo(storage, data);
        await recordAudit(db, request, {
          action: 'settings.seller_logo',
          details: { type, bytes: data.length },
        });
        return reply.code(204).send();
      },
    );
  });

  api.delete(
    '/admin/settings/seller/logo',
    { config, schema: { tags: ['documents admin'], summary: 'Removes the seller logo' } },
    async (request, reply) => {
      await removeSellerLogo(storage);
      await recordAudit(db, request, { action: 'settings.seller_logo_removed' });
      return reply.code(204).send();
    },
  );
}
