import { and, count, eq, inArray } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../../server/core/db.js';
import { AppError } from '../../../server/core/errors.js';
import type { FileStorage } from '../../../server/core/storage.js';
import { recordAudit } from '../../audit/audit.service.js';
import { productDocuments, productImages, products } from '../catalog.tables.js';
import { imageKeys, imageSizes, mediaFolder } from './media-urls.js';

export const imageMaxBytes = 10 * 1024 * 1024;
export const documentMaxBytes = 25 * 1024 * 1024;
// Refuse decompression bombs: a small file that expands to a huge bitmap.
const maxInputPixels = 60_000_000;
const imageFormats: Record<string, { ext: string; type: string }> = {
  jpeg: { ext: 'jpg', type: 'image/jpeg' },
  png: { ext: 'png', type: 'image/png' },
  webp: { ext: 'webp', type: 'image/webp' },
  gif: { ext: 'gif', type: 'image/gif' },
  avif: { ext: 'avif', type: 'image/avif' },
};

/** Content type of a stored media file by its extension. */
export function mediaContentType(ext: string): string {
  return Object.values(imageFormats).find((f) => f.ext === ext)?.type ?? 'application/octet-stream';
}

const notAnImage = () =>
  new AppError('UNSUPPORTED_MEDIA_TYPE', 'The file is not a JPEG, PNG, WebP, GIF or AVIF image');

async function requireProduct(db: Db, productId: string) {
  const [row] = await db.select({ id: products.id }).from(products).where(eq(products.id, productId));
  if (!row) throw new AppError('NOT_FOUND', 'No such product');
}

/**
 * Writes an image's three files (original, medium, thumbnail) for an image id after checking the data by its
 * content (sharp reads it, whatever its name says). Returns the keys and size for the `product_images` row, so
 * an import that created rows first (1C exchange: empty keys until the files arrive) can fill them in.
 */
export async function writeImageFiles(storage: FileStorage, imageId: string, data: Buffer) {
  const { default: sharp } = await import('sharp');
  let meta: { format?: string | undefined; width?: number | undefined; height?: number | undefined };
  try {
    meta = await sharp(data, { limitInputPixels: maxInputPixels }).metadata();
  } catch {
    throw notAnImage();
  }
  const format = meta.format ? imageFormats[meta.format] : undefined;
  if (!format) throw notAnImage();
  const keys = imageKeys(imageId, format.ext);
  const resized = async (size: number) => {
    try {
      return await sharp(data, { limitInputPixels: maxInputPixels })
        .rotate()
        .resize(size, size, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 82 })
        .toBuffer();
    } catch {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'The image could not be read');
    }
  };
  const [medium, thumb] = [await resized(imageSizes.medium), await resized(imageSizes.thumb)];
  await storage.put(keys.storageKey, data);
  await storage.put(keys.mediumKey, medium);
  await storage.put(keys.thumbKey, thumb);
  return {
    storageKey: keys.storageKey,
    thumbKey: keys.thumbKey,
    width: meta.width ?? null,
    height: meta.height ?? null,
  };
}

/**
 * Stores a new product image (files first, then the row, placed last). `sourcePath` marks images that came from
 * a 1C exchange, so a re-import does not add them twice. Used by the back office and by imports.
 */
export async function storeProductImage(
  db: Db,
  storage: FileStorage,
  input: { productId: string; data: Buffer; alt?: string; sourcePath?: string | null },
) {
  const id = uuidv7();
  const files = await writeImageFiles(storage, id, input.data);
  const [{ n } = { n: 0 }] = await db
    .select({ n: count() })
    .from(productImages)
    .where(eq(productImages.productId, input.productId));
  await db.insert(productImages).values({
    id,
    productId: input.productId,
    ...files,
    alt: input.alt ?? '',
    position: n,
    sourcePath: input.sourcePath ?? null,
  });
  return id;
}

/** Back-office upload of a product image. */
export async function uploadProductImage(
  db: Db,
  storage: FileStorage,
  request: FastifyRequest,
  productId: string,
  data: Buffer,
) {
  await requireProduct(db, productId);
  const id = await storeProductImage(db, storage, { productId, data });
  await recordAudit(db, request, {
    action: 'catalog.image_added',
    subject: productId,
    details: { imageId: id },
  });
  return id;
}

/** Sets the order of a product's images (every image id of the product, in the new order). */
export async function reorderImages(db: Db, productId: string, ids: string[]) {
  await requireProduct(db, productId);
  const current = await db
    .select({ id: productImages.id })
    .from(productImages)
    .where(eq(productImages.productId, productId));
  const known = new Set(current.map((c) => c.id));
  for (const [i, id] of ids.entries()) {
    if (!known.has(id)) {
      throw new AppError('VALIDATION_FAILED', 'Not an image of this product', [
        { path: `body.ids.${i}`, message: 'Not an image of this product' },
      ]);
    }
  }
  await db.transaction(async (tx) => {
    for (const [position, id] of ids.entries()) {
      await tx.update(productImages).set({ position }).where(eq(productImages.id, id));
    }
  });
}

/** Changes an image's alternative text. */
export async function setImageAlt(db: Db, productId: string, imageId: string, alt: string) {
  const changed = await db
    .update(productImages)
    .set({ alt })
    .where(and(eq(productImages.id, imageId), eq(productImages.productId, productId)))
    .returning({ id: productImages.id });
  if (!changed.length) throw new AppError('NOT_FOUND', 'No such image');
}

/** Deletes an image and its files. */
export async function deleteImage(
  db: Db,
  storage: FileStorage,
  request: FastifyRequest,
  productId: string,
  imageId: string,
) {
  const [row] = await db
    .delete(productImages)
    .where(and(eq(productImages.id, imageId), eq(productImages.productId, productId)))
    .returning();
  if (!row) throw new AppError('NOT_FOUND', 'No such image');
  await recordAudit(db, request, {
    action: 'catalog.image_removed',
    subject: productId,
    details: { imageId },
  });
  for (const key of [row.storageKey, row.thumbKey, `${mediaFolder}/${row.id}-medium.webp`])
    await storage.delete(key);
}

/** Document types accepted, by extension, each with a check of the content itself. */
const documentTypes: Record<string, { type: string; check: (data: Buffer) => boolean }> = {
  pdf: { type: 'application/pdf', check: (d) => d.subarray(0, 5).toString('latin1') === '%PDF-' },
  jpg: { type: 'image/jpeg', check: (d) => d[0] === 0xff && d[1] === 0xd8 && d[2] === 0xff },
  jpeg: { type: 'image/jpeg', check: (d) => d[0] === 0xff && d[1] === 0xd8 && d[2] === 0xff },
  png: {
    type: 'image/png',
    check: (d) => d.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  webp: {
    type: 'image/webp',
    check: (d) =>
      d.subarray(0, 4).toString('latin1') === 'RIFF' && d.subarray(8, 12).toString('latin1') === 'WEBP',
  },
  dwg: { type: 'image/vnd.dwg', check: (d) => /^AC10\d\d$/.test(d.subarray(0, 6).toString('latin1')) },
  dxf: {
    type: 'image/vnd.dxf',
    // ASCII DXF starts with group code 0 and SECTION; binary DXF has its own sentinel.
    check: (d) =>
      /^\s*0\s*\r?\n\s*SECTION/.test(d.subarray(0, 200).toString('latin1')) ||
      d.subarray(0, 18).toString('latin1') === 'AutoCAD Binary DXF',
  },
  docx: {
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    check: (d) => isZip(d) && d.includes('word/'),
  },
  xlsx: {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    check: (d) => isZip(d) && d.includes('xl/'),
  },
};
const isZip = (d: Buffer) => d[0] === 0x50 && d[1] === 0x4b && d[2] === 0x03 && d[3] === 0x04;

/** File extensions a product document may have. */
export const documentExtensions = Object.keys(documentTypes);

/** Stores a product document after checking its extension against the allow-list and its content against it. */
export async function uploadProductDocument(
  db: Db,
  storage: FileStorage,
  request: FastifyRequest,
  input: {
    productId: string;
    fileName: string;
    data: Buffer;
    title?: string | undefined;
    kind?: 'certificate' | 'manual' | 'drawing' | 'other' | undefined;
  },
) {
  await requireProduct(db, input.productId);
  const fileName = input.fileName.replace(/[\\/\0\r\n"]/g, '_').slice(-200) || 'document';
  const ext = fileName.includes('.') ? (fileName.split('.').pop() ?? '').toLowerCase() : '';
  const kind = documentTypes[ext];
  if (!kind?.check(input.data)) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Accepted documents: ${documentExtensions.join(', ')} (checked by content)`,
    );
  }
  const id = uuidv7();
  const storageKey = `${mediaFolder}/documents/${id}.${ext}`;
  await storage.put(storageKey, input.data);
  await db.transaction(async (tx) => {
    await tx.insert(productDocuments).values({
      id,
      productId: input.productId,
      kind: input.kind ?? 'other',
      title: input.title?.trim() || fileName.replace(/\.[^.]*$/, ''),
      fileName,
      contentType: kind.type,
      size: input.data.length,
      storageKey,
    });
    await recordAudit(tx, request, {
      action: 'catalog.document_added',
      subject: input.productId,
      details: { documentId: id, fileName },
    });
  });
  return id;
}

/** Changes a document's title or kind. */
export async function updateDocument(
  db: Db,
  productId: string,
  documentId: string,
  change: { title?: string | undefined; kind?: 'certificate' | 'manual' | 'drawing' | 'other' | undefined },
) {
  const changed = await db
    .update(productDocuments)
    .set(change)
    .where(and(eq(productDocuments.id, documentId), eq(productDocuments.productId, productId)))
    .returning({ id: productDocuments.id });
  if (!changed.length) throw new AppError('NOT_FOUND', 'No such document');
}

/** Deletes a document and its file. */
export async function deleteDocument(
  db: Db,
  storage: FileStorage,
  request: FastifyRequest,
  productId: string,
  documentId: string,
) {
  const [row] = await db
    .delete(productDocuments)
    .where(and(eq(productDocuments.id, documentId), eq(productDocuments.productId, productId)))
    .returning();
  if (!row) throw new AppError('NOT_FOUND', 'No such document');
  await recordAudit(db, request, {
    action: 'catalog.document_removed',
    subject: productId,
    details: { documentId },
  });
  await storage.delete(row.storageKey);
}

/** Image rows by id (for the public media route). */
export async function imagesById(db: Db, ids: string[]) {
  return ids.length ? db.select().from(productImages).where(inArray(productImages.id, ids)) : [];
}
