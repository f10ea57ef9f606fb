import { type PdfDoc, pdfFonts, renderPdf } from '../../server/core/pdf.js';
import type { InvoiceInput, Party } from './documents.types.js';
import { invoiceLabels } from './invoice-labels.js';
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
import { checkInvoiceRequisites, isOrganisation } from './requisites-check.js';
import { amountInWords } from './ru/amount-in-words.js';
import { formatLongDate, formatRub, formatShortDate } from './ru/money-format.js';
import { paymentQrPayload, paymentQrPng } from './ru/payment-qr.js';
import { vatTotals } from './ru/vat.js';
import { vatTotalsRows } from './vat-totals-rows.js';

/**
 * «Счёт на оплату»: no statutory form; the layout of 1C's «Счет на оплату покупателю», which B2B buyers expect
 * (../shared/docs/ru-documents.md §6.1), with the ГОСТ Р 56042-2014 payment QR at the top right.
 */

type Labels = (typeof invoiceLabels)['ru' | 'en'];
/** Points; 65 modules (version 12) at ≥ 0.5 mm each, so a phone reads the code from a printed page. */
const qrSize = 112;

/** The payment purpose printed into the QR: the invoice and the VAT it includes, as 1C fills a платёжка. */
export function invoicePurpose(input: InvoiceInput): string {
  const l = invoiceLabels.ru;
  const t = vatTotals(input.lines);
  const vat = t.withoutVat ? l.purposeNoVat : l.purposeVat(formatRub(t.vat).replace(/\u00a0/g, ' '));
  return `${l.purpose(input.number, formatShortDate(input.date))}, ${vat}`;
}

/** The QR payload for paying an invoice: the seller's bank details, the total and the purpose. */
export function invoiceQrPayload(input: InvoiceInput): string {
  const s = input.seller;
  const bank = s.bank;
  return paymentQrPayload({
    name: s.name,
    personalAcc: bank?.account ?? '',
    bankName: bank?.name ?? '',
    bic: bank?.bic ?? '',
    correspAcc: bank?.corrAccount ?? '',
    sum: vatTotals(input.lines).total,
    purpose: input.purpose ?? invoicePurpose(input),
    payeeInn: s.inn,
    ...(s.kpp ? { kpp: s.kpp } : {}),
  });
}

/** The bank block at the top, laid out like the payee part of a payment order. */
function bankBlock(doc: PdfDoc, seller: Party, width: number, l: Labels) {
  const { left: x } = frame(doc);
  const y = doc.y;
  const h = 15;
  const a = width * 0.56;
  const b = width * 0.1;
  const c = width - a - b;
  const bank = seller.bank;
  const cell = (cx: number, cy: number, w: number, ch: number, text: string, caption?: string) => {
    doc.rect(cx, cy, w, ch).lineWidth(0.5).strokeColor('black').stroke();
    doc
      .font(pdfFonts.regular)
      .fontSize(8)
      .text(text, cx + 2, cy + 3, { width: w - 4, height: ch - 3 });
    if (caption) doc.fontSize(6.5).text(caption, cx + 2, cy + ch - 8, { width: w - 4 });
  };
  cell(x, y, a, 2 * h, bank?.name ?? '', l.payeeBank);
  cell(x + a, y, b, h, l.bic);
  cell(x + a + b, y, c, h, bank?.bic ?? '');
  cell(x + a, y + h, b, h, l.account);
  cell(x + a + b, y + h, c, h, bank?.corrAccount ?? '');
  cell(x, y + 2 * h, a / 2, h, `${l.inn} ${seller.inn}`);
  cell(x + a / 2, y + 2 * h, a / 2, h, seller.kpp ? `${l.kpp} ${seller.kpp}` : '');
  cell(x + a, y + 2 * h, b, 3 * h, l.account);
  cell(x + a + b, y + 2 * h, c, 3 * h, bank?.account ?? '');
  cell(x, y + 3 * h, a, 2 * h, seller.name, l.payee);
  doc.x = x;
  doc.y = y + 5 * h + 10;
}

function totals(doc: PdfDoc, input: InvoiceInput, l: Labels) {
  const lang = input.language;
  const t = vatTotals(input.lines);
  const rows = vatTotalsRows(t, l, lang);
  rows.push({ label: l.payable, value: formatRub(t.total, lang), bold: true });
  doc.y += 4;
  totalsBlock(doc, rows);
  doc.moveDown(0.5);
  const { left, width } = frame(doc);
  doc
    .font(pdfFonts.regular)
    .fontSize(9)
    .text(l.summary(input.lines.length, formatRub(t.total, lang)), left, doc.y, { width });
  doc.font(pdfFonts.bold).text(amountInWords(t.total), { width });
  doc.font(pdfFonts.regular).moveDown(0.5);
}

function terms(doc: PdfDoc, input: InvoiceInput, l: Labels) {
  const texts = [
    ...(input.payBy ? [l.payBy(formatShortDate(input.payBy))] : []),
    ...(input.terms ?? [l.agreement]),
  ];
  doc.fontSize(8);
  for (const text of texts) doc.text(text);
  doc.moveDown(0.3);
  rule(doc, 1.5);
}

function signatures(doc: PdfDoc, input: InvoiceInput, l: Labels) {
  ensureSpace(doc, 60);
  const { left, width } = frame(doc);
  const y = doc.y + 10;
  const half = (width - 20) / 2;
  if (isOrganisation(input.seller)) {
    signatureLine(doc, { x: left, y, width: half }, l.head, input.signatories.head, input.language);
    doc.y = signatureLine(
      doc,
      { x: left + half + 20, y, width: half },
      l.accountant,
      input.signatories.accountant,
      input.language,
    );
  } else {
    doc.y = signatureLine(
      doc,
      { x: left, y, width: half },
      l.soleTrader,
      input.signatories.head,
      input.language,
    );
  }
  doc
    .moveDown(0.5)
    .font(pdfFonts.regular)
    .fontSize(9)
    .text(l.stamp, left + 40, doc.y);
}

/** The счёт на оплату as an A4 PDF; throws MissingRequisitesError when the seller's requisites are incomplete. */
export async function renderInvoice(input: InvoiceInput): Promise<Buffer> {
  checkInvoiceRequisites(input);
  const l = invoiceLabels[input.language];
  const qr = input.paymentQr === false ? null : await paymentQrPng(invoiceQrPayload(input), 360);
  const title = l.title(input.number, formatLongDate(input.date, input.language));
  return renderPdf(
    (doc) => {
      const { left, width } = frame(doc);
      logoBlock(doc, input.logo);
      const top = doc.y;
      if (qr) doc.image(qr, left + width - qrSize, top, { width: qrSize, height: qrSize });
      bankBlock(doc, input.seller, qr ? width - qrSize - 10 : width, l);
      doc.y = Math.max(doc.y, top + qrSize + 8);
      doc.font(pdfFonts.bold).fontSize(14).text(title, left, doc.y, { width });
      doc.moveDown(0.2);
      rule(doc, 1.5);
      const rows: [string, string][] = [
        [l.supplier, partyLine(input.seller, input.language)],
        [l.buyer, partyLine(input.buyer, input.language)],
      ];
      if (input.basis) rows.push([l.basis, input.basis]);
      labelledRows(doc, rows, 95);
      doc.moveDown(0.3);
      priceLinesTable(doc, input.lines, input.language, {
        no: l.cols[0],
        name: l.cols[1],
        sku: l.cols[2],
        qty: l.cols[3],
        unit: l.cols[4],
        price: l.cols[5],
        amount: l.cols[6],
      });
      totals(doc, input, l);
      terms(doc, input, l);
      signatures(doc, input, l);
    },
    { title, lang: input.language, author: input.seller.name },
  );
}
