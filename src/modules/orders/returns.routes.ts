import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/core/access.js';
import type { ModuleContext } from '../../server/core/module.js';
import { storageFor } from '../../server/core/storage.js';
import {
  attachmentParams,
  idParams,
  returnData,
  returnStatusBody,
  returnsQuery,
} from './aftercare.schema.js';
import { personActor, scopedOrder, staffActor } from './aftercare.scope.js';
import {
  attachmentMaxBytes,
  photoKinds,
  readAttachmentUpload,
  returnMaxPhotos,
  sendAttachment,
} from './attachments.js';
import { fileReturn, listReturns, presentReturns, returnOf, setReturnStatus } from './returns.service.js';

const tags = ['returns'];
const me = { access: { signedIn: true as const } };
const manage = { access: { permission: 'orders.manage' as const } };
const myUrl = (returnId: string, id: string) => `/api/v1/me/returns/${returnId}/attachments/${id}`;
const adminUrl = (returnId: string, id: string) => `/api/v1/admin/returns/${returnId}/attachments/${id}`;

/** Return requests: filed by the customer with photos, handled in the back office. */
export async function returnsRoutes(
  app: FastifyInstance,
  { db, config, secrets }: ModuleContext,
): Promise<void> {
  const storage = storageFor(config);
  const api = app.withTypeProvider<ZodTypeProvider>();
  const one = async (id: string, urlOf: typeof myUrl, personId?: string) =>
    (await presentReturns(db, [await returnOf(db, id, personId)], urlOf))[0];

  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: {
        fileSize: attachmentMaxBytes,
        files: returnMaxPhotos + 1,
        fields: 2,
        parts: returnMaxPhotos + 3,
      },
      throwFileSizeLimit: true,
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/me/orders/:id/returns',
      {
        config: me,
        schema: {
          tags,
          summary: `Ask to return delivered items (multipart: "data" JSON and up to ${returnMaxPhotos} photos, JPEG/PNG/WebP ≤ 10 MB)`,
          consumes: ['multipart/form-data'],
          params: idParams,
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        await scopedOrder(db, { kind: 'me', personId: actor.id }, request.params.id);
        const { data, files } = await readAttachmentUpload(request, returnData, {
          maxFiles: returnMaxPhotos,
          kinds: photoKinds,
        });
        const id = await db.transaction((tx) =>
          fileReturn(tx, storage, { ...personActor(actor), id: actor.id }, request.params.id, data, files),
        );
        return reply.code(201).send(await one(id, myUrl, actor.id));
      },
    );
  });

  api.get(
    '/me/returns',
    { config: me, schema: { tags, summary: 'My return requests', querystring: returnsQuery } },
    async (request) => listReturns(db, { ...request.query, personId: actorOf(request).id }, myUrl),
  );
  api.get(
    '/me/returns/:id',
    { config: me, schema: { tags, summary: 'One of my return requests', params: idParams } },
    async (request) => one(request.params.id, myUrl, actorOf(request).id),
  );
  api.get(
    '/me/returns/:id/attachments/:attachmentId',
    { config: me, schema: { tags, summary: 'A photo of my return request', params: attachmentParams } },
    async (request, reply) => {
      const row = await returnOf(db, request.params.id, actorOf(request).id);
      return sendAttachment(db, storage, reply, { type: 'return', id: row.id }, request.params.attachmentId);
    },
  );

  api.get(
    '/admin/returns',
    { config: manage, schema: { tags, summary: 'Return requests to handle', querystring: returnsQuery } },
    async (request) => listReturns(db, request.query, adminUrl),
  );
  api.get(
    '/admin/returns/:id',
    { config: manage, schema: { tags, summary: 'A return request', params: idParams } },
    async (request) => one(request.params.id, adminUrl),
  );
  api.get(
    '/admin/returns/:id/attachments/:attachmentId',
    { config: manage, schema: { tags, summary: 'A photo of a return request', params: attachmentParams } },
    async (request, reply) =>
      sendAttachment(
        db,
        storage,
        reply,
        { type: 'return', id: request.params.id },
        request.params.attachmentId,
      ),
  );
  api.post(
    '/admin/returns/:id/status',
    {
      config: manage,
      schema: { tags, summary: 'Move a return request on', params: idParams, body: returnStatusBody },
    },
    async (request) => {
      await setReturnStatus(
        db,
        { config, secrets },
        request.params.id,
        request.body,
        staffActor(actorOf(request)),
      );
      return one(request.params.id, adminUrl);
    },
  );
}
