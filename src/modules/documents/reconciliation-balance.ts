import type { ReconciliationOperation } from './documents.types.js';

/**
 * The arithmetic of an акт сверки, in integer kopecks from the seller's books: a positive balance is a debit
 * (the buyer owes the seller), a negative one a credit. Kept apart from the drawing so it can be tested alone.
 */

export interface DebitCredit {
  debit: number;
  credit: number;
}

export interface ReconciliationTotals {
  opening: DebitCredit;
  turnover: DebitCredit;
  closing: DebitCredit;
  /** Signed closing balance: positive = the buyer owes the seller, negative = the seller owes the buyer. */
  closingBalance: number;
}

/** A signed balance as the debit or credit column it is printed in. */
export function balanceColumns(balance: number): DebitCredit {
  return balance >= 0 ? { debit: balance, credit: 0 } : { debit: 0, credit: -balance };
}

/** Turnovers and the closing balance from the opening balance and the operations. */
export function computeReconciliation(
  openingBalance: number,
  operations: Pick<ReconciliationOperation, 'debit' | 'credit'>[],
): ReconciliationTotals {
  for (const n of [openingBalance, ...operations.flatMap((o) => [o.debit, o.credit])]) {
    if (!Number.isSafeInteger(n))
      throw new RangeError(`Reconciliation amounts must be integer kopecks, got ${n}`);
  }
  const turnover = operations.reduce(
    (sum, o) => ({ debit: sum.debit + o.debit, credit: sum.credit + o.credit }),
    { debit: 0, credit: 0 },
  );
  const closingBalance = openingBalance + turnover.debit - turnover.credit;
  return {
    opening: balanceColumns(openingBalance),
    turnover,
    closing: balanceColumns(closingBalance),
    closingBalance,
  };
}

/** The counterparty's view of the same figures: the seller's debit is the buyer's credit. */
export function mirrorColumns(dc: DebitCredit): DebitCredit {
  return { debit: dc.credit, credit: dc.debit };
}
