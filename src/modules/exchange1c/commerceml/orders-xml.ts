import { type ExchangeOrder, orderWords } from '../../orders/index.js';
import { okei } from './records.js';

/** The CommerceML schema version of the orders Kabinet sends (and names at `init` when 1C asks). */
export const saleSchemaVersion = '2.08';

/** Text for XML: markup characters escaped, characters XML 1.0 cannot hold dropped. */
function esc(value: string): string {
  return value
    .replace(/[^\t\n\r\x20-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

type Attrs = Record<string, string>;
const attrsOf = (attrs: Attrs | undefined) =>
  attrs
    ? Object.entries(attrs)
        .map(([k, v]) => ` ${k}="${esc(v)}"`)
        .join('')
    : '';

/** An element with text, or nothing when the value is null/empty (1C treats a missing element as empty). */
function leaf(name: string, value: string | number | null | undefined, attrs?: Attrs): string {
  if (value === null || value === undefined || value === '') return '';
  return `<${name}${attrsOf(attrs)}>${esc(String(value))}</${name}>`;
}

/** An element holding other elements. */
const node = (name: string, ...children: string[]) => `<${name}>${children.join('')}</${name}>`;

/** Kopecks as a CommerceML sum, computed on the digits: 123450 → "1234.50". */
export function money(kopecks: number): string {
  const sign = kopecks < 0 ? '-' : '';
  const abs = Math.abs(kopecks);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A quantity with at most three decimals. */
const qty = (value: number) => String(Math.round(value * 1000) / 1000);

/** Date and time as 1C expects them, in the business's time zone (Moscow, as the order documents). */
function localParts(at: Date): { date: string; time: string } {
  const text = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Moscow',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  const [date = '', time = ''] = text.split(' ');
  return { date, time };
}

const requisite = (name: string, value: string) =>
  node('ЗначениеРеквизита', leaf('Наименование', name), `<Значение>${esc(value)}</Значение>`);

// The order's words as the portal's Russian documents print them.
const { statuses: statusNames, paymentMethods: paymentNames } = orderWords('ru');

const okeiCodes = new Map(Object.entries(okei).map(([code, name]) => [name, code]));

function unit(name: string): string {
  const code = okeiCodes.get(name);
  return leaf('БазоваяЕдиница', name, code ? { Код: code } : undefined);
}

const kind = (value: 'Товар' | 'Услуга') =>
  node('ЗначенияРеквизитов', requisite('ВидНоменклатуры', value), requisite('ТипНоменклатуры', value));

function counterparty(order: ExchangeOrder): string {
  const c = order.customer;
  if (c.kind === 'company') {
    return node(
      'Контрагент',
      leaf('Ид', c.id),
      leaf('Наименование', c.name),
      leaf('Роль', 'Покупатель'),
      leaf('ПолноеНаименование', c.legalName),
      leaf('ОфициальноеНаименование', c.legalName),
      c.address ? node('ЮридическийАдрес', leaf('Представление', c.address)) : '',
      leaf('ИНН', c.inn),
      leaf('КПП', c.kpp),
      order.placedBy.email
        ? node('Контакты', node('Контакт', leaf('Тип', 'Почта'), leaf('Значение', order.placedBy.email)))
        : '',
      node(
        'Представители',
        node(
          'Представитель',
          node(
            'Контрагент',
            leaf('Отношение', 'Контактное лицо'),
            leaf('Ид', order.placedBy.id),
            leaf('Наименование', order.placedBy.name),
          ),
        ),
      ),
    );
  }
  const contacts = [
    c.email ? node('Контакт', leaf('Тип', 'Почта'), leaf('Значение', c.email)) : '',
    c.phone ? node('Контакт', leaf('Тип', 'ТелефонРабочий'), leaf('Значение', c.phone)) : '',
  ].join('');
  return node(
    'Контрагент',
    leaf('Ид', c.id),
    leaf('Наименование', c.name),
    leaf('Роль', 'Покупатель'),
    leaf('ПолноеНаименование', c.name),
    order.delivery.address ? node('АдресРегистрации', leaf('Представление', order.delivery.address)) : '',
    contacts ? node('Контакты', contacts) : '',
  );
}

const discountNode = (name: string, amount: number) =>
  node('Скидка', leaf('Наименование', name), leaf('Сумма', money(amount)), leaf('УчтеноВСумме', 'true'));

function lines(order: ExchangeOrder): string {
  const goods = order.lines.map((l) => {
    const priceDiscount = Math.round((l.listPrice - l.unitPrice) * l.quantity);
    const discounts = [
      priceDiscount >= 1 ? discountNode('Скидка', priceDiscount) : '',
      l.discount > 0 ? discountNode('Скидка по промокоду и бонусам', l.discount) : '',
    ].join('');
    return node(
      'Товар',
      leaf('Ид', l.externalId),
      leaf('Артикул', l.sku),
      leaf('Наименование', l.name),
      unit(l.unit),
      leaf('ЦенаЗаЕдиницу', money(l.unitPrice)),
      leaf('Количество', qty(l.quantity)),
      // What the line is paid: after the promo code's and the points' share (the Скидки say how much).
      leaf('Сумма', money(l.lineTotal - l.discount)),
      discounts ? node('Скидки', discounts) : '',
      l.vatRate !== null
        ? node('СтавкиНалогов', node('СтавкаНалога', leaf('Наименование', 'НДС'), leaf('Ставка', l.vatRate)))
        : '',
      kind('Товар'),
    );
  });
  if (order.deliveryCost > 0) {
    goods.push(
      node(
        'Товар',
        leaf('Ид', 'ORDER_DELIVERY'),
        leaf('Наименование', `Доставка заказа: ${order.delivery.name}`),
        unit('шт'),
        leaf('ЦенаЗаЕдиницу', money(order.deliveryCost)),
        leaf('Количество', '1'),
        leaf('Сумма', money(order.deliveryCost)),
        kind('Услуга'),
      ),
    );
  }
  return node('Товары', ...goods);
}

/**
 * One order as a CommerceML `Документ` («Заказ товара», the seller's side). Elements follow the order of the
 * order files 1C and Bitrix exchange (from.xml, a Bitrix query answer): 1C may read them in schema order.
 */
export function orderDocument(order: ExchangeOrder): string {
  const placed = localParts(order.createdAt);
  const changed = localParts(order.statusChangedAt);
  const paid = order.paymentState === 'paid' || order.paidAmount >= order.total;
  const final = order.status === 'completed' || order.status === 'cancelled';
  const deliveryAllowed = ['assembling', 'shipped', 'delivered', 'completed'].includes(order.status);
  return node(
    'Документ',
    leaf('Ид', order.id),
    leaf('Номер', order.number),
    leaf('Дата', placed.date),
    leaf('Номер1С', order.number1c),
    leaf('ХозОперация', 'Заказ товара'),
    leaf('Роль', 'Продавец'),
    leaf('Валюта', order.currency),
    leaf('Курс', '1'),
    leaf('Сумма', money(order.total)),
    node('Контрагенты', counterparty(order)),
    leaf('Время', placed.time),
    leaf('Комментарий', order.comment),
    lines(order),
    node(
      'ЗначенияРеквизитов',
      requisite('Статус заказа', `[${order.status}] ${statusNames[order.status] ?? order.status}`),
      requisite('Статуса заказа ИД', order.status),
      requisite('Метод оплаты', paymentNames[order.paymentMethod] ?? order.paymentMethod),
      requisite('Метод оплаты ИД', order.paymentMethod),
      requisite('Способ доставки', order.delivery.name),
      order.delivery.address ? requisite('Адрес доставки', order.delivery.address) : '',
      requisite('Заказ оплачен', String(paid)),
      requisite('Сумма оплаты', money(order.paidAmount)),
      requisite('Доставка разрешена', String(deliveryAllowed)),
      requisite('Отменен', String(order.status === 'cancelled')),
      order.cancelReason ? requisite('Причина отмены', order.cancelReason) : '',
      requisite('Финальный статус', String(final)),
      requisite('Дата изменения статуса', `${changed.date} ${changed.time}`),
    ),
  );
}

/** The `mode=query` answer: a UTF-8 CommerceML package with one `Документ` per order. */
export function ordersPackage(orders: readonly ExchangeOrder[], now = new Date()): string {
  const at = localParts(now);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<КоммерческаяИнформация ВерсияСхемы="${saleSchemaVersion}" ДатаФормирования="${at.date}T${at.time}">\n`,
    ...orders.map((o) => `${orderDocument(o)}\n`),
    '</КоммерческаяИнформация>\n',
  ].join('');
}
