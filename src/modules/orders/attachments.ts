import { and, eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import { AppError, type FieldProblem } from '../../server/core/errors.js';
import type { FileStorage } from '../../server/core/storage.js';
import { orderAttachments } from './orders.tables.js';

/** Largest photo or document attached to a return or a claim. */
export const attachmentMaxBytes = 10 * 1024 * 1024;
/** At most this many photos on a return request, and files on a claim. */
export const returnMaxPhotos = 5;
export const claimMaxFiles = 10;

export type AttachmentKind = 'jpeg' | 'png' | 'webp' | 'pdf';
const contentTypes: Record<AttachmentKind, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  pdf: 'application/pdf',
};
export const photoKinds: readonly AttachmentKind[] = ['jpeg', 'png', 'webp'];
export const claimFileKinds: readonly AttachmentKind[] = ['jpeg', 'png', 'webp', 'pdf'];

/** What the file really is, by its first bytes (the name and the browser's type are not trusted). */
export function sniffKind(data: Buffer): AttachmentKind | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpeg';
  if (
    data.length >= 8 &&
    data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'png';
  if (
    data.length >= 12 &&
    data.toString('latin1', 0, 4) === 'RIFF' &&
    data.toString('latin1', 8, 12) === 'WEBP'
  )
    return 'webp';
  if (data.length >= 5 && data.toString('latin1', 0, 5) === '%PDF-') return 'pdf';
  return null;
}

export interface UploadedFile {
  fileName: string;
  data: Buffer;
  kind: AttachmentKind;
}

/**
 * Reads a multipart request of a `data` JSON field (validated by `schema`) and up to `maxFiles` files of the
 * allowed kinds, each at most 10 MB. Refusals name the file: 413 for a large one, 415 for a wrong type.
 */
export async function readAttachmentUpload<T extends z.ZodType>(
  request: FastifyRequest,
  schema: T,
  options: { maxFiles: number; kinds: readonly AttachmentKind[] },
): Promise<{ data: z.infer<T>; files: UploadedFile[] }> {
  if (!request.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the request as multipart/form-data');
  }
  let raw: string | undefined;
  const files: UploadedFile[] = [];
  // The refusal of a too-large file names it; the size limit fires while the file is being read.
  let current = '';
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.fieldname === 'data') raw = String(part.value);
        continue;
      }
      current = part.filename;
      const data = await part.toBuffer();
      if (files.length >= options.maxFiles) {
        throw new AppError('VALIDATION_FAILED', `At most ${options.maxFiles} files`, [
          { path: 'files', message: `Attach at most ${options.maxFiles} files` },
        ]);
      }
      const kind = sniffKind(data);
      if (!kind || !options.kinds.includes(kind)) {
        throw new AppError(
          'UNSUPPORTED_MEDIA_TYPE',
          `${part.filename} is not an allowed file (${options.kinds.join(', ')})`,
          [{ path: `files.${files.length}`, message: `Allowed: ${options.kinds.join(', ')}` }],
        );
      }
      files.push({ fileName: safeName(part.filename, kind), data, kind });
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `${current || 'The file'} is larger than ${attachmentMaxBytes / 1024 / 1024} MB: each file must be at most ${attachmentMaxBytes / 1024 / 1024} MB`,
        [{ path: `files.${files.length}`, message: `${current || 'The file'} is larger than 10 MB` }],
      );
    }
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw ?? '');
  } catch {
    throw new AppError('VALIDATION_FAILED', 'The data field must be JSON', [
      { path: 'data', message: 'Send the request as JSON in the data field' },
    ]);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const problems: FieldProblem[] = parsed.error.issues.map((i) => ({
      path: ['data', ...i.path].join('.'),
      message: i.message,
    }));
    throw new AppError('VALIDATION_FAILED', 'The request is not valid', problems);
  }
  return { data: parsed.data, files };
}

function safeName(name: string, kind: AttachmentKind): string {
  const cleaned = name
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .slice(0, 120)
    .trim();
  return cleaned || `file.${kind === 'jpeg' ? 'jpg' : kind}`;
}

/** Stores the files of a return or claim and records them; call inside the transaction that created the owner. */
export async function storeAttachments(
  tx: Db,
  storage: FileStorage,
  owner: { type: 'return' | 'claim'; id: string },
  files: UploadedFile[],
  uploadedBy: string,
): Promise<void> {
  for (const file of files) {
    const id = uuidv7();
    const storageKey = `order-attachments/${id}.${file.kind === 'jpeg' ? 'jpg' : file.kind}`;
    await storage.put(storageKey, file.data);
    await tx.insert(orderAttachments).values({
      id,
      ownerType: owner.type,
      ownerId: owner.id,
      storageKey,
      fileName: file.fileName,
      contentType: contentTypes[file.kind],
      size: file.data.length,
      uploadedBy,
    });
  }
}

/** Sends an attachment of a return or claim the caller has already scoped; anything else is NOT_FOUND. */
export async function sendAttachment(
  db: Db,
  storage: FileStorage,
  reply: FastifyReply,
  owner: { type: 'return' | 'claim'; id: string },
  attachmentId: string,
) {
  const [row] = await db
    .select()
    .from(orderAttachments)
    .where(
      and(
        eq(orderAttachments.id, attachmentId),
        eq(orderAttachments.ownerType, owner.type),
        eq(orderAttachments.ownerId, owner.id),
      ),
    );
  const file = row ? await storage.read(row.storageKey) : null;
  if (!row || !file) throw new AppError('NOT_FOUND', 'No such file');
  return reply
    .type(row.contentType)
    .header('content-length', file.size)
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.fileName)}`)
    .header('cache-control', 'private, no-store')
    .send(file.stream);
}
