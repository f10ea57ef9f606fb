import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, orgOf } from '../../server/core/access.js';
import type { ModuleContext } from '../../server/core/module.js';
import { storageFor } from '../../server/core/storage.js';
import { listCompanyDocuments, withOrderNumber } from './documents.list.js';
import {
  documentListQuery,
  documentPageSchema,
  documentSchema,
  invoiceRequestSchema,
} from './documents.schema.js';
import { documentFile, getDocument, requestInvoice } from './documents.service.js';

const tags = ['documents'];
const orgParams = z.object({ orgId: z.string().max(64) });
const documentParams = orgParams.extend({ documentId: z.string().max(64) });
/** `inline` shows the PDF in the page's preview frame; the default downloads it. */
const fileQuery = z.object({ disposition: z.enum(['attachment', 'inline']).default('attachment') });

/** A company's finance documents (docs/documents.md, "Documents module"): invoices, list, card and file. */
export function documentsRoutes(app: FastifyInstance, { db, config }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const storage = storageFor(config);
  api.post(
    '/orgs/:orgId/documents/invoices',
    {
      config: { access: { org: 'documents.request' } },
      schema: {
        tags,
        summary:
          'Issues an invoice for an order of the company ({orderId}) or for an amount ({amount, purpose})',
        params: orgParams,
        body: invoiceRequestSchema,
        response: { 200: documentSchema, 201: documentSchema },
      },
    },
    async (request, reply) => {
      const companyId = orgOf(request).orgId;
      const { document, created } = await requestInvoice(db, storage, {
        companyId,
        ...request.body,
        actor: actorOf(request).id,
      });
      return reply.status(created ? 201 : 200).send(await withOrderNumber(db, companyId, document));
    },
  );
  api.get(
    '/orgs/:orgId/documents',
    {
      config: { access: { org: 'documents.read' } },
      schema: {
        tags,
        summary:
          'Documents of the company, newest first (filters: kind, status, orderId, orderNumber, from, to)',
        params: orgParams,
        querystring: documentListQuery,
        response: { 200: documentPageSchema },
      },
    },
    async (request) => listCompanyDocuments(db, orgOf(request).orgId, request.query),
  );
  api.get(
    '/orgs/:orgId/documents/:documentId',
    {
      config: { access: { org: 'documents.read' } },
      schema: { tags, summary: 'One document', params: documentParams, response: { 200: documentSchema } },
    },
    async (request) => {
      const { orgId } = orgOf(request);
      return withOrderNumber(db, orgId, await getDocument(db, orgId, request.params.documentId));
    },
  );
  api.get(
    '/orgs/:orgId/documents/:documentId/file',
    {
      config: { access: { org: 'documents.read' } },
      schema: {
        tags,
        summary:
          'The document as stored (PDF): downloaded, or shown in a same-origin frame (disposition=inline)',
        params: documentParams,
        querystring: fileQuery,
      },
    },
    async (request, reply) => {
      const file = await documentFile(db, storage, orgOf(request).orgId, request.params.documentId);
      const { disposition } = request.query;
      if (disposition === 'inline') {
        // The portal's own preview frame may show it; no other site may frame it.
        // Only framing: an object-src or default-src here would keep Chromium's PDF viewer from showing it.
        reply.header('content-security-policy', "frame-ancestors 'self'");
        reply.header('x-frame-options', 'SAMEORIGIN');
      }
      return reply
        .type('application/pdf')
        .header('content-length', file.size)
        .header('x-content-type-options', 'nosniff')
        .header(
          'content-disposition',
          `${disposition}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        )
        .header('cache-control', 'private, no-store')
        .send(file.stream);
    },
  );
}
