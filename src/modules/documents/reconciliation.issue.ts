import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { queryRows } from '../../server/core/db.js';
import type { FileStorage } from '../../server/core/storage.js';
import { businessDay } from '../../shared/business-day.js';
import { getSellerRequisites } from '../settings/settings.service.js';
import { buyerParty, missingRequisitesProblem, presentDocument, sellerParty } from './documents.service.js';
import { documents } from './documents.tables.js';
import type { ReconciliationOperation } from './documents.types.js';
import { MissingRequisitesError } from './missing-requisites-error.js';
import { renderReconciliationAct } from './reconciliation-act.pdf.js';
import { computeReconciliation } from './reconciliation-balance.js';
import { sellerLogo } from './seller-logo.js';

export interface ReconciliationIssueInput {
  companyId: string;
  periodFrom: string;
  periodTo: string;
  /** Kopecks in the seller's books at the start of the period; positive = the company owes. */
  openingBalance: number;
  operations: ReconciliationOperation[];
  /** Who asked (person id), stored as created_by. */
  actor: string;
  now?: Date;
}

export type IssuedDocument = ReturnType<typeof presentDocument>;

const ruDate = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;

/**
 * Issues an акт сверки as a numbered 'reconciliation' document of the company (the requestInvoice flow:
 * number → render → store → row in one transaction, so a failure gives the number back). `within` runs in the
 * same transaction with the new document, for the caller's own rows. The buyer's half is pre-filled ('mirror').
 * Missing seller or buyer requisites throw MISSING_REQUISITES (400) naming the fields.
 */
export async function issueReconciliationAct(
  db: Db,
  storage: FileStorage,
  input: ReconciliationIssueInput,
  within?: (tx: Db, document: IssuedDocument) => Promise<void>,
): Promise<IssuedDocument> {
  const { companyId } = input;
  const [seller, buyer, logo] = await Promise.all([
    getSellerRequisites(db),
    buyerParty(db, companyId),
    sellerLogo(storage),
  ]);
  const totals = computeReconciliation(input.openingBalance, input.operations);
  const date = businessDay(input.now);
  const year = Number(date.slice(0, 4));
  const id = uuidv7();
  const storageKey = `documents/${year}/${id}.pdf`;
  let written = false;
  try {
    return await db.transaction(async (tx) => {
      const [counter] = await queryRows<{ last: number }>(
        tx,
        sql`insert into document_counters (kind, year, last) values ('reconciliation', ${year}, 1)
            on conflict (kind, year) do update set last = document_counters.last + 1 returning last`,
      );
      const seq = Number(counter?.last);
      const pdf = await renderReconciliationAct({
        language: 'ru',
        logo: logo ?? undefined,
        date,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        seller: sellerParty(seller),
        buyer,
        openingBalance: input.openingBalance,
        operations: input.operations,
        sellerSignatory: {
          position: seller.signatories.director.title,
          name: seller.signatories.director.name,
        },
        sellerAccountant: seller.signatories.accountant.name?.trim()
          ? { position: 'Главный бухгалтер', name: seller.signatories.accountant.name }
          : undefined,
        counterpart: 'mirror',
      });
      await storage.put(storageKey, pdf);
      written = true;
      const [inserted] = await tx
        .insert(documents)
        .values({
          id,
          companyId,
          kind: 'reconciliation',
          number: String(seq),
          year,
          seq,
          docDate: date,
          amount: totals.closingBalance,
          vatAmount: 0,
          status: 'issued',
          source: 'generated',
          storageKey,
          fileName: `Акт сверки № ${seq} за ${ruDate(input.periodFrom)}–${ruDate(input.periodTo)}.pdf`,
          size: pdf.length,
          createdBy: input.actor,
        })
        .returning();
      if (!inserted) throw new Error('the document row was not written');
      const document = presentDocument(inserted);
      await within?.(tx, document);
      return document;
    });
  } catch (error) {
    if (written) await storage.delete(storageKey).catch(() => undefined);
    if (error instanceof MissingRequisitesError) throw missingRequisitesProblem(error);
    throw error;
  }
}
