import { type PdfColumn, type PdfDoc, pdfFonts, pdfTable } from '../../server/core/pdf.js';
import type { DocumentLanguage, DocumentLine, Party, Signatory } from './documents.types.js';
import { formatQuantity, formatRub } from './ru/money-format.js';

/** Drawing pieces shared by the document renderers (pdfkit via server/core/pdf.ts). */

/** Left edge and usable width of the current page. */
export function frame(doc: PdfDoc) {
  const left = doc.page.margins.left;
  return { left, width: doc.page.width - left - doc.page.margins.right };
}

const partyLabels = {
  ru: { inn: 'ИНН', kpp: 'КПП', ogrn: 'ОГРН', ogrnip: 'ОГРНИП', phone: 'тел.' },
  en: { inn: 'INN', kpp: 'KPP', ogrn: 'OGRN', ogrnip: 'OGRNIP', phone: 'phone' },
} as const;

/** A party on one line, as 1C prints it: «ООО «Ромашка», ИНН 7707083893, КПП 773601001, адрес, тел.: …». */
export function partyLine(p: Party, language: DocumentLanguage, withOgrn = false): string {
  const l = partyLabels[language];
  const ogrn = p.ogrn && withOgrn ? `${p.ogrn.length === 15 ? l.ogrnip : l.ogrn} ${p.ogrn}` : null;
  return [
    p.name,
    p.inn ? `${l.inn} ${p.inn}` : null,
    p.kpp ? `${l.kpp} ${p.kpp}` : null,
    ogrn,
    p.address || null,
    p.phone ? `${l.phone}: ${p.phone}` : null,
  ]
    .filter(Boolean)
    .join(', ');
}

/** «ИНН/КПП» as one value: «7707083893/773601001», or the ИНН alone for a sole trader. */
export const innKpp = (p: Party) => (p.kpp ? `${p.inn}/${p.kpp}` : p.inn);

/** Label-value rows: the label in bold in a fixed column, the value wrapping beside it. */
export function labelledRows(doc: PdfDoc, rows: [string, string][], labelWidth: number, fontSize = 9) {
  const { left, width } = frame(doc);
  for (const [label, value] of rows) {
    const y = doc.y;
    doc.font(pdfFonts.regular).fontSize(fontSize).text(label, left, y, { width: labelWidth });
    const labelBottom = doc.y;
    doc.font(pdfFonts.bold).text(value, left + labelWidth + 4, y, { width: width - labelWidth - 4 });
    doc.y = Math.max(doc.y, labelBottom) + 3;
  }
  doc.x = left;
  doc.font(pdfFonts.regular);
}

export interface TotalsRow {
  label: string;
  value: string;
  bold?: boolean;
}

/** Totals right-aligned under a table: label then amount; bold rows for the grand total. */
export function totalsBlock(doc: PdfDoc, rows: TotalsRow[], fontSize = 9) {
  const { left, width } = frame(doc);
  ensureSpace(doc, rows.length * (fontSize + 5));
  for (const row of rows) {
    const y = doc.y;
    doc.font(row.bold ? pdfFonts.bold : pdfFonts.regular).fontSize(fontSize);
    doc.text(row.label, left, y, { width: width - 100, align: 'right' });
    doc.text(row.value, left + width - 95, y, { width: 95, align: 'right' });
    doc.y += 2;
  }
  doc.x = left;
  doc.font(pdfFonts.regular);
}

/**
 * A signature line at (x, y): the label, a rule to sign on and the name in parentheses, with the small
 * captions «(подпись)» / «(расшифровка подписи)» under them. Returns the y below it.
 */
export function signatureLine(
  doc: PdfDoc,
  at: { x: number; y: number; width: number },
  label: string,
  signatory: Signatory | undefined,
  language: DocumentLanguage,
  fontSize = 9,
): number {
  const captions = language === 'en' ? ['signature', 'full name'] : ['подпись', 'расшифровка подписи'];
  const labelWidth = Math.min(
    doc.font(pdfFonts.regular).fontSize(fontSize).widthOfString(label) + 6,
    at.width * 0.45,
  );
  doc.text(label, at.x, at.y, { width: labelWidth });
  const labelBottom = doc.y;
  const ruleX = at.x + labelWidth;
  const rest = at.width - labelWidth;
  const ruleWidth = rest * 0.4;
  const nameX = ruleX + ruleWidth + 6;
  const lineY = at.y + fontSize + 2;
  doc.text(signatory ? `${signatory.name}` : '', nameX, at.y, { width: rest - ruleWidth - 6 });
  doc
    .moveTo(ruleX, lineY)
    .lineTo(ruleX + ruleWidth, lineY)
    .moveTo(nameX, lineY)
    .lineTo(at.x + at.width, lineY)
    .lineWidth(0.5)
    .strokeColor('black')
    .stroke();
  doc.fontSize(fontSize - 3);
  doc.text(`(${captions[0]})`, ruleX, lineY + 1, { width: ruleWidth, align: 'center' });
  doc.text(`(${captions[1]})`, nameX, lineY + 1, { width: rest - ruleWidth - 6, align: 'center' });
  doc.fontSize(fontSize);
  return Math.max(labelBottom, lineY + fontSize) + 4;
}

/** The box the seller's logo is fitted into at the top of a document, in points. */
export const logoBox = { width: 140, height: 50 } as const;

/**
 * The seller's logo at the top left of the first page, fitted into `logoBox` with its aspect kept; the content
 * continues below it. A logo pdfkit cannot read is left out rather than failing the document.
 */
export function logoBlock(doc: PdfDoc, logo: Buffer | undefined) {
  if (!logo || logo.length === 0) return;
  const { left } = frame(doc);
  const y = doc.y;
  try {
    doc.image(logo, left, y, { fit: [logoBox.width, logoBox.height] });
  } catch {
    doc.y = y;
    return;
  }
  // pdfkit moves doc.y below an image drawn at the current y; never more than the box.
  doc.y = Math.min(Math.max(doc.y, y), y + logoBox.height) + 8;
  doc.x = left;
}

/** A thin horizontal rule across the page at the current position. */
export function rule(doc: PdfDoc, weight = 1) {
  const { left, width } = frame(doc);
  doc
    .moveTo(left, doc.y)
    .lineTo(left + width, doc.y)
    .lineWidth(weight)
    .strokeColor('black')
    .stroke();
  doc.y += 4;
}

/**
 * Starts a new page unless `height` points fit below the current position. Blocks drawn at absolute positions
 * (signatures, side-by-side columns) call it first: pdfkit would otherwise break a page in their middle.
 */
export function ensureSpace(doc: PdfDoc, height: number) {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
    doc.addPage();
    doc.x = doc.page.margins.left;
  }
}

/** Headings of a priced lines table; `sku` only where the document has an SKU column. */
export interface PriceLineHeaders {
  no: string;
  name: string;
  sku?: string;
  qty: string;
  unit: string;
  price: string;
  amount: string;
}

/**
 * The numbered table of priced lines of an invoice or an act: №, name, [SKU], quantity, unit, price, amount.
 * The SKU column appears only when it has a heading and some line has an SKU.
 */
export function priceLinesTable(
  doc: PdfDoc,
  lines: readonly DocumentLine[],
  language: DocumentLanguage,
  h: PriceLineHeaders,
) {
  const withSku = h.sku !== undefined && lines.some((line) => line.sku);
  const columns: PdfColumn[] = [
    { header: h.no, width: 4, align: 'right' },
    { header: h.name, width: withSku ? 38 : 52 },
    ...(withSku ? [{ header: h.sku ?? '', width: 14 }] : []),
    { header: h.qty, width: 9, align: 'right' },
    { header: h.unit, width: 6 },
    { header: h.price, width: 13, align: 'right' },
    { header: h.amount, width: 14, align: 'right' },
  ];
  const rows = lines.map((line, i) => [
    String(i + 1),
    line.name,
    ...(withSku ? [line.sku ?? ''] : []),
    formatQuantity(line.quantity, language),
    line.unit,
    formatRub(line.price, language),
    formatRub(line.amount, language),
  ]);
  pdfTable(doc, columns, rows, { fontSize: 8.5 });
}
