import type { DocumentLine, VatRate } from '../documents.types.js';

/**
 * VAT arithmetic as 1C does it (../shared/docs/ru-documents.md §6): the tax is computed per line from the
 * VAT-inclusive amount and the lines are summed, so our totals reconcile with the buyer's 1C to the kopeck.
 */

/** The VAT included in an amount (kopecks): round(amount × rate / (100 + rate)); 0 without VAT. */
export function vatIncluded(amount: number, rate: VatRate): number {
  if (!Number.isSafeInteger(amount))
    throw new RangeError(`vatIncluded: amount must be integer kopecks, got ${amount}`);
  if (!rate) return 0;
  // Math.round rounds .5 up for positives; for negatives (corrections) round half away from zero like 1C.
  const exact = (Math.abs(amount) * rate) / (100 + rate);
  return Math.sign(amount) * Math.round(exact);
}

/** A line split into its amount without tax, the tax and the total (УПД графы 5, 8, 9). */
export function lineVat(line: Pick<DocumentLine, 'amount' | 'vatRate'>) {
  const vat = vatIncluded(line.amount, line.vatRate);
  return { net: line.amount - vat, vat, gross: line.amount };
}

export interface VatTotals {
  /** Sum of line amounts, VAT included. */
  total: number;
  /** Sum of per-line VAT. */
  vat: number;
  /** total − vat. */
  net: number;
  /** Per-rate VAT for lines with a positive rate, rates descending (20 before 10), for «В том числе НДС (20%)». */
  byRate: { rate: number; vat: number }[];
  /** True when no line carries a rate (all «без НДС»): print «Без налога (НДС)». */
  withoutVat: boolean;
}

/** Totals of a document's lines, VAT summed from the per-line amounts. */
export function vatTotals(lines: Pick<DocumentLine, 'amount' | 'vatRate'>[]): VatTotals {
  const byRate = new Map<number, number>();
  let total = 0;
  let vat = 0;
  for (const line of lines) {
    const part = lineVat(line);
    total += part.gross;
    vat += part.vat;
    if (line.vatRate !== null) byRate.set(line.vatRate, (byRate.get(line.vatRate) ?? 0) + part.vat);
  }
  return {
    total,
    vat,
    net: total - vat,
    byRate: [...byRate.entries()].sort((a, b) => b[0] - a[0]).map(([rate, v]) => ({ rate, vat: v })),
    withoutVat: lines.every((l) => l.vatRate === null),
  };
}
