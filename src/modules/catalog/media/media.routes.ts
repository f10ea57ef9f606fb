import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../server/core/errors.js';
import type { ModuleContext } from '../../../server/core/module.js';
import { storageFor } from '../../../server/core/storage.js';
import { manage } from '../admin/common.js';
import { productCard } from '../admin/product-card.service.js';
import { documentWithVisibility, viewerGroup, visibleTo } from './document-access.js';
import {
  deleteDocument,
  deleteImage,
  documentExtensions,
  documentMaxBytes,
  imageMaxBytes,
  imagesById,
  mediaContentType,
  reorderImages,
  setImageAlt,
  updateDocument,
  uploadProductDocument,
  uploadProductImage,
} from './media.service.js';
import { mediaFolder } from './media-urls.js';

const tags = ['catalog admin'];
const productParams = z.object({ productId: z.uuid() });
const kindEnum = z.enum(['certificate', 'manual', 'drawing', 'other']);
const mediaKey =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-(original|medium|thumb)\.([a-z]{3,4})$/;

/** Reads the one file of a multipart upload, turning the size limit into a 413. */
async function uploadedFile(request: FastifyRequest, maxBytes: number) {
  if (!request.isMultipart())
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data');
  try {
    const file = await request.file();
    if (!file)
      throw new AppError('VALIDATION_FAILED', 'No file', [{ path: 'file', message: 'Choose a file' }]);
    return { data: await file.toBuffer(), fileName: file.filename };
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('PAYLOAD_TOO_LARGE', `The file must be at most ${maxBytes / 1024 / 1024} MB`);
    }
    throw error;
  }
}

/** Product images and documents: back-office upload, order and removal; public serving. */
export async function mediaRoutes(app: FastifyInstance, { db, config }: ModuleContext): Promise<void> {
  const storage = storageFor(config);
  const api = app.withTypeProvider<ZodTypeProvider>();
  const base = '/admin/catalog/products/:productId';

  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: Math.max(imageMaxBytes, documentMaxBytes), files: 1, fields: 5, parts: 6 },
      throwFileSizeLimit: true,
    });
    const upload = scope.withTypeProvider<ZodTypeProvider>();
    upload.post(
      `${base}/images`,
      {
        config: manage,
        schema: {
          tags,
          summary: `Upload a product image (multipart field "file"; JPEG, PNG, WebP, GIF or AVIF up to ${imageMaxBytes / 1024 / 1024} MB)`,
          consumes: ['multipart/form-data'],
          params: productParams,
        },
      },
      async (request, reply) => {
        const { data } = await uploadedFile(request, imageMaxBytes);
        if (data.length > imageMaxBytes)
          throw new AppError(
            'PAYLOAD_TOO_LARGE',
            `The image must be at most ${imageMaxBytes / 1024 / 1024} MB`,
          );
        await uploadProductImage(db, storage, request, request.params.productId, data);
        return reply.code(201).send(await productCard(db, request.params.productId));
      },
    );
    upload.post(
      `${base}/documents`,
      {
        config: manage,
        schema: {
          tags,
          summary: `Upload a product document (multipart field "file"; ${documentExtensions.join(', ')} up to ${documentMaxBytes / 1024 / 1024} MB)`,
          consumes: ['multipart/form-data'],
          params: productParams,
          querystring: z.object({ title: z.string().trim().max(200).optional(), kind: kindEnum.optional() }),
        },
      },
      async (request, reply) => {
        const { data, fileName } = await uploadedFile(request, documentMaxBytes);
        await uploadProductDocument(db, storage, request, {
          productId: request.params.productId,
          fileName,
          data,
          ...request.query,
        });
        return reply.code(201).send(await productCard(db, request.params.productId));
      },
    );
  });

  api.put(
    `${base}/images/order`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Order the product’s images',
        params: productParams,
        body: z.object({ ids: z.array(z.uuid()).max(200) }),
      },
    },
    async (request) => {
      await reorderImages(db, request.params.productId, request.body.ids);
      return productCard(db, request.params.productId);
    },
  );
  api.patch(
    `${base}/images/:imageId`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change an image’s alternative text',
        params: productParams.extend({ imageId: z.uuid() }),
        body: z.object({ alt: z.string().trim().max(300) }),
      },
    },
    async (request) => {
      await setImageAlt(db, request.params.productId, request.params.imageId, request.body.alt);
      return productCard(db, request.params.productId);
    },
  );
  api.delete(
    `${base}/images/:imageId`,
    {
      config: manage,
      schema: { tags, summary: 'Delete an image', params: productParams.extend({ imageId: z.uuid() }) },
    },
    async (request) => {
      await deleteImage(db, storage, request, request.params.productId, request.params.imageId);
      return productCard(db, request.params.productId);
    },
  );
  api.patch(
    `${base}/documents/:documentId`,
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change a document’s title or kind',
        params: productParams.extend({ documentId: z.uuid() }),
        body: z.object({ title: z.string().trim().min(1).max(200).optional(), kind: kindEnum.optional() }),
      },
    },
    async (request) => {
      await updateDocument(db, request.params.productId, request.params.documentId, request.body);
      return productCard(db, request.params.productId);
    },
  );
  api.delete(
    `${base}/documents/:documentId`,
    {
      config: manage,
      schema: { tags, summary: 'Delete a document', params: productParams.extend({ documentId: z.uuid() }) },
    },
    async (request) => {
      await deleteDocument(db, storage, request, request.params.productId, request.params.documentId);
      return productCard(db, request.params.productId);
    },
  );

  api.get(
    '/public/catalog/media/:key',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['catalog'],
        summary: 'A product image file (original, medium or thumbnail); cached for a year',
        params: z.object({ key: z.string().max(100) }),
      },
    },
    async (request, reply) => {
      const match = mediaKey.exec(request.params.key);
      const [image] = match ? await imagesById(db, [match[1] as string]) : [];
      const key = `${mediaFolder}/${request.params.key}`;
      // Only files of an image row: nothing else in storage is reachable through this route.
      const belongs =
        image && [image.storageKey, image.thumbKey, `${mediaFolder}/${image.id}-medium.webp`].includes(key);
      const file = belongs ? await storage.read(key) : null;
      if (!file) throw new AppError('NOT_FOUND', 'No such image');
      return reply
        .type(mediaContentType(match?.[3] ?? ''))
        .header('content-length', file.size)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .send(file.stream);
    },
  );

  api.get(
    '/public/catalog/documents/:documentId',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['catalog'],
        summary:
          'A product document (attachment). Guests get documents of the public assortment; with orgId a member also gets those visible to the company',
        params: z.object({ documentId: z.uuid() }),
        querystring: z.object({ orgId: z.uuid().optional() }),
      },
    },
    async (request, reply) => {
      const doc = await documentWithVisibility(db, request.params.documentId);
      const group = doc ? await viewerGroup(db, request, request.query.orgId) : null;
      // Staff who manage the catalog (group undefined) see everything; others only what they may browse.
      const allowed =
        doc && (group === undefined || (doc.status === 'active' && visibleTo(group, doc.visibility)));
      const file = allowed ? await storage.read(doc.storageKey) : null;
      if (!doc || !file) throw new AppError('NOT_FOUND', 'No such document');
      return reply
        .type(doc.contentType)
        .header('content-length', file.size)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`)
        .header('cache-control', 'private, max-age=3600')
        .header('x-content-type-options', 'nosniff')
        .send(file.stream);
    },
  );
}
