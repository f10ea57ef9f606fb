import { pdfFonts, renderPdf } from '../../server/core/pdf.js';
import type { DocDate, DocumentLanguage, DocumentLine, Party, Signatory } from './documents.types.js';
import { MissingRequisitesError } from './missing-requisites-error.js';
import { orderConfirmationLabels } from './order-confirmation-labels.js';
import {
  ensureSpace,
  frame,
  labelledRows,
  partyLine,
  priceLinesTable,
  rule,
  signatureLine,
  totalsBlock,
} from './pdf-blocks.js';
import { amountInWords } from './ru/amount-in-words.js';
import { formatLongDate, formatRub, formatShortDate, isCalendarDate } from './ru/money-format.js';
import { vatTotals } from './ru/vat.js';
import { vatTotalsRows } from './vat-totals-rows.js';

/**
 * «Подтверждение заказа»: no statutory form; the supplier confirms an order with its lines, prices, delivery
 * and payment terms, in the style of the invoice (same parties line, priced lines table and totals).
 */

export interface OrderConfirmationInput {
  language: DocumentLanguage;
  number: string;
  date: DocDate;
  order: { number: string; date: DocDate };
  seller: Party;
  buyer: Party;
  lines: DocumentLine[];
  /** «Курьер, Москва, ул. Тверская, 1». */
  delivery?: string;
  /** «По счёту», «Картой онлайн». */
  payment?: string;
  signatory: Signatory;
}

const blank = (v: string | undefined) => !v || v.trim() === '';

/** The seller identified, the buyer named, a signatory, dates and at least one priced line. */
export function checkOrderConfirmationRequisites(input: OrderConfirmationInput): void {
  const missing: string[] = [];
  const invalid: string[] = [];
  if (blank(input.number)) missing.push('number');
  if (!isCalendarDate(input.date)) invalid.push('date');
  if (!isCalendarDate(input.order.date)) invalid.push('order.date');
  if (blank(input.seller.name)) missing.push('seller.name');
  if (blank(input.seller.inn)) missing.push('seller.inn');
  if (blank(input.buyer.name)) missing.push('buyer.name');
  if (blank(input.signatory.name)) missing.push('signatory.name');
  if (input.lines.length === 0) missing.push('lines');
  input.lines.forEach((l, i) => {
    if (!Number.isSafeInteger(l.amount)) invalid.push(`lines[${i}].amount`);
  });
  if (missing.length || invalid.length)
    throw new MissingRequisitesError('order-confirmation', missing, invalid);
}

/** The подтверждение заказа as an A4 PDF, in Russian or with English labels. */
export async function renderOrderConfirmation(input: OrderConfirmationInput): Promise<Buffer> {
  checkOrderConfirmationRequisites(input);
  const lang = input.language;
  const l = orderConfirmationLabels[lang];
  const title = l.title(input.number, formatLongDate(input.date, lang));
  return renderPdf(
    (doc) => {
      const { left, width } = frame(doc);
      doc.font(pdfFonts.bold).fontSize(14).text(title, left, doc.y, { width });
      doc
        .font(pdfFonts.regular)
        .fontSize(10)
        .text(l.subtitle(input.order.number, formatShortDate(input.order.date)), { width });
      doc.moveDown(0.2);
      rule(doc, 1.5);
      const rows: [string, string][] = [
        [l.supplier, partyLine(input.seller, lang)],
        [l.buyer, partyLine(input.buyer, lang)],
      ];
      if (input.delivery) rows.push([l.delivery, input.delivery]);
      if (input.payment) rows.push([l.payment, input.payment]);
      labelledRows(doc, rows, 80);
      doc.moveDown(0.3);
      priceLinesTable(doc, input.lines, lang, {
        no: l.cols[0],
        name: l.cols[1],
        sku: l.cols[2],
        qty: l.cols[3],
        unit: l.cols[4],
        price: l.cols[5],
        amount: l.cols[6],
      });
      const t = vatTotals(input.lines);
      doc.y += 4;
      totalsBlock(doc, vatTotalsRows(t, l, lang));
      doc.moveDown(0.5);
      doc
        .font(pdfFonts.regular)
        .fontSize(9)
        .text(l.summary(input.lines.length, formatRub(t.total, lang)), left, doc.y, { width });
      doc.font(pdfFonts.bold).text(amountInWords(t.total), { width });
      doc.moveDown(0.6).font(pdfFonts.regular).fontSize(9).text(l.statement, { width });
      doc.moveDown(0.4);
      rule(doc, 1.5);
      ensureSpace(doc, 60);
      signatureLine(doc, { x: left, y: doc.y + 10, width: width / 2 }, l.signatory, input.signatory, lang);
    },
    { title, lang, author: input.seller.name },
  );
}
