import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, orgOf } from '../../server/core/access.js';
import type { ModuleContext } from '../../server/core/module.js';
import { storageFor } from '../../server/core/storage.js';
import { recordAudit } from '../audit/audit.service.js';
import { integrationAuth, integrationCallerOf } from '../exchange1c/index.js';
import { issueServiceAct, serviceActRequestSchema } from './act.generate.js';
import { importBodySchema, importDocuments, importResultSchema } from './documents.import.js';
import { documentSchema } from './documents.schema.js';
import { externalPdfMaxBytes, readDocumentUpload, storeUploadedDocument } from './external.service.js';
import { orderConfirmationRequestSchema, requestOrderConfirmation } from './order-confirmation.generate.js';
import { generateShipmentUpdForStaff, listDocumentFailures } from './upd.generate.js';

const tags = ['documents'];
const staff = { access: { permission: 'orders.manage' as const } };
const orgParams = z.object({ orgId: z.string().max(64) });
const companyParams = z.object({ companyId: z.uuid() });
/** `:id`, as the orders module's other /admin/shipments/:id routes name it (one param name per path segment). */
const shipmentParams = z.object({ id: z.uuid() });
const failureSchema = z.object({
  kind: z.string(),
  subjectId: z.string(),
  companyId: z.string(),
  orderId: z.string().nullable(),
  reason: z.string(),
  fields: z.array(z.string()),
  attempts: z.number(),
  firstFailedAt: z.string(),
  lastTriedAt: z.string(),
});

/**
 * Generated УПД, acts and order confirmations, and documents from outside: staff upload and the REST import
 * (docs/documents.md). The invoice and the company's list, card and file are in documents.routes.ts.
 */
export async function documentsGenerateRoutes(app: FastifyInstance, ctx: ModuleContext): Promise<void> {
  const { db, config } = ctx;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const storage = storageFor(config);

  api.post(
    '/orgs/:orgId/documents/order-confirmations',
    {
      config: { access: { org: 'documents.request' } },
      schema: {
        tags,
        summary:
          'Issues the order confirmation of an order of the company (one per order; a repeat returns it)',
        params: orgParams,
        body: orderConfirmationRequestSchema,
        response: { 200: documentSchema, 201: documentSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { document, created } = await requestOrderConfirmation(db, storage, {
        companyId: orgOf(request).orgId,
        orderId: request.body.orderId,
        language: request.body.language ?? (actor.locale === 'en' ? 'en' : 'ru'),
        actor: actor.id,
      });
      return reply.status(created ? 201 : 200).send(document);
    },
  );

  api.post(
    '/admin/shipments/:id/upd',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Generates the УПД of a company order’s shipment (200 with the live one if it exists; replace: true cancels it and issues a new number)',
        params: shipmentParams,
        body: z
          .object({ replace: z.boolean().default(false) })
          .strict()
          .optional(),
        response: { 200: documentSchema, 201: documentSchema },
      },
    },
    async (request, reply) => {
      const replace = request.body?.replace ?? false;
      const { document, created } = await generateShipmentUpdForStaff(db, storage, request.params.id, {
        actor: actorOf(request).id,
        replace,
      });
      if (created)
        await recordAudit(db, request, {
          action: 'documents.upd',
          subject: document.id,
          details: { shipmentId: request.params.id, number: document.number, replace },
        });
      return reply.status(created ? 201 : 200).send(document);
    },
  );

  api.get(
    '/admin/documents/failures',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Documents that could not be generated on their own (missing requisites), oldest first',
        response: { 200: z.object({ items: z.array(failureSchema) }) },
      },
    },
    async () => ({ items: await listDocumentFailures(db) }),
  );

  api.post(
    '/admin/companies/:companyId/documents/acts',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Issues a service act (акт об оказании услуг) for a company: numbered and stored',
        params: companyParams,
        body: serviceActRequestSchema,
        response: { 201: documentSchema },
      },
    },
    async (request, reply) => {
      const document = await issueServiceAct(
        db,
        storage,
        request.params.companyId,
        request.body,
        actorOf(request).id,
      );
      await recordAudit(db, request, {
        action: 'documents.act',
        subject: document.id,
        details: { companyId: request.params.companyId, number: document.number, amount: document.amount },
      });
      return reply.status(201).send(document);
    },
  );

  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: externalPdfMaxBytes, files: 1, fields: 2, parts: 3 },
      throwFileSizeLimit: true,
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/admin/companies/:companyId/documents/upload',
      {
        config: staff,
        schema: {
          tags,
          summary: `Uploads a document of a company (multipart: "data" JSON {kind, number, date, amount, vatAmount?, status?, orderNumber?} and "file", a PDF ≤ ${externalPdfMaxBytes / 1024 / 1024} MB)`,
          consumes: ['multipart/form-data'],
          params: companyParams,
          response: { 201: documentSchema },
        },
      },
      async (request, reply) => {
        const { fields, file } = await readDocumentUpload(request);
        const document = await storeUploadedDocument(db, storage, {
          companyId: request.params.companyId,
          fields,
          file,
          actor: actorOf(request).id,
        });
        await recordAudit(db, request, {
          action: 'documents.upload',
          subject: document.id,
          details: { companyId: request.params.companyId, kind: document.kind, number: document.number },
        });
        return reply.status(201).send(document);
      },
    );
  });

  const machine = integrationAuth(ctx);
  api.post(
    '/import/documents',
    {
      config: { access: { public: true } },
      bodyLimit: 64 * 1024 * 1024,
      onRequest: machine.onRequest,
      preValidation: machine.preHandler,
      schema: {
        tags,
        summary:
          'Imports documents from an accounting system (HTTP Basic, integration account): all or nothing, idempotent by externalId',
        body: importBodySchema,
        response: { 200: importResultSchema },
      },
    },
    async (request) =>
      importDocuments(
        db,
        storage,
        request.body.documents,
        `integration:${integrationCallerOf(request).login}`,
      ),
  );
}
