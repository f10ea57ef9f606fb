import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, orgOf } from '../../server/core/access.js';
import type { ModuleContext } from '../../server/core/module.js';
import { storageFor } from '../../server/core/storage.js';
import {
  attachmentParams,
  claimData,
  claimStatusBody,
  claimsQuery,
  idParams,
  orgAttachmentParams,
  orgIdParams,
  orgParams,
} from './aftercare.schema.js';
import { personActor, scopedOrder, staffActor } from './aftercare.scope.js';
import {
  attachmentMaxBytes,
  claimFileKinds,
  claimMaxFiles,
  readAttachmentUpload,
  sendAttachment,
} from './attachments.js';
import { claimOf, fileClaim, listClaims, presentClaims, setClaimStatus } from './claims.service.js';

const tags = ['claims'];
const manage = { access: { permission: 'orders.manage' as const } };
const read = { access: { org: 'orders.read' as const } };
const orgUrl = (orgId: string) => (claimId: string, id: string) =>
  `/api/v1/orgs/${orgId}/claims/${claimId}/attachments/${id}`;
const adminUrl = (claimId: string, id: string) => `/api/v1/admin/claims/${claimId}/attachments/${id}`;

/** Claims (рекламации): filed by a company with photos and documents, handled in the back office. */
export async function claimsRoutes(app: FastifyInstance, { db, config }: ModuleContext): Promise<void> {
  const storage = storageFor(config);
  const api = app.withTypeProvider<ZodTypeProvider>();
  const one = async (id: string, urlOf: ReturnType<typeof orgUrl>, companyId?: string) =>
    (await presentClaims(db, [await claimOf(db, id, companyId)], urlOf))[0];

  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: attachmentMaxBytes, files: claimMaxFiles + 1, fields: 2, parts: claimMaxFiles + 3 },
      throwFileSizeLimit: true,
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/orgs/:orgId/orders/:id/claims',
      {
        config: { access: { org: 'orders.place' } },
        schema: {
          tags,
          summary: `File a claim on shipped goods (multipart: "data" JSON and up to ${claimMaxFiles} files, photos or PDF ≤ 10 MB)`,
          consumes: ['multipart/form-data'],
          params: orgIdParams,
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const { orgId } = orgOf(request);
        // Another company's order is a 404 before the upload is read.
        await scopedOrder(db, { kind: 'org', companyId: orgId }, request.params.id);
        const { data, files } = await readAttachmentUpload(request, claimData, {
          maxFiles: claimMaxFiles,
          kinds: claimFileKinds,
        });
        const id = await db.transaction((tx) =>
          fileClaim(
            tx,
            storage,
            { ...personActor(actor), id: actor.id },
            orgId,
            request.params.id,
            data,
            files,
          ),
        );
        return reply.code(201).send(await one(id, orgUrl(orgId), orgId));
      },
    );
  });

  api.get(
    '/orgs/:orgId/claims',
    {
      config: read,
      schema: { tags, summary: 'The company’s claims', params: orgParams, querystring: claimsQuery },
    },
    async (request) => {
      const { orgId } = orgOf(request);
      return listClaims(db, { ...request.query, companyId: orgId }, orgUrl(orgId));
    },
  );
  api.get(
    '/orgs/:orgId/claims/:id',
    { config: read, schema: { tags, summary: 'A claim of the company', params: orgIdParams } },
    async (request) => {
      const { orgId } = orgOf(request);
      return one(request.params.id, orgUrl(orgId), orgId);
    },
  );
  api.get(
    '/orgs/:orgId/claims/:id/attachments/:attachmentId',
    { config: read, schema: { tags, summary: 'A file of a claim', params: orgAttachmentParams } },
    async (request, reply) => {
      const row = await claimOf(db, request.params.id, orgOf(request).orgId);
      return sendAttachment(db, storage, reply, { type: 'claim', id: row.id }, request.params.attachmentId);
    },
  );

  api.get(
    '/admin/claims',
    { config: manage, schema: { tags, summary: 'Claims to handle', querystring: claimsQuery } },
    async (request) => listClaims(db, request.query, adminUrl),
  );
  api.get(
    '/admin/claims/:id',
    { config: manage, schema: { tags, summary: 'A claim', params: idParams } },
    async (request) => one(request.params.id, adminUrl),
  );
  api.get(
    '/admin/claims/:id/attachments/:attachmentId',
    { config: manage, schema: { tags, summary: 'A file of a claim', params: attachmentParams } },
    async (request, reply) =>
      sendAttachment(
        db,
        storage,
        reply,
        { type: 'claim', id: request.params.id },
        request.params.attachmentId,
      ),
  );
  api.post(
    '/admin/claims/:id/status',
    {
      config: manage,
      schema: { tags, summary: 'Move a claim on with an answer', params: idParams, body: claimStatusBody },
    },
    async (request) => {
      await db.transaction((tx) =>
        setClaimStatus(tx, request.params.id, request.body, staffActor(actorOf(request))),
      );
      return one(request.params.id, adminUrl);
    },
  );
}
