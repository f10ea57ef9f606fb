import { and, eq, inArray, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import { AppError, type FieldProblem } from '../../server/core/errors.js';
import type { FileStorage } from '../../server/core/storage.js';
import { companiesByInn } from '../companies/companies.service.js';
import { ordersByNumbers } from '../orders/index.js';
import type { DocumentRow } from './documents.issue.js';
import { documents } from './documents.tables.js';
import { externalFields, externalPdfMaxBytes, isPdf, pdfFileName, sha256 } from './external.service.js';

/**
 * The REST import of documents from an accounting system (docs/documents.md, "Import"). The whole batch is
 * checked first, item by item; one bad item refuses the batch (400 naming each item's index and field) and
 * nothing changes. Then it is applied in one transaction, idempotently by `externalId`: a repeat of the same
 * item changes nothing and is reported `unchanged`.
 */

/** The source imported documents get: the accounting system (1C or another ERP). */
const importSource = '1c' as const;
const maxBase64 = Math.ceil(externalPdfMaxBytes / 3) * 4;

export const importItemSchema = z
  .object({
    /** The sender's id of the document (1C's GUID): the key of idempotency. */
    externalId: z.string().trim().min(1).max(100),
    company: z
      .object({
        inn: z.string().regex(/^(\d{10}|\d{12})$/, '10 or 12 digits'),
        kpp: z
          .string()
          .regex(/^\d{4}[\dA-Z]{2}\d{3}$/, '9 characters')
          .optional(),
      })
      .strict(),
    ...externalFields,
    /** The PDF, base64; optional (a document may come without its print form). */
    file: z
      .string()
      .max(maxBase64, `at most ${externalPdfMaxBytes / 1024 / 1024} MB`)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64')
      .optional(),
    fileName: z.string().trim().min(1).max(150).optional(),
  })
  .strict();
export type ImportItem = z.infer<typeof importItemSchema>;

export const importBodySchema = z.object({ documents: z.array(importItemSchema).min(1).max(200) }).strict();

export const importResultSchema = z.object({
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  items: z.array(
    z.object({
      index: z.number(),
      externalId: z.string(),
      id: z.string(),
      result: z.enum(['created', 'updated', 'unchanged']),
    }),
  ),
});
type ImportResult = z.infer<typeof importResultSchema>;

/** A checked item: its company, order and decoded file. */
interface Resolved {
  item: ImportItem;
  companyId: string;
  orderId: string | null;
  file: { data: Buffer; hash: string } | null;
}

/** Serialises imports, so two batches with the same externalId never race to insert it. */
const importLock = 80311;

export async function importDocuments(
  db: Db,
  storage: FileStorage,
  items: ImportItem[],
  actor: string,
): Promise<ImportResult> {
  const problems: FieldProblem[] = [];
  const at = (i: number, field: string, message: string) =>
    problems.push({ path: `body.documents.${i}.${field}`, message });

  const files = items.map((item, i) => {
    if (item.file === undefined) return null;
    const data = Buffer.from(item.file, 'base64');
    if (!isPdf(data)) at(i, 'file', 'Not a PDF (it must start with %PDF-)');
    else if (data.length > externalPdfMaxBytes)
      at(i, 'file', `At most ${externalPdfMaxBytes / 1024 / 1024} MB`);
    return { data, hash: sha256(data) };
  });
  const seenIds = new Map<string, number>();
  items.forEach((item, i) => {
    const first = seenIds.get(item.externalId);
    if (first !== undefined) at(i, 'externalId', `Repeats item ${first} of this batch`);
    else seenIds.set(item.externalId, i);
  });

  const written: string[] = [];
  const replaced: string[] = [];
  try {
    const result = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${importLock})`);
      const companies = await companiesByInn(
        tx,
        items.map((i) => i.company.inn),
      );
      const orders = await ordersByNumbers(tx, [
        ...new Set(items.flatMap((i) => (i.orderNumber ? [i.orderNumber] : []))),
      ]);
      const ordersByNumber = new Map(orders.map((o) => [o.number, o]));
      const resolved: (Resolved | null)[] = items.map((item, i) => {
        const candidates = companies.filter(
          (c) => c.inn === item.company.inn && (!item.company.kpp || (c.kpp ?? '') === item.company.kpp),
        );
        if (candidates.length !== 1) {
          at(
            i,
            'company',
            candidates.length === 0
              ? `No company with INN ${item.company.inn}${item.company.kpp ? ` and KPP ${item.company.kpp}` : ''}`
              : `Several companies have INN ${item.company.inn}: give the KPP`,
          );
          return null;
        }
        const companyId = candidates[0]?.id as string;
        let orderId: string | null = null;
        if (item.orderNumber) {
          const order = ordersByNumber.get(item.orderNumber);
          if (!order || order.companyId !== companyId) at(i, 'orderNumber', 'No such order of the company');
          else orderId = order.id;
        }
        return { item, companyId, orderId, file: files[i] ?? null };
      });

      const existing = await tx
        .select()
        .from(documents)
        .where(
          and(
            eq(documents.source, importSource),
            inArray(
              documents.externalId,
              items.map((i) => i.externalId),
            ),
          ),
        );
      const byExternalId = new Map(existing.map((d) => [d.externalId as string, d]));
      // (company, kind, number, date) is one document per source: taken by another externalId, or twice here.
      const keyOf = (r: Resolved) => [r.companyId, r.item.kind, r.item.number, r.item.date].join('\u0000');
      const keys = new Map<string, number>();
      for (const [i, r] of resolved.entries()) {
        if (!r) continue;
        const key = keyOf(r);
        const first = keys.get(key);
        if (first !== undefined) at(i, 'number', `The same document as item ${first} of this batch`);
        else keys.set(key, i);
      }
      const taken = await documentsWithKeys(
        tx,
        resolved.filter((r): r is Resolved => r !== null),
      );
      for (const [i, r] of resolved.entries()) {
        const holder = r && taken.get(keyOf(r));
        if (holder && holder.externalId !== r.item.externalId)
          at(i, 'number', 'The company already has this document under another externalId');
      }
      if (problems.length)
        throw new AppError(
          'VALIDATION_FAILED',
          `${problems.length} problems in the batch; nothing was imported`,
          problems,
        );

      const out: ImportResult = { created: 0, updated: 0, unchanged: 0, items: [] };
      for (const [index, r] of (resolved as Resolved[]).entries()) {
        const { row, result } = await applyItem(tx, storage, r, byExternalId.get(r.item.externalId), actor, {
          written,
          replaced,
        });
        out[result]++;
        out.items.push({ index, externalId: r.item.externalId, id: row.id, result });
      }
      return out;
    });
    for (const key of replaced) await storage.delete(key).catch(() => undefined);
    return result;
  } catch (error) {
    for (const key of written) await storage.delete(key).catch(() => undefined);
    throw error;
  }
}

/** Documents of this source holding any of the items' (company, kind, number, date). */
async function documentsWithKeys(tx: Db, items: Resolved[]) {
  const out = new Map<string, DocumentRow>();
  if (items.length === 0) return out;
  const rows = await tx
    .select()
    .from(documents)
    .where(
      and(
        eq(documents.source, importSource),
        inArray(
          documents.companyId,
          items.map((r) => r.companyId),
        ),
        inArray(
          documents.number,
          items.map((r) => r.item.number),
        ),
      ),
    );
  for (const d of rows) out.set([d.companyId, d.kind, d.number, d.docDate].join('\u0000'), d);
  return out;
}

/** Inserts a new item, updates a changed one (a new file replaces the old), or leaves an equal one alone. */
async function applyItem(
  tx: Db,
  storage: FileStorage,
  r: Resolved,
  current: DocumentRow | undefined,
  actor: string,
  files: { written: string[]; replaced: string[] },
): Promise<{ row: DocumentRow; result: 'created' | 'updated' | 'unchanged' }> {
  const { item } = r;
  const fields = {
    companyId: r.companyId,
    kind: item.kind,
    number: item.number,
    docDate: item.date,
    orderId: r.orderId,
    amount: item.amount,
    vatAmount: item.vatAmount,
    status: item.status,
  };
  const fileName = pdfFileName(item.fileName, `${item.kind} ${item.number} ${item.date}`);
  const newFile = r.file && r.file.hash !== current?.contentHash ? r.file : null;
  const same =
    current &&
    !newFile &&
    (Object.keys(fields) as (keyof typeof fields)[]).every((k) => current[k] === fields[k]) &&
    (!r.file || current.fileName === fileName);
  if (current && same) return { row: current, result: 'unchanged' };
  const id = current?.id ?? uuidv7();
  let fileColumns = {};
  if (newFile) {
    const storageKey = `documents/${item.date.slice(0, 4)}/${id}-${newFile.hash.slice(0, 12)}.pdf`;
    await storage.put(storageKey, newFile.data);
    files.written.push(storageKey);
    if (current?.storageKey) files.replaced.push(current.storageKey);
    fileColumns = { storageKey, fileName, size: newFile.data.length, contentHash: newFile.hash };
  } else if (r.file) fileColumns = { fileName };
  if (current) {
    const [row] = await tx
      .update(documents)
      .set({ ...fields, ...fileColumns })
      .where(eq(documents.id, current.id))
      .returning();
    return { row: row as DocumentRow, result: 'updated' };
  }
  const [row] = await tx
    .insert(documents)
    .values({
      id,
      ...fields,
      source: importSource,
      externalId: item.externalId,
      storageKey: '',
      fileName: '',
      size: 0,
      createdBy: actor,
      ...fileColumns,
    })
    .returning();
  return { row: row as DocumentRow, result: 'created' };
}
