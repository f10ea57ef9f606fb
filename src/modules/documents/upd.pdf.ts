import { type PdfDoc, pdfFonts, pdfTable, renderPdf } from '../../server/core/pdf.js';
import type { Party, Signatory, UpdInput } from './documents.types.js';
import { ensureSpace, frame, innKpp, signatureLine } from './pdf-blocks.js';
import { checkUpdRequisites, isOrganisation } from './requisites-check.js';
import { formatLongDate } from './ru/money-format.js';
import { updColumns, updEdition, updHeaderRows, updTableRows } from './upd-content.js';

/**
 * «Универсальный передаточный документ» (recommended by Письмо ФНС от 21.10.2013 № ММВ-20-3/96@): the
 * счёт-фактура of ПП 1137 (edition in upd-content.ts) joined with the primary-document requisites of 402-ФЗ
 * ст. 9 ч. 2, seller part [8]–[14], buyer part [15]–[19]; landscape A4. Russian only: it is a statutory form.
 */

const small = 6.5;
const body = 7.5;
const leftColumn = 118;
/** Height of [8]–[19] when every value takes one line, measured on a rendered page. */
const transferPartBaseHeight = 190;
/** Height of the СФ signatures block. */
const invoiceSignaturesHeight = 45;

/** The left column: the document's name and the status box with its legend. */
function statusColumn(doc: PdfDoc, input: UpdInput, top: number) {
  const { left } = frame(doc);
  doc
    .font(pdfFonts.bold)
    .fontSize(9)
    .text('Универсальный передаточный документ', left, top, { width: leftColumn - 8 });
  const y = doc.y + 6;
  doc
    .font(pdfFonts.regular)
    .fontSize(body)
    .text('Статус:', left, y + 4);
  doc
    .rect(left + 38, y, 22, 16)
    .lineWidth(0.8)
    .strokeColor('black')
    .stroke();
  doc
    .font(pdfFonts.bold)
    .fontSize(10)
    .text(String(input.status), left + 38, y + 3, { width: 22, align: 'center' });
  doc.font(pdfFonts.regular).fontSize(small);
  doc.text('1 – счет-фактура и передаточный документ (акт)', left, y + 22, { width: leftColumn - 8 });
  doc.text('2 – передаточный документ (акт)', left, doc.y + 2, { width: leftColumn - 8 });
}

/** Строки 1–8 to the right of the status column, each with its number at the right edge. */
function headerRows(doc: PdfDoc, input: UpdInput, top: number) {
  const { left, width } = frame(doc);
  const x = left + leftColumn;
  const w = width - leftColumn;
  doc
    .font(pdfFonts.regular)
    .fontSize(5.5)
    .text(updEdition.caption, x + w - 330, top, { width: 330, align: 'right' });
  let y = doc.y + 2;
  for (const row of updHeaderRows(input)) {
    const bold = row.code === '(1)' || row.code === '(1а)';
    doc
      .font(pdfFonts.regular)
      .fontSize(small)
      .text(row.code, x + w - 28, y, { width: 28, align: 'right' });
    doc.font(bold ? pdfFonts.bold : pdfFonts.regular).fontSize(bold ? 9 : body);
    doc.text(`${row.label} `, x, y, { width: w - 32, continued: true });
    doc.font(pdfFonts.bold).text(row.value || ' ');
    doc
      .moveTo(x, doc.y)
      .lineTo(x + w - 32, doc.y)
      .lineWidth(0.3)
      .strokeColor('#888888')
      .stroke();
    y = doc.y + 1.5;
  }
  doc.y = y;
}

function table(doc: PdfDoc, input: UpdInput) {
  const graphs = updColumns.map((c) => c.graph as string);
  const rows = [graphs, ...updTableRows(input)];
  const columns = updColumns.map((c, i) => ({
    header: c.heading,
    width: c.width,
    align: i >= 6 && i <= 12 ? ('right' as const) : ('left' as const),
  }));
  pdfTable(doc, columns, rows, { fontSize: 5.8, padding: 2, boldRows: [0, rows.length - 1] });
}

/** A numbered caption of the lower part, «Товар (груз) передал … [10]», over its field. */
function caption(doc: PdfDoc, x: number, width: number, text: string, code: string) {
  doc.font(pdfFonts.regular).fontSize(small);
  const y = doc.y;
  doc.text(code, x + width - 18, y, { width: 18, align: 'right' });
  doc.text(text, x, y, { width: width - 22 });
}

/** A signature field: position, rule, name; blank rules when the person is not known yet. */
function signed(doc: PdfDoc, x: number, width: number, s: Signatory | undefined) {
  doc.y = signatureLine(doc, { x, y: doc.y + 2, width }, s?.position ?? ' ', s, 'ru', body);
}

/** A value with a thin rule under it. */
function filled(doc: PdfDoc, x: number, width: number, value: string) {
  doc
    .font(pdfFonts.bold)
    .fontSize(body)
    .text(value || ' ', x, doc.y + 1, { width });
  doc
    .moveTo(x, doc.y)
    .lineTo(x + width, doc.y)
    .lineWidth(0.5)
    .strokeColor('black')
    .stroke();
  doc.y += 3;
}

/** The СФ signatures: head and chief accountant of an organisation, or the sole trader with his ОГРНИП. */
function invoiceSignatures(doc: PdfDoc, input: UpdInput, sheetsAt: { page: number; y: number }) {
  const { left, width } = frame(doc);
  ensureSpace(doc, invoiceSignaturesHeight);
  Object.assign(sheetsAt, {
    page: doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1,
    y: doc.y + 3,
  });
  const half = (width - leftColumn - 20) / 2;
  const x = left + leftColumn;
  const s = input.sellerSignatories;
  const org = isOrganisation(input.seller);
  let y = doc.y + 3;
  const pair = (a: [string, Signatory | undefined], b: [string, Signatory | undefined] | string) => {
    doc.font(pdfFonts.regular).fontSize(small);
    const ya = signatureLine(doc, { x, y, width: half }, a[0], a[1], 'ru', small);
    let yb: number;
    if (typeof b === 'string') {
      doc
        .font(pdfFonts.bold)
        .fontSize(body)
        .text(b, x + half + 20, y, { width: half });
      yb = doc.y;
    } else yb = signatureLine(doc, { x: x + half + 20, y, width: half }, b[0], b[1], 'ru', small);
    y = Math.max(ya, yb) + 2;
  };
  pair(
    ['Руководитель организации или иное уполномоченное лицо', org ? s.head : undefined],
    ['Главный бухгалтер или иное уполномоченное лицо', org ? s.accountant : undefined],
  );
  pair(
    ['Индивидуальный предприниматель или иное уполномоченное лицо', org ? undefined : s.head],
    org ? '' : `Реквизиты свидетельства о государственной регистрации ИП: ОГРНИП ${input.seller.ogrn ?? ''}`,
  );
  doc.x = left;
  doc.y = y;
}

const partyText = (p: Party) => `${p.name}, ИНН/КПП ${innKpp(p)}`;

/** Height [8]–[19] will take: the one-line layout plus what long values add when they wrap. */
function transferPartHeight(doc: PdfDoc, input: UpdInput): number {
  const { width } = frame(doc);
  const half = (width - 20) / 2 - 22;
  doc.font(pdfFonts.bold).fontSize(body);
  const line = doc.currentLineHeight(true);
  const extra = (text: string | undefined, w: number) =>
    Math.max(0, doc.heightOfString(text || ' ', { width: w }) - line);
  const seller = extra(partyText(input.seller), half) + extra(input.otherShipmentInfo, half);
  return (
    transferPartBaseHeight +
    extra(input.basis, width - 22) +
    extra(input.transport, width - 22) +
    Math.max(seller, extra(partyText(input.buyer), half))
  );
}

/** The seller's [10]–[14] and the buyer's [15]–[19] side by side, after [8] and [9] across the page. */
function transferPart(doc: PdfDoc, input: UpdInput) {
  const { left, width } = frame(doc);
  // The two halves are drawn from the same top, so the whole part must fit on one page.
  ensureSpace(doc, transferPartHeight(doc, input));
  doc
    .moveTo(left, doc.y)
    .lineTo(left + width, doc.y)
    .lineWidth(1)
    .strokeColor('black')
    .stroke();
  doc.y += 3;
  caption(doc, left, width, 'Основание передачи (сдачи) / получения (приемки)', '[8]');
  filled(doc, left, width - 22, input.basis ?? '');
  caption(doc, left, width, 'Данные о транспортировке и грузе', '[9]');
  filled(doc, left, width - 22, input.transport ?? '');
  const half = (width - 20) / 2;
  const top = doc.y + 2;
  const s = input.sellerSignatories;

  doc.y = top;
  caption(doc, left, half, 'Товар (груз) передал / услуги, результаты работ, права сдал', '[10]');
  signed(doc, left, half, s.transferredBy ?? s.head);
  caption(doc, left, half, 'Дата отгрузки, передачи (сдачи)', '[11]');
  filled(doc, left, half - 22, formatLongDate(input.shippedOn ?? input.date));
  caption(doc, left, half, 'Иные сведения об отгрузке, передаче', '[12]');
  filled(doc, left, half - 22, input.otherShipmentInfo ?? '');
  caption(doc, left, half, 'Ответственный за правильность оформления факта хозяйственной жизни', '[13]');
  signed(doc, left, half, s.responsible ?? s.head);
  caption(
    doc,
    left,
    half,
    'Наименование экономического субъекта – составителя документа (в т.ч. комиссионера / агента)',
    '[14]',
  );
  filled(doc, left, half - 22, partyText(input.seller));
  doc
    .font(pdfFonts.regular)
    .fontSize(body)
    .text('М.П.', left + 20, doc.y + 2);
  const sellerBottom = doc.y;

  const x = left + half + 20;
  const b = input.buyerSignatories;
  doc.y = top;
  caption(doc, x, half, 'Товар (груз) получил / услуги, результаты работ, права принял', '[15]');
  signed(doc, x, half, b?.receivedBy);
  caption(doc, x, half, 'Дата получения (приемки)', '[16]');
  filled(doc, x, half - 22, '«___» ______________ 20__ г.');
  caption(doc, x, half, 'Иные сведения о получении, приемке', '[17]');
  filled(doc, x, half - 22, '');
  caption(doc, x, half, 'Ответственный за правильность оформления факта хозяйственной жизни', '[18]');
  signed(doc, x, half, b?.responsible);
  caption(doc, x, half, 'Наименование экономического субъекта – составителя документа', '[19]');
  filled(doc, x, half - 22, partyText(input.buyer));
  doc
    .font(pdfFonts.regular)
    .fontSize(body)
    .text('М.П.', x + 20, doc.y + 2);
  doc.x = left;
  doc.y = Math.max(sellerBottom, doc.y);
}

/** «на 1 листе», «на 2 листах», «на 21 листе». */
export const sheetsText = (n: number) =>
  `Документ составлен на ${n} ${n % 10 === 1 && n % 100 !== 11 ? 'листе' : 'листах'}`;

/** The УПД as a landscape A4 PDF; throws MissingRequisitesError when the счёт-фактура requisites are incomplete. */
export async function renderUpd(input: UpdInput): Promise<Buffer> {
  checkUpdRequisites(input);
  const title = `УПД № ${input.number} от ${formatLongDate(input.date)}`;
  return renderPdf(
    (doc) => {
      const top = doc.y;
      statusColumn(doc, input, top);
      headerRows(doc, input, top);
      doc.y += 4;
      table(doc, input);
      const sheetsAt = { page: 0, y: 0 };
      invoiceSignatures(doc, input, sheetsAt);
      transferPart(doc, input);
      // The sheet count is known only now; write it back under the table.
      const pages = doc.bufferedPageRange().count;
      const last = pages - 1;
      doc.switchToPage(sheetsAt.page);
      doc
        .font(pdfFonts.regular)
        .fontSize(small)
        .text(sheetsText(input.sheets ?? pages), frame(doc).left, sheetsAt.y, {
          width: leftColumn - 8,
        });
      doc.switchToPage(last);
    },
    { title, lang: 'ru', layout: 'landscape', margin: 24, author: input.seller.name },
  );
}
