import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import type { FileStorage } from '../../server/core/storage.js';
import {
  type AttachmentKind,
  attachmentMaxBytes,
  claimFileKinds,
  readAttachmentUpload,
  type UploadedFile,
} from '../orders/index.js';
import { ticketAttachments } from './support.tables.js';

/** Each file of a message is at most 10 MB; a message carries at most 5. */
export const ticketFileMaxBytes = attachmentMaxBytes;
export const ticketMaxFiles = 5;
/** Photos and PDF, recognised by their first bytes (a renamed .exe is refused). */
export const ticketFileKinds: readonly AttachmentKind[] = claimFileKinds;

const contentTypes: Record<AttachmentKind, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  pdf: 'application/pdf',
};

/** Limits for `@fastify/multipart` on the routes that take a message with files. */
export const ticketMultipartLimits = {
  limits: { fileSize: ticketFileMaxBytes, files: ticketMaxFiles + 1, fields: 2, parts: ticketMaxFiles + 3 },
  throwFileSizeLimit: true,
};

/** Reads a multipart message: the `data` JSON and up to 5 checked files (413/415 name the file). */
export function readTicketUpload<T extends z.ZodType>(request: FastifyRequest, schema: T) {
  return readAttachmentUpload(request, schema, { maxFiles: ticketMaxFiles, kinds: ticketFileKinds });
}

/** Stores a message's files and records them; call inside the transaction that wrote the message. */
export async function storeTicketFiles(
  tx: Db,
  storage: FileStorage,
  owner: { ticketId: string; messageId: string },
  files: UploadedFile[],
): Promise<void> {
  for (const file of files) {
    const id = uuidv7();
    const storageKey = `support/${owner.ticketId}/${id}.${file.kind === 'jpeg' ? 'jpg' : file.kind}`;
    await storage.put(storageKey, file.data);
    await tx.insert(ticketAttachments).values({
      id,
      ticketId: owner.ticketId,
      messageId: owner.messageId,
      storageKey,
      fileName: file.fileName,
      contentType: contentTypes[file.kind],
      size: file.data.length,
    });
  }
}

/** The files of these messages, by message id. */
export async function attachmentsOf(db: Db, messageIds: string[]) {
  const byMessage = new Map<string, (typeof ticketAttachments.$inferSelect)[]>();
  if (messageIds.length === 0) return byMessage;
  const rows = await db
    .select()
    .from(ticketAttachments)
    .where(inArray(ticketAttachments.messageId, messageIds))
    .orderBy(ticketAttachments.id);
  for (const row of rows) byMessage.set(row.messageId, [...(byMessage.get(row.messageId) ?? []), row]);
  return byMessage;
}

/**
 * Sends a file of a request the caller has already scoped. Files of messages the person may not see (internal
 * notes) are the caller's to exclude through `visibleMessageIds`; anything else is NOT_FOUND.
 */
export async function sendTicketAttachment(
  db: Db,
  storage: FileStorage,
  reply: FastifyReply,
  ticketId: string,
  attachmentId: string,
  visibleMessageIds?: string[],
) {
  const [row] = await db
    .select()
    .from(ticketAttachments)
    .where(and(eq(ticketAttachments.id, attachmentId), eq(ticketAttachments.ticketId, ticketId)));
  const visible = row && (!visibleMessageIds || visibleMessageIds.includes(row.messageId));
  const file = row && visible ? await storage.read(row.storageKey) : null;
  if (!row || !file) throw new AppError('NOT_FOUND', 'No such file');
  return reply
    .type(row.contentType)
    .header('content-length', file.size)
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.fileName)}`)
    .header('cache-control', 'private, no-store')
    .send(file.stream);
}
