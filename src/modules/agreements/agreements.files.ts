import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError, type FieldProblem } from '../../server/core/errors.js';

/** Largest file of an agreement version. */
export const agreementMaxBytes = 20 * 1024 * 1024;

export type AgreementFileKind = 'pdf' | 'docx' | 'doc' | 'odt';

export const agreementContentTypes: Record<AgreementFileKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  odt: 'application/vnd.oasis.opendocument.text',
};

const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * What a file really is, by its bytes (the name and the browser's type are not trusted): a PDF, an OLE
 * compound file (Word 97–2003 .doc), or a ZIP that is an ODF text (its first entry is the `mimetype` file) or
 * an OOXML word-processing document (it has a `word/` part and `[Content_Types].xml`).
 */
export function sniffAgreementFile(data: Buffer): AgreementFileKind | null {
  if (data.length >= 5 && data.toString('latin1', 0, 5) === '%PDF-') return 'pdf';
  if (data.length >= 8 && data.subarray(0, 8).equals(ole)) return 'doc';
  if (data.length >= 4 && data.toString('latin1', 0, 4) === 'PK\u0003\u0004') {
    if (data.toString('latin1', 30, 38) === 'mimetype') {
      const mime = data.toString('latin1', 38, 38 + 39);
      return mime === 'application/vnd.oasis.opendocument.text' ? 'odt' : null;
    }
    const head = data.toString('latin1', 0, Math.min(data.length, 256 * 1024));
    if (head.includes('[Content_Types].xml') && head.includes('word/')) return 'docx';
  }
  return null;
}

export interface AgreementFile {
  fileName: string;
  data: Buffer;
  kind: AgreementFileKind;
}

function safeName(name: string, kind: AgreementFileKind): string {
  const cleaned = name
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .slice(0, 120)
    .trim();
  return cleaned || `document.${kind}`;
}

/**
 * Reads a multipart request of a `data` JSON field (validated by `schema`) and exactly one `file` (PDF, DOCX,
 * DOC or ODT, at most 20 MB). A large file is 413, a file of another type 415, a missing one 400.
 */
export async function readAgreementUpload<T extends z.ZodType>(
  request: FastifyRequest,
  schema: T,
): Promise<{ data: z.infer<T>; file: AgreementFile }> {
  if (!request.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the request as multipart/form-data');
  }
  let raw: string | undefined;
  let file: AgreementFile | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.fieldname === 'data') raw = String(part.value);
        continue;
      }
      const data = await part.toBuffer();
      if (file) {
        throw new AppError('VALIDATION_FAILED', 'Send one file', [
          { path: 'file', message: 'Send one file' },
        ]);
      }
      const kind = sniffAgreementFile(data);
      if (!kind) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', `${part.filename} is not a PDF, DOCX, DOC or ODT file`, [
          { path: 'file', message: 'Allowed: pdf, docx, doc, odt' },
        ]);
      }
      file = { fileName: safeName(part.filename, kind), data, kind };
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `The file must be at most ${agreementMaxBytes / 1024 / 1024} MB`,
        [{ path: 'file', message: 'The file is larger than 20 MB' }],
      );
    }
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw ?? '{}');
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
  if (!file) {
    throw new AppError('VALIDATION_FAILED', 'Attach the document', [
      { path: 'file', message: 'Attach a PDF, DOCX, DOC or ODT file' },
    ]);
  }
  return { data: parsed.data, file };
}
