import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import { storageFor } from '../../server/core/storage.js';
import { recordAudit } from '../audit/audit.service.js';
import { listCompanyDocuments } from './documents.list.js';
import { documentListQuery, documentPageSchema, documentSchema } from './documents.schema.js';
import { documentFile, presentDocument } from './documents.service.js';
import { documents } from './documents.tables.js';

const tags = ['documents admin'];
const documentParams = z.object({ documentId: z.uuid() });
const companyParams = z.object({ companyId: z.uuid() });
export const cancelInvoiceSchema = z.object({ reason: z.string().trim().min(3).max(500) }).strict();

/** The back office's file link of a document (staff are not members of the company). */
const adminUrl = (id: string) => `/api/v1/admin/documents/${id}/file`;

/**
 * Back-office documents (docs/documents.md): a company's list and files (`companies.read`) and cancelling an
 * issued invoice (`orders.manage`, audited). A cancelled invoice frees its order for a new one.
 */
export function documentsAdminRoutes(app: FastifyInstance, { db, config }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const storage = storageFor(config);

  api.get(
    '/admin/companies/:companyId/documents',
    {
      config: { access: { permission: 'companies.read' } },
      schema: {
        tags,
        summary: 'A company’s documents, newest first (the company list’s filters)',
        params: companyParams,
        querystring: documentListQuery,
        response: { 200: documentPageSchema },
      },
    },
    async (request) => {
      const page = await listCompanyDocuments(db, request.params.companyId, request.query);
      return { ...page, items: page.items.map((d) => ({ ...d, url: adminUrl(d.id) })) };
    },
  );

  api.get(
    '/admin/documents/:documentId/file',
    {
      config: { access: { permission: 'companies.read' } },
      schema: { tags, summary: 'A document’s stored PDF, for download', params: documentParams },
    },
    async (request, reply) => {
      const [row] = await db
        .select({ companyId: documents.companyId })
        .from(documents)
        .where(eq(documents.id, request.params.documentId));
      if (!row) throw new AppError('NOT_FOUND', 'Document not found');
      const file = await documentFile(db, storage, row.companyId, request.params.documentId);
      return reply
        .type('application/pdf')
        .header('content-length', file.size)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('cache-control', 'private, no-store')
        .send(file.stream);
    },
  );

  api.post(
    '/admin/documents/:documentId/cancel',
    {
      config: { access: { permission: 'orders.manage' } },
      schema: {
        tags,
        summary: 'Cancels an issued invoice with a reason (audited); its order may then get a new invoice',
        params: documentParams,
        body: cancelInvoiceSchema,
        response: { 200: documentSchema },
      },
    },
    async (request) => {
      const { documentId } = request.params;
      const row = await db.transaction(async (tx) => {
        const [current] = await tx.select().from(documents).where(eq(documents.id, documentId)).for('update');
        if (!current) throw new AppError('NOT_FOUND', 'Document not found');
        if (current.kind !== 'invoice' || current.status !== 'issued')
          throw new AppError(
            'CONFLICT',
            current.kind !== 'invoice'
              ? 'Only an invoice can be cancelled here'
              : `The invoice is ${current.status} and cannot be cancelled`,
          );
        const [updated] = await tx
          .update(documents)
          .set({ status: 'cancelled' })
          .where(and(eq(documents.id, documentId), eq(documents.status, 'issued')))
          .returning();
        if (!updated) throw new AppError('CONFLICT', 'The invoice changed meanwhile');
        await recordAudit(tx, request, {
          action: 'documents.invoice_cancelled',
          subject: documentId,
          details: {
            companyId: current.companyId,
            number: current.number,
            orderId: current.orderId,
            reason: request.body.reason,
          },
        });
        return updated;
      });
      return { ...presentDocument(row), url: adminUrl(row.id) };
    },
  );
}
