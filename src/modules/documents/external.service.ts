import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import type { FileStorage } from '../../server/core/storage.js';
import { getCompany } from '../companies/companies.service.js';
import { ordersByNumbers } from '../orders/index.js';
import { presentDocument } from './documents.service.js';
import { documentKinds, documentStatuses, documents } from './documents.tables.js';

/**
 * Documents that come from outside (docs/documents.md, "Documents from outside"): a PDF a staff member
 * uploads for a company (source `upload`), or what an accounting system sends through the import (source
 * `1c`). They are not numbered here; one per (source, company, kind, number, date).
 */

/** The largest PDF accepted, uploaded or imported (decoded). */
export const externalPdfMaxBytes = 10 * 1024 * 1024;

/** A PDF by its first bytes, whatever the name or the declared type says. */
export const isPdf = (data: Buffer) => data.length >= 5 && data.toString('latin1', 0, 5) === '%PDF-';

export const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** The fields of an external document, as the upload's `data` JSON and each import item carry them. */
export const externalFields = {
  kind: z.enum(documentKinds),
  number: z.string().trim().min(1).max(64),
  date: z.iso.date(),
  /** Kopecks, VAT included. */
  amount: z.number().int().min(0).max(1e13),
  vatAmount: z.number().int().min(0).max(1e13).default(0),
  status: z.enum(documentStatuses).default('issued'),
  /** The portal's order number (`K-2026-000123`) the document belongs to, if any. */
  orderNumber: z.string().trim().min(1).max(64).optional(),
};

export const uploadFieldsSchema = z.object(externalFields).strict();
export type UploadFields = z.infer<typeof uploadFieldsSchema>;

/** A file name safe for the `Content-Disposition` header: no path, no control characters, `.pdf` at the end. */
export function pdfFileName(raw: string | undefined, fallback: string): string {
  const base = (raw ?? '')
    .split(/[\\/]/)
    .pop()
    ?.replace(/[\p{Cc}"]/gu, '')
    .trim()
    .slice(0, 150);
  const name = base || fallback;
  return /\.pdf$/i.test(name) ? name : `${name}.pdf`;
}

/**
 * Reads a staff upload: multipart with a `data` JSON field (the document's fields) and one `file`. The file
 * must be a PDF by its magic bytes (415 otherwise) and at most `externalPdfMaxBytes` (413).
 */
export async function readDocumentUpload(request: FastifyRequest) {
  if (!request.isMultipart())
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the document as multipart/form-data');
  let raw: string | undefined;
  let file: { data: Buffer; fileName: string } | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.fieldname === 'data') raw = String(part.value);
        continue;
      }
      const data = await part.toBuffer();
      if (!isPdf(data))
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', `${part.filename} is not a PDF`, [
          { path: 'file', message: 'Only PDF documents are accepted' },
        ]);
      file = { data, fileName: part.filename };
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `The document must be at most ${externalPdfMaxBytes / 1024 / 1024} MB`,
        [{ path: 'file', message: 'The file is too large' }],
      );
    throw error;
  }
  if (!file)
    throw new AppError('VALIDATION_FAILED', 'No file', [{ path: 'file', message: 'Attach the PDF' }]);
  let json: unknown;
  try {
    json = JSON.parse(raw ?? '');
  } catch {
    throw new AppError('VALIDATION_FAILED', 'The data field must be JSON', [
      { path: 'data', message: 'JSON with kind, number, date and amount' },
    ]);
  }
  const parsed = uploadFieldsSchema.safeParse(json);
  if (!parsed.success)
    throw new AppError(
      'VALIDATION_FAILED',
      'The request has invalid fields',
      parsed.error.issues.map((i) => ({ path: ['data', ...i.path].join('.'), message: i.message })),
    );
  return { fields: parsed.data, file };
}

/** The order of `companyId` with this number, or a 400 naming `path`. */
export async function orderIdOf(db: Db, companyId: string, orderNumber: string | undefined, path: string) {
  if (!orderNumber) return null;
  const [order] = await ordersByNumbers(db, [orderNumber]);
  if (!order || order.companyId !== companyId)
    throw new AppError('VALIDATION_FAILED', 'No such order of the company', [
      { path, message: `The company has no order ${orderNumber}` },
    ]);
  return order.id;
}

/**
 * Stores a staff-uploaded PDF as a document of the company (source `upload`): 404 for an unknown company,
 * 409 when the company already has an uploaded document of that kind, number and date.
 */
export async function storeUploadedDocument(
  db: Db,
  storage: FileStorage,
  input: { companyId: string; fields: UploadFields; file: { data: Buffer; fileName: string }; actor: string },
) {
  const { companyId, fields, file } = input;
  if (!z.uuid().safeParse(companyId).success || !(await getCompany(db, companyId)))
    throw new AppError('NOT_FOUND', 'Company not found');
  const orderId = await orderIdOf(db, companyId, fields.orderNumber, 'data.orderNumber');
  const same = and(
    eq(documents.source, 'upload'),
    eq(documents.companyId, companyId),
    eq(documents.kind, fields.kind),
    eq(documents.number, fields.number),
    eq(documents.docDate, fields.date),
  );
  const conflict = () =>
    new AppError(
      'CONFLICT',
      `The company already has this document: ${fields.kind} ${fields.number} of ${fields.date}`,
    );
  const [existing] = await db.select({ id: documents.id }).from(documents).where(same);
  if (existing) throw conflict();
  const id = uuidv7();
  const storageKey = `documents/${fields.date.slice(0, 4)}/${id}.pdf`;
  await storage.put(storageKey, file.data);
  try {
    const [row] = await db
      .insert(documents)
      .values({
        id,
        companyId,
        kind: fields.kind,
        number: fields.number,
        docDate: fields.date,
        orderId,
        amount: fields.amount,
        vatAmount: fields.vatAmount,
        status: fields.status,
        source: 'upload',
        storageKey,
        fileName: pdfFileName(file.fileName, `${fields.kind} ${fields.number} ${fields.date}`),
        size: file.data.length,
        contentHash: sha256(file.data),
        createdBy: input.actor,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw conflict();
    return presentDocument(row);
  } catch (error) {
    await storage.delete(storageKey).catch(() => undefined);
    throw error;
  }
}
