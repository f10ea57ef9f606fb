import type { DocumentLanguage } from './documents.types.js';
import type { TotalsRow } from './pdf-blocks.js';
import { formatRub } from './ru/money-format.js';
import type { VatTotals } from './ru/vat.js';

/** The labels the totals rows need, from a document's label set. */
export interface VatRowLabels {
  total: string;
  noVat: string;
  vat: (rate: number) => string;
}

/** «Итого», then «В том числе НДС (N%)» per rate or «Без налога (НДС)», as 1C prints them under the lines. */
export function vatTotalsRows(t: VatTotals, l: VatRowLabels, language: DocumentLanguage): TotalsRow[] {
  const rows: TotalsRow[] = [{ label: l.total, value: formatRub(t.total, language), bold: true }];
  if (t.withoutVat) rows.push({ label: l.noVat, value: '-', bold: true });
  for (const v of t.byRate)
    rows.push({ label: l.vat(v.rate), value: formatRub(v.vat, language), bold: true });
  return rows;
}
