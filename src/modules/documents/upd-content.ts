import type { DocumentRef, Party, UpdInput } from './documents.types.js';
import { innKpp } from './pdf-blocks.js';
import { formatLongDate, formatQuantity, formatRub, formatShortDate } from './ru/money-format.js';
import { lineVat, vatTotals } from './ru/vat.js';

/**
 * What the УПД prints, as text, apart from how it is drawn: the счёт-фактура rows (строки) and table (графы)
 * of the edition below, filled from the input. Fields that do not apply carry «--», as the rules require.
 */

/**
 * The edition of the счёт-фактура form the УПД follows: ПП РФ № 1137 as amended through ПП № 534 of
 * 02.04.2021 (in force from 01.07.2021: строка 5а, графа «№ п/п», графы 12/12а/13 for traceability).
 * Re-verify against the current text before relying on it: the form is amended often.
 */
export const updEdition = {
  caption:
    'Приложение № 1 к постановлению Правительства Российской Федерации от 26 декабря 2011 г. № 1137 ' +
    '(в редакции постановления Правительства Российской Федерации от 2 апреля 2021 г. № 534)',
  inForceFrom: '2021-07-01',
} as const;

const dash = '--';
const ref = (r: DocumentRef | undefined) =>
  r ? `№ ${r.number} от ${formatShortDate(r.date)}` : `№ ${dash} от ${dash}`;
const nameAndAddress = (p: Party) => [p.name, p.address].filter(Boolean).join(', ');

/** A row of the header: label, value and the row number printed at the right, e.g. «(2б)». */
export interface UpdHeaderRow {
  label: string;
  value: string;
  code: string;
}

/** Строки 1–8 of the счёт-фактура, in print order. */
export function updHeaderRows(input: UpdInput): UpdHeaderRow[] {
  const { seller, buyer } = input;
  const shipper = input.shipper === 'same' ? 'он же' : input.shipper ? nameAndAddress(input.shipper) : dash;
  const shipments = input.shipmentDocuments?.length
    ? input.shipmentDocuments
    : [{ number: input.number, date: input.date }];
  const positions = input.lines.length > 1 ? `1–${input.lines.length}` : '1';
  const currency = input.currency ?? { name: 'Российский рубль', code: '643' };
  return [
    { label: 'Счет-фактура №', value: `${input.number} от ${formatLongDate(input.date)}`, code: '(1)' },
    {
      label: 'Исправление №',
      value: input.correction
        ? `${input.correction.number} от ${formatLongDate(input.correction.date)}`
        : `${dash} от ${dash}`,
      code: '(1а)',
    },
    { label: 'Продавец:', value: seller.name, code: '(2)' },
    { label: 'Адрес:', value: seller.address, code: '(2а)' },
    { label: 'ИНН/КПП продавца:', value: innKpp(seller), code: '(2б)' },
    { label: 'Грузоотправитель и его адрес:', value: shipper, code: '(3)' },
    {
      label: 'Грузополучатель и его адрес:',
      value: input.consignee ? nameAndAddress(input.consignee) : dash,
      code: '(4)',
    },
    {
      label: 'К платежно-расчетному документу',
      value: input.paymentDocuments?.length ? input.paymentDocuments.map(ref).join('; ') : ref(undefined),
      code: '(5)',
    },
    {
      label: 'Документ об отгрузке:',
      value: shipments.map((d) => `№ п/п ${positions} ${ref(d)}`).join('; '),
      code: '(5а)',
    },
    { label: 'Покупатель:', value: buyer.name, code: '(6)' },
    { label: 'Адрес:', value: buyer.address, code: '(6а)' },
    { label: 'ИНН/КПП покупателя:', value: innKpp(buyer), code: '(6б)' },
    { label: 'Валюта: наименование, код', value: `${currency.name}, ${currency.code}`, code: '(7)' },
    {
      label: 'Идентификатор государственного контракта, договора (соглашения) (при наличии):',
      value: input.governmentContractId ?? '',
      code: '(8)',
    },
  ];
}

/** The table's graphs in order, with their numbers and headings (ПП 1137 as amended by ПП 534). */
export const updColumns = [
  { graph: 'А', heading: 'Код товара/ работ, услуг', width: 5 },
  { graph: '1', heading: '№ п/п', width: 3 },
  {
    graph: '1а',
    heading: 'Наименование товара (описание выполненных работ, оказанных услуг), имущественного права',
    width: 17,
  },
  { graph: '1б', heading: 'Код вида товара', width: 4 },
  { graph: '2', heading: 'Единица измерения: код', width: 4 },
  { graph: '2а', heading: 'Единица измерения: условное обозначение (национальное)', width: 6 },
  { graph: '3', heading: 'Количество (объем)', width: 5 },
  { graph: '4', heading: 'Цена (тариф) за единицу измерения', width: 6 },
  {
    graph: '5',
    heading: 'Стоимость товаров (работ, услуг), имущественных прав без налога – всего',
    width: 7,
  },
  { graph: '6', heading: 'В том числе сумма акциза', width: 5 },
  { graph: '7', heading: 'Налоговая ставка', width: 4 },
  { graph: '8', heading: 'Сумма налога, предъявляемая покупателю', width: 6 },
  { graph: '9', heading: 'Стоимость товаров (работ, услуг), имущественных прав с налогом – всего', width: 7 },
  { graph: '10', heading: 'Страна происхождения товара: цифровой код', width: 4 },
  { graph: '10а', heading: 'Страна происхождения товара: краткое наименование', width: 5 },
  // Графы 11–13 carry shortened headings: the form's full wording would make the header taller than the rows.
  {
    graph: '11',
    heading: 'Регистрационный номер декларации на товары или партии товара, подлежащего прослеживаемости',
    width: 8,
  },
  { graph: '12', heading: 'Ед. измерения для прослеживаемости: код', width: 5 },
  { graph: '12а', heading: 'Ед. измерения для прослеживаемости: усл. обозначение', width: 6 },
  { graph: '13', heading: 'Количество товара, подлежащего прослеживаемости', width: 6 },
] as const;

/** Графа 7: «20%», or «без НДС» when the line carries no rate. */
const rateText = (rate: number | null) => (rate === null ? 'без НДС' : `${rate}%`);

/**
 * The table body: one row per line, then «Всего к оплате» with the totals of графы 5, 8 and 9. Графа 4 is
 * the price without tax: the line's net amount per unit, rounded to the kopeck (1C prints the same).
 */
export function updTableRows(input: UpdInput): string[][] {
  const rows = input.lines.map((line, i) => {
    const { net, vat, gross } = lineVat(line);
    return [
      line.productCode || dash,
      String(i + 1),
      line.name,
      dash,
      line.unitCode,
      line.unit,
      formatQuantity(line.quantity),
      formatRub(Math.round(net / line.quantity)),
      formatRub(net),
      'без акциза',
      rateText(line.vatRate),
      line.vatRate === null ? 'без НДС' : formatRub(vat),
      formatRub(gross),
      line.countryCode || dash,
      line.countryName || dash,
      line.customsDeclaration || dash,
      dash,
      dash,
      dash,
    ];
  });
  const t = vatTotals(input.lines);
  const total = ['', '', 'Всего к оплате (9)', '', '', '', '', '', formatRub(t.net), 'Х', 'Х'];
  total.push(t.withoutVat ? 'без НДС' : formatRub(t.vat), formatRub(t.total), '', '', '', '', '', '');
  return [...rows, total];
}
