import { asc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { type PdfColumn, pdfFonts, pdfTable, renderPdf } from '../../server/core/pdf.js';
import { getCompany } from '../companies/companies.service.js';
import { orderLines, orders } from './orders.tables.js';

/** The languages an order document is written in. */
export const documentLanguages = ['ru', 'en'] as const;
export type DocumentLanguage = (typeof documentLanguages)[number];

const labels = {
  ru: {
    title: 'Заказ',
    number: 'Номер',
    date: 'Дата',
    status: 'Статус',
    payment: 'Оплата',
    buyer: 'Покупатель',
    placedBy: 'Оформил',
    inn: 'ИНН',
    kpp: 'КПП',
    delivery: 'Доставка',
    address: 'Адрес',
    recipient: 'Получатель',
    consignee: 'Грузополучатель',
    comment: 'Комментарий',
    lines: 'Позиции',
    cols: ['№', 'Артикул', 'Наименование', 'Кол-во', 'Ед.', 'Цена', 'Сумма'],
    itemsTotal: 'Товары',
    deliveryCost: 'Доставка',
    total: 'Итого',
    vat: (rate: number) => `В т. ч. НДС ${rate}%`,
    noVat: 'Без НДС',
    sheet: 'Заказ',
    file: 'Заказ',
    statuses: {
      new: 'Новый',
      awaiting_approval: 'Ждёт согласования',
      confirmed: 'Подтверждён',
      awaiting_payment: 'Ждёт оплаты',
      paid: 'Оплачен',
      assembling: 'Собирается',
      shipped: 'Отгружен',
      delivered: 'Доставлен',
      completed: 'Выполнен',
      cancelled: 'Отменён',
    } as Record<string, string>,
    paymentMethods: {
      card_online: 'Картой онлайн',
      cash_on_delivery: 'Наличными при получении',
      card_on_delivery: 'Картой при получении',
      invoice: 'По счёту',
      deferred: 'Отсрочка платежа',
    } as Record<string, string>,
    deliveryKinds: {
      pickup: 'Самовывоз',
      courier: 'Курьер',
      transport_company: 'Транспортная компания',
    } as Record<string, string>,
  },
  en: {
    title: 'Order',
    number: 'Number',
    date: 'Date',
    status: 'Status',
    payment: 'Payment',
    buyer: 'Buyer',
    placedBy: 'Placed by',
    inn: 'INN',
    kpp: 'KPP',
    delivery: 'Delivery',
    address: 'Address',
    recipient: 'Recipient',
    consignee: 'Consignee',
    comment: 'Comment',
    lines: 'Lines',
    cols: ['#', 'SKU', 'Name', 'Qty', 'Unit', 'Price', 'Amount'],
    itemsTotal: 'Items',
    deliveryCost: 'Delivery',
    total: 'Total',
    vat: (rate: number) => `Incl. VAT ${rate}%`,
    noVat: 'No VAT',
    sheet: 'Order',
    file: 'Order',
    statuses: {
      new: 'New',
      awaiting_approval: 'Awaiting approval',
      confirmed: 'Confirmed',
      awaiting_payment: 'Awaiting payment',
      paid: 'Paid',
      assembling: 'Assembling',
      shipped: 'Shipped',
      delivered: 'Delivered',
      completed: 'Completed',
      cancelled: 'Cancelled',
    } as Record<string, string>,
    paymentMethods: {
      card_online: 'Card online',
      cash_on_delivery: 'Cash on delivery',
      card_on_delivery: 'Card on delivery',
      invoice: 'Invoice',
      deferred: 'Deferred payment',
    } as Record<string, string>,
    deliveryKinds: { pickup: 'Pickup', courier: 'Courier', transport_company: 'Transport company' } as Record<
      string,
      string
    >,
  },
} as const;

/** How an order's status and payment method are written in documents, in Russian or English. */
export function orderWords(lang: DocumentLanguage): {
  statuses: Record<string, string>;
  paymentMethods: Record<string, string>;
} {
  return { statuses: labels[lang].statuses, paymentMethods: labels[lang].paymentMethods };
}

const intlLocale = (lang: DocumentLanguage) => (lang === 'ru' ? 'ru-RU' : 'en-GB');

/** Kopecks as money in the document's language: 123456 → "1 234,56 ₽" / "RUB 1,234.56". */
export function formatMoney(kopecks: number, lang: DocumentLanguage, currency = 'RUB'): string {
  return new Intl.NumberFormat(intlLocale(lang), { style: 'currency', currency }).format(kopecks / 100);
}

const formatQuantity = (q: number, lang: DocumentLanguage) =>
  new Intl.NumberFormat(intlLocale(lang), { maximumFractionDigits: 3 }).format(q);

/** The order's day (Moscow time: the business's documents are dated there). */
const formatDate = (d: Date, lang: DocumentLanguage) =>
  new Intl.DateTimeFormat(intlLocale(lang), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'Europe/Moscow',
  }).format(d);

/** What an order document shows, read once for both formats. */
export interface OrderDocument {
  number: string;
  createdAt: Date;
  status: string;
  paymentMethod: string;
  currency: string;
  buyer: { name: string; inn: string | null; kpp: string | null };
  placedBy: string;
  delivery: {
    kind: string;
    name: string;
    carrier: string | null;
    address: string | null;
    recipientName: string | null;
    phone: string | null;
    consignee: { name: string; inn: string | null; kpp: string | null } | null;
  };
  comment: string | null;
  lines: {
    position: number;
    sku: string;
    name: string;
    quantity: number;
    unit: string;
    unitPrice: number;
    lineTotal: number;
    vatRate: number | null;
  }[];
  itemsTotal: number;
  deliveryCost: number;
  /** Promo-code and bonus discounts as the customer saw them (label, kopecks). */
  discounts: { label: string; amount: number }[];
  total: number;
  /** VAT included in the prices, per rate (kopecks), when the lines carry a rate. */
  vat: { rate: number; amount: number }[];
}

/**
 * The order as its documents show it. The caller has checked that the viewer may see it (scope or staff
 * permission); a missing order is NOT_FOUND.
 */
export async function loadOrderDocument(db: Db, orderId: string): Promise<OrderDocument> {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) throw new AppError('NOT_FOUND', 'Order not found');
  const [lines, company] = await Promise.all([
    db.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(asc(orderLines.position)),
    order.companyId ? getCompany(db, order.companyId) : Promise.resolve(null),
  ]);
  const vatByRate = new Map<number, number>();
  for (const l of lines) {
    if (l.vatRate === null || l.vatRate <= 0) continue;
    // Prices include VAT: the included part of what the line is paid (after its share of the discounts).
    const part = Math.round(((l.lineTotal - l.discount) * l.vatRate) / (100 + l.vatRate));
    vatByRate.set(l.vatRate, (vatByRate.get(l.vatRate) ?? 0) + part);
  }
  const d = order.delivery;
  return {
    number: order.number,
    createdAt: order.createdAt,
    status: order.status,
    paymentMethod: order.paymentMethod,
    currency: order.currency,
    buyer: company
      ? { name: company.legalName || company.name, inn: company.inn, kpp: company.kpp }
      : { name: order.placedByName, inn: null, kpp: null },
    placedBy: order.placedByName,
    delivery: {
      kind: d.kind,
      name: d.name,
      carrier: d.carrier,
      address: d.address,
      recipientName: d.recipientName,
      phone: d.phone,
      consignee: d.consignee,
    },
    comment: order.comment,
    lines: lines.map((l) => ({
      position: l.position,
      sku: l.sku,
      name: l.name,
      quantity: l.quantity,
      unit: l.unit,
      unitPrice: l.unitPrice,
      lineTotal: l.lineTotal,
      vatRate: l.vatRate,
    })),
    itemsTotal: order.itemsTotal,
    deliveryCost: order.deliveryCost,
    discounts: order.discounts.map((d) => ({ label: d.label, amount: d.amount })),
    total: order.total,
    vat: [...vatByRate.entries()].sort((a, b) => a[0] - b[0]).map(([rate, amount]) => ({ rate, amount })),
  };
}

/** Header fields (label, value) shared by the PDF and the XLSX. */
function headerFields(o: OrderDocument, lang: DocumentLanguage): [string, string][] {
  const l = labels[lang];
  const requisites = (p: { inn: string | null; kpp: string | null }) =>
    [p.inn ? `${l.inn} ${p.inn}` : null, p.kpp ? `${l.kpp} ${p.kpp}` : null].filter(Boolean).join(', ');
  const buyer = [o.buyer.name, requisites(o.buyer)].filter(Boolean).join(', ');
  const method = [
    o.delivery.name || (l.deliveryKinds[o.delivery.kind] ?? o.delivery.kind),
    o.delivery.carrier,
  ]
    .filter((v, i, all) => v && all.indexOf(v) === i)
    .join(' — ');
  const fields: [string, string][] = [
    [l.number, o.number],
    [l.date, formatDate(o.createdAt, lang)],
    [l.status, l.statuses[o.status] ?? o.status],
    [l.payment, l.paymentMethods[o.paymentMethod] ?? o.paymentMethod],
    [l.buyer, buyer],
  ];
  if (o.buyer.name !== o.placedBy) fields.push([l.placedBy, o.placedBy]);
  fields.push([l.delivery, method]);
  if (o.delivery.address) fields.push([l.address, o.delivery.address]);
  const recipient = [o.delivery.recipientName, o.delivery.phone].filter(Boolean).join(', ');
  if (recipient) fields.push([l.recipient, recipient]);
  const c = o.delivery.consignee;
  if (c) fields.push([l.consignee, [c.name, requisites(c)].filter(Boolean).join(', ')]);
  if (o.comment) fields.push([l.comment, o.comment]);
  return fields;
}

/** Totals rows (label, kopecks): items, delivery when charged, total, VAT included per rate. */
function totalRows(o: OrderDocument, lang: DocumentLanguage): [string, number][] {
  const l = labels[lang];
  const rows: [string, number][] = [[l.itemsTotal, o.itemsTotal]];
  for (const d of o.discounts) rows.push([d.label, -d.amount]);
  if (o.deliveryCost) rows.push([l.deliveryCost, o.deliveryCost]);
  rows.push([l.total, o.total]);
  for (const v of o.vat) rows.push([l.vat(v.rate), v.amount]);
  return rows;
}

/** The order as an A4 PDF in the language asked for. */
export function orderPdf(o: OrderDocument, lang: DocumentLanguage): Promise<Buffer> {
  const l = labels[lang];
  const money = (k: number) => formatMoney(k, lang, o.currency);
  return renderPdf(
    (doc) => {
      doc
        .font(pdfFonts.bold)
        .fontSize(16)
        .text(`${l.title} ${o.number} — ${formatDate(o.createdAt, lang)}`);
      doc.moveDown(0.6);
      const left = doc.page.margins.left;
      const width = doc.page.width - left - doc.page.margins.right;
      for (const [label, value] of headerFields(o, lang)) {
        const y = doc.y;
        doc.font(pdfFonts.bold).fontSize(10).text(`${label}:`, left, y, { width: 120 });
        const labelBottom = doc.y;
        doc.font(pdfFonts.regular).text(value, left + 125, y, { width: width - 125 });
        doc.y = Math.max(doc.y, labelBottom) + 2;
      }
      doc.x = left;
      doc.moveDown(0.8);
      const columns: PdfColumn[] = [
        { header: l.cols[0], width: 4, align: 'right' },
        { header: l.cols[1], width: 18 },
        { header: l.cols[2], width: 34 },
        { header: l.cols[3], width: 9, align: 'right' },
        { header: l.cols[4], width: 6 },
        { header: l.cols[5], width: 14, align: 'right' },
        { header: l.cols[6], width: 15, align: 'right' },
      ];
      pdfTable(
        doc,
        columns,
        o.lines.map((line) => [
          String(line.position),
          line.sku,
          line.name,
          formatQuantity(line.quantity, lang),
          line.unit,
          money(line.unitPrice),
          money(line.lineTotal),
        ]),
      );
      doc.moveDown(0.8);
      const totalsWidth = 260;
      for (const [label, amount] of totalRows(o, lang)) {
        const y = doc.y;
        const isTotal = label === l.total;
        doc.font(isTotal ? pdfFonts.bold : pdfFonts.regular).fontSize(isTotal ? 11 : 10);
        doc.text(`${label}:`, left + width - totalsWidth, y, { width: totalsWidth - 110, align: 'right' });
        doc.text(money(amount), left + width - 105, y, { width: 105, align: 'right' });
        doc.moveDown(0.2);
      }
      if (!o.vat.length) {
        doc
          .font(pdfFonts.regular)
          .fontSize(9)
          .text(l.noVat, left + width - totalsWidth, doc.y, { width: totalsWidth, align: 'right' });
      }
    },
    { title: `${l.title} ${o.number}`, lang },
  );
}

/** The order as an XLSX workbook: one sheet with the header fields, the lines (numbers, with formats) and totals. */
export async function orderXlsx(o: OrderDocument, lang: DocumentLanguage): Promise<Buffer> {
  const l = labels[lang];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kabinet';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(l.sheet);
  const moneyFormat = '#,##0.00';
  sheet.columns = [
    { width: 6 },
    { width: 18 },
    { width: 48 },
    { width: 10 },
    { width: 8 },
    { width: 14 },
    { width: 16 },
  ];
  const title = sheet.addRow([`${l.title} ${o.number}`]);
  title.font = { bold: true, size: 14 };
  sheet.addRow([]);
  for (const [label, value] of headerFields(o, lang)) {
    const row = sheet.addRow([label, null, value]);
    row.getCell(1).font = { bold: true };
  }
  sheet.addRow([]);
  const head = sheet.addRow([
    ...l.cols.slice(0, 5),
    `${l.cols[5]}, ${o.currency}`,
    `${l.cols[6]}, ${o.currency}`,
  ]);
  head.font = { bold: true };
  head.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  for (const line of o.lines) {
    const row = sheet.addRow([
      line.position,
      line.sku,
      line.name,
      line.quantity,
      line.unit,
      line.unitPrice / 100,
      line.lineTotal / 100,
    ]);
    row.getCell(4).numFmt = '#,##0.###';
    row.getCell(6).numFmt = moneyFormat;
    row.getCell(7).numFmt = moneyFormat;
  }
  sheet.addRow([]);
  for (const [label, amount] of totalRows(o, lang)) {
    const row = sheet.addRow([null, null, null, null, null, label, amount / 100]);
    row.getCell(7).numFmt = moneyFormat;
    row.getCell(6).alignment = { horizontal: 'right' };
    if (label === l.total) row.font = { bold: true };
  }
  if (!o.vat.length) sheet.addRow([null, null, null, null, null, l.noVat]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** `attachment` with an ASCII fallback name and the language's name as RFC 5987 `filename*`. */
export function attachmentDisposition(o: { number: string }, lang: DocumentLanguage, ext: 'pdf' | 'xlsx') {
  const ascii = `order-${o.number.replace(/[^A-Za-z0-9._-]/g, '_')}.${ext}`;
  const local = `${labels[lang].file} ${o.number}.${ext}`;
  const encoded = encodeURIComponent(local).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export const documentTypes = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
