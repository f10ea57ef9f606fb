import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../server/core/errors.js';
import { pageOf, pageQuery } from '../../../server/core/pagination.js';
import { formatSchema, kindSchema, langSchema, transferSchema } from './transfer.schema.js';
import {
  errorReport,
  getTransfer,
  listTransfers,
  maxUploadBytes,
  openExport,
  presentTransfer,
  requestApply,
  requestExport,
  type TransferDeps,
  templateFile,
  uploadImport,
} from './transfer.service.js';

const access = { access: { permission: 'catalog.manage' as const } };
const tags = ['catalog back office'];
const base = '/admin/catalog/transfer';
const idParams = z.object({ id: z.uuid() });

/** Sends a file for download; the name is given in both the plain and the RFC 5987 (UTF-8) form. */
function download(reply: FastifyReply, file: { fileName: string; contentType: string }) {
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_');
  return reply
    .type(file.contentType)
    .header(
      'content-disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    )
    .header('cache-control', 'no-store');
}

/** Back-office routes of catalog import and export (permission `catalog.manage`). */
export async function transferRoutes(api: FastifyInstance, deps: TransferDeps): Promise<void> {
  const app = api.withTypeProvider<ZodTypeProvider>();

  await api.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: maxUploadBytes, files: 1, fields: 5, parts: 6 },
      throwFileSizeLimit: true,
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      `${base}/imports`,
      {
        config: access,
        schema: {
          tags,
          summary:
            'Upload an XLSX or CSV file of products, prices or stock (multipart field "file", up to 20 MB)',
          description:
            'The file is checked in the background: poll the transfer until it is "validated", then apply it.',
          consumes: ['multipart/form-data'],
          querystring: z.object({ kind: kindSchema, lang: langSchema }),
          response: { 202: transferSchema },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart()) {
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data');
        }
        let data: Buffer;
        let fileName: string;
        try {
          const file = await request.file();
          if (!file)
            throw new AppError('VALIDATION_FAILED', 'No file', [{ path: 'file', message: 'Choose a file' }]);
          data = await file.toBuffer();
          fileName = file.filename;
        } catch (error) {
          if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
            throw new AppError(
              'PAYLOAD_TOO_LARGE',
              `The file must be at most ${maxUploadBytes / 1024 / 1024} MB`,
            );
          }
          throw error;
        }
        return reply
          .code(202)
          .send(await uploadImport(deps, request, request.query.kind, fileName, data, request.query.lang));
      },
    );
  });

  app.get(
    `${base}/transfers`,
    {
      config: access,
      schema: {
        tags,
        summary: 'Recent catalog imports and exports, newest first',
        querystring: pageQuery.extend({
          direction: z.enum(['import', 'export']).optional(),
          lang: langSchema,
        }),
        response: { 200: pageOf(transferSchema) },
      },
    },
    async (request) => listTransfers(deps.db, request.query),
  );

  app.get(
    `${base}/transfers/:id`,
    {
      config: access,
      schema: {
        tags,
        summary: 'One import or export: status, progress, counts, the first problems and changes',
        params: idParams,
        querystring: z.object({ lang: langSchema }),
        response: { 200: transferSchema },
      },
    },
    async (request) =>
      presentTransfer(await getTransfer(deps.db, request.params.id), request.query.lang, true),
  );

  app.post(
    `${base}/imports/:id/apply`,
    {
      config: access,
      schema: {
        tags,
        summary: 'Apply a checked import: every row ("all", only without problems) or the valid rows only',
        params: idParams,
        querystring: z.object({ lang: langSchema }),
        body: z.object({ mode: z.enum(['all', 'valid']) }).strict(),
        response: { 202: transferSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(202)
        .send(await requestApply(deps, request, request.params.id, request.body.mode, request.query.lang)),
  );

  app.get(
    `${base}/imports/:id/errors`,
    {
      config: access,
      schema: {
        tags,
        summary: 'The problems of an import as a file (row, column, message)',
        params: idParams,
        querystring: z.object({ format: formatSchema.default('xlsx'), lang: langSchema }),
      },
    },
    async (request, reply) => {
      const file = await errorReport(deps.db, request.params.id, request.query.format, request.query.lang);
      return download(reply, file).send(file.data);
    },
  );

  app.post(
    `${base}/exports`,
    {
      config: access,
      schema: {
        tags,
        summary: 'Export products, prices or stock to XLSX or CSV (a background job; download when done)',
        querystring: z.object({ lang: langSchema }),
        body: z.object({ kind: kindSchema, format: formatSchema }).strict(),
        response: { 202: transferSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(202)
        .send(await requestExport(deps, request, request.body.kind, request.body.format, request.query.lang)),
  );

  app.get(
    `${base}/exports/:id/file`,
    { config: access, schema: { tags, summary: 'Download a finished export', params: idParams } },
    async (request, reply) => {
      const file = await openExport(deps, request.params.id);
      return download(reply, file).header('content-length', file.size).send(file.stream);
    },
  );

  app.get(
    `${base}/templates/:kind`,
    {
      config: access,
      schema: {
        tags,
        summary: 'A template file of a kind: its header and two example rows',
        params: z.object({ kind: kindSchema }),
        querystring: z.object({ format: formatSchema.default('xlsx') }),
      },
    },
    async (request, reply) => {
      const file = await templateFile(request.params.kind, request.query.format);
      return download(reply, file).send(file.data);
    },
  );
}
