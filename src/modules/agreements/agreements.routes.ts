import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Actor, actorOf, orgOf } from '../../server/core/access.js';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import { storageFor } from '../../server/core/storage.js';
import { recordAudit } from '../audit/audit.service.js';
import { getCompany } from '../companies/companies.service.js';
import { agreementMaxBytes, readAgreementUpload } from './agreements.files.js';
import {
  adminAgreementListQuery,
  agreementDetailSchema,
  agreementListQuery,
  agreementPageSchema,
  agreementParams,
  approveBody,
  codeSentSchema,
  commentBody,
  newAdminAgreementData,
  newAgreementData,
  newVersionData,
  orgAgreementParams,
  orgParams,
  orgVersionParams,
  rejectBody,
  versionParams,
} from './agreements.schema.js';
import {
  type AgreementActor,
  addComment,
  addVersion,
  agreementDetail,
  agreementOf,
  approveVersion,
  createAgreement,
  listAgreements,
  rejectVersion,
  requestApprovalCode,
  type Side,
  type VersionUrlOf,
  versionFile,
} from './agreements.service.js';

const tags = ['agreements'];
const staff = { permission: 'agreements.manage' as const };
const orgUrl =
  (orgId: string): VersionUrlOf =>
  (agreementId, versionId) =>
    `/api/v1/orgs/${orgId}/agreements/${agreementId}/versions/${versionId}/file`;
const adminUrl: VersionUrlOf = (agreementId, versionId) =>
  `/api/v1/admin/agreements/${agreementId}/versions/${versionId}/file`;

const actorOn = (side: Side, actor: Actor): AgreementActor => ({
  side,
  id: actor.id,
  name: actor.name,
  email: actor.email,
  locale: actor.locale,
});

const originOf = (request: FastifyRequest) => ({
  ip: request.ip ?? null,
  userAgent: request.headers['user-agent'] ?? null,
});

const auditWith =
  (request: FastifyRequest, action: string, agreementId: string) =>
  (tx: Db, details: Record<string, unknown>) =>
    recordAudit(tx, request, { action, subject: agreementId, details });

function sendFile(
  reply: FastifyReply,
  file: { stream: NodeJS.ReadableStream; size: number; fileName: string; contentType: string },
) {
  return reply
    .type(file.contentType)
    .header('content-length', file.size)
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('cache-control', 'private, no-store')
    .send(file.stream);
}

/**
 * Document approval (docs/agreements.md): the company's side under /orgs/:orgId/agreements, the seller's
 * staff under /admin/agreements. The same service serves both; only the scope and the side differ.
 */
export async function agreementsRoutes(app: FastifyInstance, { db, config }: ModuleContext): Promise<void> {
  const storage = storageFor(config);
  const publicUrl = config.publicUrl;
  const api = app.withTypeProvider<ZodTypeProvider>();

  // Uploads: one file and the `data` field.
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: agreementMaxBytes, files: 2, fields: 2, parts: 4 },
      throwFileSizeLimit: true,
    });
    const up = scope.withTypeProvider<ZodTypeProvider>();
    up.post(
      '/orgs/:orgId/agreements',
      {
        config: { access: { org: 'agreements.edit' } },
        schema: {
          tags,
          summary:
            'Start an agreement with its first version (multipart: "data" JSON and "file", PDF/DOCX/DOC/ODT ≤ 20 MB)',
          consumes: ['multipart/form-data'],
          params: orgParams,
        },
      },
      async (request, reply) => {
        const { orgId } = orgOf(request);
        const { data, file } = await readAgreementUpload(request, newAgreementData);
        const actor = actorOn('company', actorOf(request));
        const id = await db.transaction((tx) =>
          createAgreement(tx, storage, actor, orgId, data, file, publicUrl),
        );
        return reply.code(201).send(await agreementDetail(db, id, orgId, orgUrl(orgId)));
      },
    );
    up.post(
      '/orgs/:orgId/agreements/:agreementId/versions',
      {
        config: { access: { org: 'agreements.edit' } },
        schema: {
          tags,
          summary: 'Upload a new version (multipart: "data" JSON with an optional note, and "file")',
          consumes: ['multipart/form-data'],
          params: orgAgreementParams,
        },
      },
      async (request, reply) => {
        const { orgId } = orgOf(request);
        // Another company's agreement is a 404 before the upload is read.
        await agreementOf(db, request.params.agreementId, orgId);
        const { data, file } = await readAgreementUpload(request, newVersionData);
        const actor = actorOn('company', actorOf(request));
        await db.transaction((tx) =>
          addVersion(tx, storage, actor, request.params.agreementId, orgId, data, file, publicUrl),
        );
        return reply
          .code(201)
          .send(await agreementDetail(db, request.params.agreementId, orgId, orgUrl(orgId)));
      },
    );
    up.post(
      '/admin/agreements',
      {
        config: { access: staff },
        schema: {
          tags,
          summary: 'Start an agreement for a company (multipart: "data" JSON with companyId, and "file")',
          consumes: ['multipart/form-data'],
        },
      },
      async (request, reply) => {
        const { data, file } = await readAgreementUpload(request, newAdminAgreementData);
        if (!(await getCompany(db, data.companyId))) {
          throw new AppError('VALIDATION_FAILED', 'No such company', [
            { path: 'data.companyId', message: 'No such company' },
          ]);
        }
        const { companyId, ...input } = data;
        const actor = actorOn('staff', actorOf(request));
        const id = await db.transaction((tx) =>
          createAgreement(tx, storage, actor, companyId, input, file, publicUrl),
        );
        return reply.code(201).send(await agreementDetail(db, id, undefined, adminUrl));
      },
    );
    up.post(
      '/admin/agreements/:agreementId/versions',
      {
        config: { access: staff },
        schema: {
          tags,
          summary: 'Upload a new version (multipart: "data" JSON with an optional note, and "file")',
          consumes: ['multipart/form-data'],
          params: agreementParams,
        },
      },
      async (request, reply) => {
        await agreementOf(db, request.params.agreementId);
        const { data, file } = await readAgreementUpload(request, newVersionData);
        const actor = actorOn('staff', actorOf(request));
        await db.transaction((tx) =>
          addVersion(tx, storage, actor, request.params.agreementId, undefined, data, file, publicUrl),
        );
        return reply
          .code(201)
          .send(await agreementDetail(db, request.params.agreementId, undefined, adminUrl));
      },
    );
  });

  // The company's side.
  const read = { access: { org: 'agreements.read' as const } };
  api.get(
    '/orgs/:orgId/agreements',
    {
      config: read,
      schema: {
        tags,
        summary: 'The company’s agreements, recently changed first (filters: status, kind)',
        params: orgParams,
        querystring: agreementListQuery,
        response: { 200: agreementPageSchema },
      },
    },
    async (request) => {
      const { orgId } = orgOf(request);
      return listAgreements(db, { ...request.query, companyId: orgId }, orgUrl(orgId));
    },
  );
  api.get(
    '/orgs/:orgId/agreements/:agreementId',
    {
      config: read,
      schema: {
        tags,
        summary: 'An agreement with its versions, comments and decisions',
        params: orgAgreementParams,
        response: { 200: agreementDetailSchema },
      },
    },
    async (request) => {
      const { orgId } = orgOf(request);
      return agreementDetail(db, request.params.agreementId, orgId, orgUrl(orgId));
    },
  );
  api.get(
    '/orgs/:orgId/agreements/:agreementId/versions/:versionId/file',
    { config: read, schema: { tags, summary: 'The file of a version', params: orgVersionParams } },
    async (request, reply) =>
      sendFile(
        reply,
        await versionFile(
          db,
          storage,
          request.params.agreementId,
          orgOf(request).orgId,
          request.params.versionId,
        ),
      ),
  );
  api.post(
    '/orgs/:orgId/agreements/:agreementId/versions/:versionId/comments',
    {
      config: { access: { org: 'agreements.edit' } },
      schema: {
        tags,
        summary: 'Comment on a version',
        params: orgVersionParams,
        body: commentBody,
        response: { 201: agreementDetailSchema },
      },
    },
    async (request, reply) => {
      const { orgId } = orgOf(request);
      const { agreementId, versionId } = request.params;
      const actor = actorOn('company', actorOf(request));
      await db.transaction((tx) =>
        addComment(tx, actor, agreementId, orgId, versionId, request.body.text, publicUrl),
      );
      return reply.code(201).send(await agreementDetail(db, agreementId, orgId, orgUrl(orgId)));
    },
  );
  api.post(
    '/orgs/:orgId/agreements/:agreementId/versions/:versionId/approval-code',
    {
      config: { access: { org: 'agreements.approve' }, personOnly: true },
      schema: {
        tags,
        summary: 'Send me a one-time code (e-mail) that confirms approving the latest version',
        params: orgVersionParams,
        response: { 200: codeSentSchema },
      },
    },
    async (request) => {
      const { agreementId, versionId } = request.params;
      return requestApprovalCode(
        db,
        actorOn('company', actorOf(request)),
        agreementId,
        orgOf(request).orgId,
        versionId,
      );
    },
  );
  api.post(
    '/orgs/:orgId/agreements/:agreementId/versions/:versionId/approve',
    {
      config: { access: { org: 'agreements.approve' }, personOnly: true },
      schema: {
        tags,
        summary: 'Approve the latest version with the one-time code',
        params: orgVersionParams,
        body: approveBody,
        response: { 200: agreementDetailSchema },
      },
    },
    async (request) => {
      const { orgId } = orgOf(request);
      const { agreementId, versionId } = request.params;
      await approveVersion(
        db,
        actorOn('company', actorOf(request)),
        agreementId,
        orgId,
        versionId,
        request.body.code,
        originOf(request),
        publicUrl,
        auditWith(request, 'agreements.approved', agreementId),
      );
      return agreementDetail(db, agreementId, orgId, orgUrl(orgId));
    },
  );
  api.post(
    '/orgs/:orgId/agreements/:agreementId/versions/:versionId/reject',
    {
      config: { access: { org: 'agreements.approve' } },
      schema: {
        tags,
        summary: 'Reject the latest version, with a comment',
        params: orgVersionParams,
        body: rejectBody,
        response: { 200: agreementDetailSchema },
      },
    },
    async (request) => {
      const { orgId } = orgOf(request);
      const { agreementId, versionId } = request.params;
      const actor = actorOn('company', actorOf(request));
      await db.transaction((tx) =>
        rejectVersion(
          tx,
          actor,
          agreementId,
          orgId,
          versionId,
          request.body.comment,
          originOf(request),
          publicUrl,
          auditWith(request, 'agreements.rejected', agreementId),
        ),
      );
      return agreementDetail(db, agreementId, orgId, orgUrl(orgId));
    },
  );

  // The seller's staff.
  api.get(
    '/admin/agreements',
    {
      config: { access: staff },
      schema: {
        tags,
        summary: 'Agreements of every company, recently changed first (filters: status, kind, companyId)',
        querystring: adminAgreementListQuery,
        response: { 200: agreementPageSchema },
      },
    },
    async (request) => listAgreements(db, request.query, adminUrl),
  );
  api.get(
    '/admin/agreements/:agreementId',
    {
      config: { access: staff },
      schema: {
        tags,
        summary: 'An agreement with its versions, comments and decisions',
        params: agreementParams,
        response: { 200: agreementDetailSchema },
      },
    },
    async (request) => agreementDetail(db, request.params.agreementId, undefined, adminUrl),
  );
  api.get(
    '/admin/agreements/:agreementId/versions/:versionId/file',
    { config: { access: staff }, schema: { tags, summary: 'The file of a version', params: versionParams } },
    async (request, reply) =>
      sendFile(
        reply,
        await versionFile(db, storage, request.params.agreementId, undefined, request.params.versionId),
      ),
  );
  api.post(
    '/admin/agreements/:agreementId/versions/:versionId/comments',
    {
      config: { access: staff },
      schema: {
        tags,
        summary: 'Comment on a version',
        params: versionParams,
        body: commentBody,
        response: { 201: agreementDetailSchema },
      },
    },
    async (request, reply) => {
      const { agreementId, versionId } = request.params;
      const actor = actorOn('staff', actorOf(request));
      await db.transaction((tx) =>
        addComment(tx, actor, agreementId, undefined, versionId, request.body.text, publicUrl),
      );
      return reply.code(201).send(await agreementDetail(db, agreementId, undefined, adminUrl));
    },
  );
  api.post(
    '/admin/agreements/:agreementId/versions/:versionId/approval-code',
    {
      config: { access: staff, personOnly: true },
      schema: {
        tags,
        summary: 'Send me a one-time code (e-mail) that confirms approving the latest version',
        params: versionParams,
        response: { 200: codeSentSchema },
      },
    },
    async (request) =>
      requestApprovalCode(
        db,
        actorOn('staff', actorOf(request)),
        request.params.agreementId,
        undefined,
        request.params.versionId,
      ),
  );
  api.post(
    '/admin/agreements/:agreementId/versions/:versionId/approve',
    {
      config: { access: staff, personOnly: true },
      schema: {
        tags,
        summary: 'Approve the latest version with the one-time code',
        params: versionParams,
        body: approveBody,
        response: { 200: agreementDetailSchema },
      },
    },
    async (request) => {
      const { agreementId, versionId } = request.params;
      await approveVersion(
        db,
        actorOn('staff', actorOf(request)),
        agreementId,
        undefined,
        versionId,
        request.body.code,
        originOf(request),
        publicUrl,
        auditWith(request, 'agreements.approved', agreementId),
      );
      return agreementDetail(db, agreementId, undefined, adminUrl);
    },
  );
  api.post(
    '/admin/agreements/:agreementId/versions/:versionId/reject',
    {
      config: { access: staff },
      schema: {
        tags,
        summary: 'Reject the latest version, with a comment',
        params: versionParams,
        body: rejectBody,
        response: { 200: agreementDetailSchema },
      },
    },
    async (request) => {
      const { agreementId, versionId } = request.params;
      const actor = actorOn('staff', actorOf(request));
      await db.transaction((tx) =>
        rejectVersion(
          tx,
          actor,
          agreementId,
          undefined,
          versionId,
          request.body.comment,
          originOf(request),
          publicUrl,
          auditWith(request, 'agreements.rejected', agreementId),
        ),
      );
      return agreementDetail(db, agreementId, undefined, adminUrl);
    },
  );
}
