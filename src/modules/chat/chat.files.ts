import type { FastifyReply, FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import type { FileStorage } from '../../server/core/storage.js';
import { claimFileKinds, readAttachmentUpload, type UploadedFile } from '../orders/attachments.js';
import { sendFileData } from './chat.schema.js';
import type { NewMessage } from './chat.service.js';
import { messageById } from './chat.service.js';

/** Photos and PDFs up to 10 MB, one per message (the same checks as order claims). */
export const chatFileKinds = claimFileKinds;
const contentTypes: Record<UploadedFile['kind'], string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  pdf: 'application/pdf',
};

/** Reads a multipart message (`data` JSON with optional text, and one `file`) and stores the file. */
export async function readChatUpload(
  request: FastifyRequest,
  storage: FileStorage,
  conversationId: string,
): Promise<NewMessage> {
  const { data, files } = await readAttachmentUpload(request, sendFileData, {
    maxFiles: 1,
    kinds: chatFileKinds,
  });
  const file = files[0];
  if (!file) {
    throw new AppError('VALIDATION_FAILED', 'Attach a file', [{ path: 'file', message: 'Attach a file' }]);
  }
  const storageKey = `chat/${conversationId}/${uuidv7()}.${file.kind === 'jpeg' ? 'jpg' : file.kind}`;
  await storage.put(storageKey, file.data);
  return {
    text: data.text,
    file: { storageKey, name: file.fileName, type: contentTypes[file.kind], size: file.data.length },
  };
}

/** Sends the file of a message of a conversation the caller may see. */
export async function sendChatFile(
  db: Db,
  storage: FileStorage,
  reply: FastifyReply,
  conversationId: string,
  messageId: number,
) {
  const row = await messageById(db, messageId);
  const m = row?.m;
  const file =
    m?.attachmentKey && m.conversationId === conversationId ? await storage.read(m.attachmentKey) : null;
  if (!m || !file) throw new AppError('NOT_FOUND', 'No such file');
  return reply
    .type(m.attachmentType ?? 'application/octet-stream')
    .header('content-length', file.size)
    .header('x-content-type-options', 'nosniff')
    .header(
      'content-disposition',
      `attachment; filename*=UTF-8''${encodeURIComponent(m.attachmentName ?? 'file')}`,
    )
    .header('cache-control', 'private, no-store')
    .send(file.stream);
}
