import { type PdfDoc, pdfFonts, renderPdf } from '../../server/core/pdf.js';
import type { ServiceActInput, Signatory } from './documents.types.js';
import {
  ensureSpace,
  frame,
  labelledRows,
  logoBlock,
  partyLine,
  priceLinesTable,
  rule,
  signatureLine,
  totalsBlock,
} from './pdf-blocks.js';
import { checkServiceActRequisites } from './requisites-check.js';
import { amountInWords } from './ru/amount-in-words.js';
import { formatLongDate, formatRub } from './ru/money-format.js';
import { vatTotals } from './ru/vat.js';
import { serviceActLabels } from './service-act-labels.js';
import { vatTotalsRows } from './vat-totals-rows.js';

/**
 * «Акт об оказании услуг (выполнении работ)»: a primary document with the requisites of 402-ФЗ ст. 9 ч. 2 —
 * title, date, the party drawing it up, the content and the amounts, the signatories' positions and
 * signatures. No statutory form; the layout follows 1C's «Акт об оказании услуг».
 */

type Labels = (typeof serviceActLabels)['ru' | 'en'];

function totals(doc: PdfDoc, input: ServiceActInput, l: Labels) {
  const lang = input.language;
  const t = vatTotals(input.lines);
  const rows = vatTotalsRows(t, l, lang);
  doc.y += 4;
  totalsBlock(doc, rows);
  doc.moveDown(0.5);
  const { left, width } = frame(doc);
  doc
    .font(pdfFonts.regular)
    .fontSize(9)
    .text(l.summary(input.lines.length, formatRub(t.total, lang)), left, doc.y, { width });
  doc.font(pdfFonts.bold).text(amountInWords(t.total), { width });
  doc.moveDown(0.6).font(pdfFonts.regular).fontSize(9).text(l.statement, { width });
  doc.moveDown(0.4);
  rule(doc, 1.5);
}

/** One side's signature block: the side in capitals, its name, the position and the signature line. */
function side(
  doc: PdfDoc,
  x: number,
  y: number,
  width: number,
  heading: string,
  name: string,
  s: Signatory | undefined,
  input: ServiceActInput,
) {
  doc.font(pdfFonts.bold).fontSize(9).text(heading, x, y, { width });
  doc.font(pdfFonts.regular).text(name, x, doc.y, { width });
  const bottom = signatureLine(doc, { x, y: doc.y + 6, width }, s?.position ?? '', s, input.language);
  return bottom;
}

/** The акт as an A4 PDF; throws MissingRequisitesError when a party or the executor's signatory is incomplete. */
export async function renderServiceAct(input: ServiceActInput): Promise<Buffer> {
  checkServiceActRequisites(input);
  const l = serviceActLabels[input.language];
  const title = l.title(input.number, formatLongDate(input.date, input.language));
  return renderPdf(
    (doc) => {
      const { left, width } = frame(doc);
      logoBlock(doc, input.logo);
      doc.font(pdfFonts.bold).fontSize(14).text(title, left, doc.y, { width });
      doc.font(pdfFonts.regular).fontSize(10).text(l.subtitle, { width });
      doc.moveDown(0.2);
      rule(doc, 1.5);
      const rows: [string, string][] = [
        [l.executor, partyLine(input.executor, input.language)],
        [l.customer, partyLine(input.customer, input.language)],
      ];
      if (input.basis) rows.push([l.basis, input.basis]);
      labelledRows(doc, rows, 80);
      doc.moveDown(0.3);
      priceLinesTable(doc, input.lines, input.language, {
        no: l.cols[0],
        name: l.cols[1],
        qty: l.cols[2],
        unit: l.cols[3],
        price: l.cols[4],
        amount: l.cols[5],
      });
      totals(doc, input, l);
      const half = (width - 30) / 2;
      ensureSpace(doc, 80);
      const y = doc.y + 8;
      const a = side(doc, left, y, half, l.executorSide, input.executor.name, input.executorSignatory, input);
      const b = side(
        doc,
        left + half + 30,
        y,
        half,
        l.customerSide,
        input.customer.name,
        input.customerSignatory,
        input,
      );
      doc.font(pdfFonts.regular).fontSize(9);
      doc.text(l.stamp, left + 40, Math.max(a, b) + 6);
      doc.text(l.stamp, left + half + 70, Math.max(a, b) + 6);
    },
    { title, lang: input.language, author: input.executor.name },
  );
}
