import { CommerceMlError, child, childrenOf, textOf, type XNode } from './xml-stream.js';

/** A group (category) with its parent's 1C id. */
export interface GroupRecord {
  externalId: string;
  name: string;
  parentExternalId: string | null;
  position: number;
}

export interface PropertyRecord {
  externalId: string;
  name: string;
  type: 'text' | 'number' | 'list';
  options: { externalId: string; value: string }[];
}

export interface ProductRecord {
  externalId: string;
  /** Ид before `#`: a 2.03-style product with a characteristic is a variant of this product. */
  productExternalId: string;
  sku: string;
  name: string;
  description: string;
  groupExternalId: string | null;
  unit: string | null;
  unitCode: string | null;
  barcode: string | null;
  images: string[];
  values: { propertyExternalId: string; value: string }[];
  weight: number | null;
  characteristics: Record<string, string>;
  deleted: boolean;
}

export interface PriceTypeRecord {
  externalId: string;
  name: string;
  currency: string;
  vatIncluded: boolean;
}

export interface WarehouseRecord {
  externalId: string;
  name: string;
  address: string | null;
}

export interface OfferRecord {
  externalId: string;
  productExternalId: string;
  characteristicId: string | null;
  sku: string;
  name: string;
  characteristics: Record<string, string>;
  barcode: string | null;
  prices: { priceTypeExternalId: string; kopecks: number }[];
  /** Per warehouse (1C Ид → quantity); null when the offer says nothing per warehouse. */
  stock: Map<string, number> | null;
  /** The total `Количество`, used only when no per-warehouse stock is given. */
  total: number | null;
  deleted: boolean;
}

const required = (node: XNode, name: string, what: string) => {
  const value = textOf(node, name);
  if (!value) throw new CommerceMlError(`${what} without ${name === 'Ид' ? 'Id' : 'Naimenovanie'}`);
  return value;
};

/** Flattens a top-level `Группа` with its nested `Группы/Группа` into records, parents first. */
export function groupsOf(node: XNode, parent: string | null = null, out: GroupRecord[] = []): GroupRecord[] {
  const externalId = required(node, 'Ид', 'group');
  out.push({
    externalId,
    name: textOf(node, 'Наименование') || externalId,
    parentExternalId: parent,
    position: out.length,
  });
  for (const nested of childrenOf(child(node, 'Группы'), 'Группа')) groupsOf(nested, externalId, out);
  return out;
}

/** A classifier property; `Справочник` becomes a list property with its options. */
export function propertyOf(node: XNode): PropertyRecord {
  const externalId = required(node, 'Ид', 'property');
  const kind =
    textOf(node, 'ТипЗначений') || textOf(child(child(node, 'ТипыЗначений'), 'ТипЗначений'), 'Тип');
  const variants = child(node, 'ВариантыЗначений');
  const options = childrenOf(variants, 'Справочник').map((o) => ({
    externalId: textOf(o, 'ИдЗначения') || textOf(o, 'Ид'),
    value: textOf(o, 'Значение'),
  }));
  // 2.03 lists bare <Значение> options without ids: the value is its own id.
  for (const v of childrenOf(variants, 'Значение'))
    if (v.text) options.push({ externalId: v.text, value: v.text });
  const type = kind === 'Справочник' || options.length > 0 ? 'list' : kind === 'Число' ? 'number' : 'text';
  return {
    externalId,
    name: textOf(node, 'Наименование') || externalId,
    type,
    options: options.filter((o) => o.externalId),
  };
}

const truthy = (value: string | undefined) => value === 'true' || value === '1';

/** Characteristics (`ХарактеристикиТовара/ХарактеристикаТовара{Наименование,Значение}`) as name → value. */
function characteristicsOf(node: XNode): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of childrenOf(child(node, 'ХарактеристикиТовара'), 'ХарактеристикаТовара')) {
    const name = textOf(c, 'Наименование');
    if (name) out[name] = textOf(c, 'Значение');
  }
  return out;
}

/** Short names of the OKEI units 1C sends most (`БазоваяЕдиница Код="796"`). */
export const okei: Record<string, string> = {
  '796': 'шт',
  '166': 'кг',
  '163': 'г',
  '006': 'м',
  '112': 'л',
  '055': 'м²',
  '113': 'м³',
  '778': 'упак',
  '704': 'набор',
  '715': 'пар',
};

/** The unit as shown: the element's own text (2.03), the OKEI short name, or the full name. */
function unitName(node: XNode): string | null {
  if (node.children.length === 0 && node.text) return node.text.slice(0, 20);
  return (
    okei[node.attrs.Код?.trim() ?? ''] ??
    node.attrs.НаименованиеКраткое ??
    node.attrs.НаименованиеПолное ??
    null
  );
}

/** A catalog `Товар`. */
export function productOf(node: XNode): ProductRecord {
  const externalId = required(node, 'Ид', 'product');
  const unitNode = child(node, 'БазоваяЕдиница');
  const requisites = childrenOf(child(node, 'ЗначенияРеквизитов'), 'ЗначениеРеквизита');
  const requisite = (name: string) => requisites.find((r) => textOf(r, 'Наименование') === name);
  const weightText = textOf(requisite('Вес'), 'Значение') || textOf(node, 'Вес');
  const weight = weightText ? Number(weightText.replace(',', '.')) : null;
  const values = childrenOf(child(node, 'ЗначенияСвойств'), 'ЗначенияСвойства').flatMap((v) => {
    const propertyExternalId = textOf(v, 'Ид');
    return childrenOf(v, 'Значение')
      .filter((x) => x.text)
      .map((x) => ({ propertyExternalId, value: x.text }));
  });
  return {
    externalId,
    productExternalId: externalId.split('#')[0] || externalId,
    sku: textOf(node, 'Артикул'),
    name: textOf(node, 'Наименование') || textOf(node, 'ПолноеНаименование') || externalId,
    description: textOf(node, 'Описание'),
    groupExternalId: textOf(child(node, 'Группы'), 'Ид') || null,
    unit: unitNode ? unitName(unitNode) : null,
    unitCode: unitNode?.attrs.Код?.trim() || null,
    barcode: textOf(node, 'Штрихкод') || null,
    images: childrenOf(node, 'Картинка')
      .map((c) => c.text)
      .filter(Boolean),
    values,
    weight: weight !== null && Number.isFinite(weight) ? weight : null,
    characteristics: characteristicsOf(node),
    deleted:
      truthy(textOf(node, 'ПометкаУдаления')) ||
      node.attrs.Статус === 'Удален' ||
      textOf(node, 'Статус') === 'Удален',
  };
}

/** A price type (`ТипЦены`) from a classifier or an offers package. */
export function priceTypeOf(node: XNode): PriceTypeRecord {
  const currency = textOf(node, 'Валюта');
  return {
    externalId: required(node, 'Ид', 'price type'),
    name: textOf(node, 'Наименование') || textOf(node, 'Ид'),
    currency: /^(руб|rub|643|)$/i.test(currency.replace(/\.$/, ''))
      ? 'RUB'
      : currency.toUpperCase().slice(0, 3),
    vatIncluded: textOf(child(node, 'Налог'), 'УчтеноВСумме') !== 'false',
  };
}

/** A warehouse (`Склад`) from a classifier or an offers package. */
export function warehouseOf(node: XNode): WarehouseRecord {
  const externalId = required(node, 'Ид', 'warehouse');
  return {
    externalId,
    name: textOf(node, 'Наименование') || externalId,
    address: textOf(child(node, 'Адрес'), 'Представление') || null,
  };
}

/**
 * A decimal amount of money as integer kopecks, computed on the digits (never through a float): "1 234,5" →
 * 123450; a third decimal rounds half up.
 */
export function kopecksOf(raw: string): number {
  const s = raw.replace(/[\s\u00a0]/g, '').replace(',', '.');
  const m = /^(\d+)(?:\.(\d*))?$/.exec(s);
  if (!m) throw new CommerceMlError(`bad price ${raw.slice(0, 30)}`);
  const fraction = `${m[2] ?? ''}000`;
  let kopecks = Number(m[1]) * 100 + Number(fraction.slice(0, 2));
  if (Number(fraction[2]) >= 5) kopecks += 1;
  if (!Number.isSafeInteger(kopecks)) throw new CommerceMlError('price too large');
  return kopecks;
}

/** A quantity ("12", "3,5"); negative stock counts as zero. */
export function quantityOf(raw: string | undefined): number | null {
  if (raw === undefined || raw.trim() === '') return null;
  const value = Number(raw.replace(/[\s\u00a0]/g, '').replace(',', '.'));
  if (!Number.isFinite(value)) throw new CommerceMlError(`bad quantity ${raw.slice(0, 30)}`);
  return Math.max(0, Math.round(value * 1000) / 1000);
}

/**
 * An offer (`Предложение`) with its prices and stock in whichever form it comes: `<Склад ИдСклада
 * КоличествоНаСкладе/>` attributes, `Остатки/Остаток/Склад{Ид,Количество}` elements, or a total `Количество`.
 */
export function offerOf(node: XNode): OfferRecord {
  const externalId = required(node, 'Ид', 'offer');
  const [productExternalId = externalId, characteristicId = null] = externalId.split('#');
  const prices = childrenOf(child(node, 'Цены'), 'Цена').flatMap((p) => {
    const amount = textOf(p, 'ЦенаЗаЕдиницу');
    const type = textOf(p, 'ИдТипаЦены');
    return amount && type ? [{ priceTypeExternalId: type, kopecks: kopecksOf(amount) }] : [];
  });
  let stock: Map<string, number> | null = null;
  const put = (warehouse: string | undefined, qty: number | null) => {
    if (!warehouse || qty === null) return;
    stock ??= new Map();
    stock.set(warehouse, (stock.get(warehouse) ?? 0) + qty);
  };
  for (const s of childrenOf(node, 'Склад')) put(s.attrs.ИдСклада, quantityOf(s.attrs.КоличествоНаСкладе));
  let restTotal: number | null = null;
  for (const rest of childrenOf(child(node, 'Остатки'), 'Остаток')) {
    const warehouses = childrenOf(rest, 'Склад');
    for (const s of warehouses) put(textOf(s, 'Ид'), quantityOf(textOf(s, 'Количество')));
    if (warehouses.length === 0) restTotal = (restTotal ?? 0) + (quantityOf(textOf(rest, 'Количество')) ?? 0);
  }
  return {
    externalId,
    productExternalId,
    characteristicId: characteristicId || null,
    sku: textOf(node, 'Артикул'),
    name: textOf(node, 'Наименование'),
    characteristics: characteristicsOf(node),
    barcode: textOf(node, 'Штрихкод') || null,
    prices,
    stock,
    total: restTotal ?? quantityOf(textOf(node, 'Количество')),
    deleted: truthy(textOf(node, 'ПометкаУдаления')),
  };
}
