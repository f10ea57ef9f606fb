import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { queryRows } from '../../server/core/db.js';
import type { FileStorage } from '../../server/core/storage.js';
import { documents } from './documents.tables.js';

export type DocumentRow = typeof documents.$inferSelect;

/** The kinds of documents this portal numbers and generates. */
export type GeneratedKind = 'invoice' | 'upd' | 'act' | 'order_confirmation';

export interface IssueSpec {
  kind: GeneratedKind;
  companyId: string;
  /** The document date (a calendar day); its year is the numbering year. */
  date: string;
  orderId?: string | null;
  shipmentId?: string | null;
  /** Kopecks, VAT included, and the VAT in them. */
  amount: number;
  vatAmount: number;
  /** Who asked (person id, or `system`), stored as created_by. */
  actor: string;
  /**
   * Looked up inside the transaction after the counter lock: a live document that makes this one a repeat
   * (another request issued it while this one waited). When found it is returned and the number given back.
   */
  existing?: (tx: Db) => Promise<DocumentRow | undefined>;
  /** Draws the document with its number (may throw MissingRequisitesError: nothing is then numbered or stored). */
  render: (number: string) => Promise<Buffer>;
  fileName: (number: string) => string;
}

/** Thrown inside the numbering transaction to roll it back when another request issued the document first. */
class AlreadyIssued extends Error {
  constructor(readonly row: DocumentRow) {
    super('already issued');
  }
}

/**
 * The shared step of every generated document (docs/documents.md, "Numbering"): takes the next number of
 * (kind, year) from `document_counters`, renders the PDF with it, stores the file and inserts the row, all in
 * one transaction. The counter upsert locks its row until commit, so concurrent documents queue there, and any
 * failure (missing requisites, storage) rolls back and gives the number back: numbers have no gaps. The file
 * written before a failed commit is removed. Errors of `render` reach the caller unchanged.
 */
export async function issueNumbered(
  db: Db,
  storage: FileStorage,
  spec: IssueSpec,
): Promise<{ row: DocumentRow; created: boolean }> {
  const year = Number(spec.date.slice(0, 4));
  const id = uuidv7();
  const storageKey = `documents/${year}/${id}.pdf`;
  let written = false;
  try {
    const row = await db.transaction(async (tx) => {
      const [counter] = await queryRows<{ last: number }>(
        tx,
        sql`insert into document_counters (kind, year, last) values (${spec.kind}, ${year}, 1)
            on conflict (kind, year) do update set last = document_counters.last + 1 returning last`,
      );
      const seq = Number(counter?.last);
      const existing = spec.existing ? await spec.existing(tx) : undefined;
      if (existing) throw new AlreadyIssued(existing);
      const number = String(seq);
      const pdf = await spec.render(number);
      await storage.put(storageKey, pdf);
      written = true;
      const [inserted] = await tx
        .insert(documents)
        .values({
          id,
          companyId: spec.companyId,
          kind: spec.kind,
          number,
          year,
          seq,
          docDate: spec.date,
          orderId: spec.orderId ?? null,
          shipmentId: spec.shipmentId ?? null,
          amount: spec.amount,
          vatAmount: spec.vatAmount,
          status: 'issued',
          source: 'generated',
          storageKey,
          fileName: spec.fileName(number),
          size: pdf.length,
          createdBy: spec.actor,
        })
        .returning();
      if (!inserted) throw new Error('the document row was not written');
      return inserted;
    });
    return { row, created: true };
  } catch (error) {
    if (written) await storage.delete(storageKey).catch(() => undefined);
    if (error instanceof AlreadyIssued) return { row: error.row, created: false };
    throw error;
  }
}
