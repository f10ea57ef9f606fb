import { type PdfColumn, type PdfDoc, pdfFonts, pdfTable, renderPdf } from '../../server/core/pdf.js';
import type { ReconciliationInput, Signatory } from './documents.types.js';
import { ensureSpace, frame, logoBlock, signatureLine } from './pdf-blocks.js';
import {
  computeReconciliation,
  type DebitCredit,
  mirrorColumns,
  type ReconciliationTotals,
} from './reconciliation-balance.js';
import { reconciliationLabels } from './reconciliation-labels.js';
import { checkReconciliationRequisites } from './requisites-check.js';
import { amountInWords } from './ru/amount-in-words.js';
import { formatRub, formatShortDate } from './ru/money-format.js';

/**
 * «Акт сверки взаимных расчетов»: no statutory form and not a primary document (Письмо ФНС от 06.12.2010
 * № ШС-37-3/16955); the layout of 1C's «Акт сверки взаимных расчетов» (../shared/docs/ru-documents.md §6.4):
 * the seller's table on the left, the buyer's mirrored half on the right, pre-filled or blank.
 */

type Labels = (typeof reconciliationLabels)['ru' | 'en'];

/** The closing sentence: who owes whom at the end of the period, by the seller's books; debt has no sign. */
export function reconciliationConclusion(input: ReconciliationInput, totals: ReconciliationTotals): string {
  const l = reconciliationLabels[input.language];
  const date = formatShortDate(input.periodTo);
  const balance = totals.closingBalance;
  if (balance === 0) return l.noDebt(input.seller.name, date);
  const creditor = balance > 0 ? input.seller.name : input.buyer.name;
  const sum = Math.abs(balance);
  return l.debt(input.seller.name, date, creditor, formatRub(sum, input.language), amountInWords(sum));
}

const person = (s: Signatory | undefined, org: string, l: Labels) =>
  s ? `${s.position} ${org} ${s.name}` : `${l.blankSignatory} ${org} ${l.blankSignatory}`;

const money = (n: number, input: ReconciliationInput) => (n ? formatRub(n, input.language) : '');

/** The table rows: each holds the seller's four cells then the buyer's four (mirrored, or blank). */
function tableRows(input: ReconciliationInput, t: ReconciliationTotals, l: Labels): string[][] {
  const mirror = input.counterpart === 'mirror';
  const half = (date: string, doc: string, dc: DebitCredit) => [
    date,
    doc,
    money(dc.debit, input),
    money(dc.credit, input),
  ];
  const theirs = (date: string, doc: string, dc: DebitCredit, label = false) =>
    mirror ? half(date, doc, mirrorColumns(dc)) : ['', label ? doc : '', '', ''];
  const rows = [[...half('', l.opening, t.opening), ...theirs('', l.opening, t.opening, true)]];
  for (const op of input.operations) {
    const date = formatShortDate(op.date);
    rows.push([...half(date, op.document, op), ...theirs(date, op.document, op)]);
  }
  rows.push([...half('', l.turnover, t.turnover), ...theirs('', l.turnover, t.turnover, true)]);
  rows.push([...half('', l.closing, t.closing), ...theirs('', l.closing, t.closing, true)]);
  return rows;
}

/** «По данным …, руб.» above each half of the table. */
function sideHeadings(doc: PdfDoc, input: ReconciliationInput, l: Labels) {
  const { left, width } = frame(doc);
  const y = doc.y;
  doc.font(pdfFonts.bold).fontSize(8);
  doc.text(l.side(input.seller.name), left, y, { width: width / 2 - 4, align: 'center' });
  const leftBottom = doc.y;
  doc.text(l.side(input.buyer.name), left + width / 2 + 4, y, { width: width / 2 - 4, align: 'center' });
  doc.x = left;
  doc.y = Math.max(leftBottom, doc.y) + 2;
}

function signatures(doc: PdfDoc, input: ReconciliationInput, l: Labels) {
  const { left, width } = frame(doc);
  const half = (width - 30) / 2;
  const column = (x: number, org: string, head: Signatory | undefined, accountant?: Signatory) => {
    doc.font(pdfFonts.bold).fontSize(9).text(l.from(org), x, doc.y, { width: half });
    let y = signatureLine(doc, { x, y: doc.y + 6, width: half }, head?.position ?? '', head, input.language);
    if (accountant)
      y = signatureLine(doc, { x, y: y + 4, width: half }, l.accountant, accountant, input.language);
    doc
      .font(pdfFonts.regular)
      .fontSize(9)
      .text(l.stamp, x + 40, y + 4);
    return doc.y;
  };
  ensureSpace(doc, 90);
  const top = doc.y + 10;
  doc.y = top;
  const a = column(left, input.seller.name, input.sellerSignatory, input.sellerAccountant);
  doc.y = top;
  const b = column(left + half + 30, input.buyer.name, input.buyerSignatory);
  doc.x = left;
  doc.y = Math.max(a, b);
}

/** The акт сверки as an A4 PDF; turnovers and balances are computed here from the opening balance and operations. */
export async function renderReconciliationAct(input: ReconciliationInput): Promise<Buffer> {
  checkReconciliationRequisites(input);
  const l = reconciliationLabels[input.language];
  const totals = computeReconciliation(input.openingBalance, input.operations);
  const title = l.title(formatShortDate(input.periodFrom), formatShortDate(input.periodTo));
  return renderPdf(
    (doc) => {
      const { left, width } = frame(doc);
      logoBlock(doc, input.logo);
      doc.font(pdfFonts.bold).fontSize(12).text(title, left, doc.y, { width, align: 'center' });
      doc
        .font(pdfFonts.regular)
        .fontSize(10)
        .text(l.between(input.seller.name, input.buyer.name), { width, align: 'center' });
      if (input.contract) doc.text(l.contract(input.contract), { width, align: 'center' });
      doc.moveDown(0.6).fontSize(9);
      doc.text(
        l.preamble(
          person(input.sellerSignatory, input.seller.name, l),
          person(input.buyerSignatory, input.buyer.name, l),
        ),
        left,
        doc.y,
        { width, align: 'justify' },
      );
      doc.moveDown(0.6);
      sideHeadings(doc, input, l);
      const [date, document, debit, credit] = l.cols;
      const half: PdfColumn[] = [
        { header: date, width: 9 },
        { header: document, width: 21 },
        { header: debit, width: 10, align: 'right' },
        { header: credit, width: 10, align: 'right' },
      ];
      const rows = tableRows(input, totals, l);
      const tableTop = doc.y;
      const page = doc.page;
      pdfTable(doc, [...half, ...half], rows, {
        fontSize: 7,
        boldRows: [0, rows.length - 2, rows.length - 1],
      });
      // A rule between the two parties' halves, when the table stayed on one page.
      if (doc.page === page) {
        doc
          .moveTo(left + width / 2, tableTop)
          .lineTo(left + width / 2, doc.y)
          .lineWidth(1)
          .strokeColor('black')
          .stroke();
      }
      doc.moveDown(0.8);
      doc
        .font(pdfFonts.bold)
        .fontSize(9)
        .text(reconciliationConclusion(input, totals), left, doc.y, { width });
      signatures(doc, input, l);
    },
    { title, lang: input.language, author: input.seller.name },
  );
}
