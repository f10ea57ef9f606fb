import {
  type GroupRecord,
  groupsOf,
  type OfferRecord,
  offerOf,
  type PriceTypeRecord,
  type ProductRecord,
  type PropertyRecord,
  priceTypeOf,
  productOf,
  propertyOf,
  type WarehouseRecord,
  warehouseOf,
} from './records.js';
import { type RecordPicker, streamXml } from './xml-stream.js';

/** What a CommerceML file turned out to hold, found while streaming it. */
export interface PackageInfo {
  hasClassifier: boolean;
  hasCatalog: boolean;
  hasOffers: boolean;
  hasDocuments: boolean;
  /** `СодержитТолькоИзменения` of the catalog; null when the file has no catalog. */
  catalogOnlyChanges: boolean | null;
  offersOnlyChanges: boolean | null;
  schemaVersion: string;
}

/** Receives the records of a file in document order; `drain` is awaited between input chunks. */
export interface PackageSink {
  groups(records: GroupRecord[]): void;
  property(record: PropertyRecord): void;
  priceType(record: PriceTypeRecord): void;
  warehouse(record: WarehouseRecord): void;
  product(record: ProductRecord): void;
  offer(record: OfferRecord): void;
  drain(): Promise<void>;
}

const offerPackages = new Set(['ПакетПредложений', 'ИзмененияПакетаПредложений']);

/** Which elements are records, by their local name and their parents' (any namespace prefix). */
const pick: RecordPicker = (path) => {
  const n = path.length;
  const [name, parent, grand] = [path[n - 1], path[n - 2], path[n - 3]];
  if (name === 'Группа') return parent === 'Группы' && grand === 'Классификатор';
  if (name === 'Свойство' || name === 'СвойствоНоменклатуры')
    return parent === 'Свойства' && grand === 'Классификатор';
  if (name === 'ТипЦены') return parent === 'ТипыЦен';
  if (name === 'Склад') return parent === 'Склады';
  if (name === 'Товар') return parent === 'Товары' && grand === 'Каталог';
  if (name === 'Предложение') return parent === 'Предложения' && offerPackages.has(grand ?? '');
  return false;
};

const flag = (value: string | undefined) => (value === undefined ? null : value === 'true' || value === '1');

/**
 * Streams one CommerceML file (import, offers, prices, rests, or one holding both a classifier and an
 * offers package) into a sink, and says what it held. Throws CommerceMlError on bad input.
 */
export async function readPackage(path: string, sink: PackageSink): Promise<PackageInfo> {
  const info: PackageInfo = {
    hasClassifier: false,
    hasCatalog: false,
    hasOffers: false,
    hasDocuments: false,
    catalogOnlyChanges: null,
    offersOnlyChanges: null,
    schemaVersion: '',
  };
  await streamXml(path, pick, {
    open(name, attrs, parents) {
      if (parents.length === 0) info.schemaVersion = attrs.ВерсияСхемы ?? '';
      if (parents.length !== 1) return;
      if (name === 'Классификатор') info.hasClassifier = true;
      if (name === 'Документ') info.hasDocuments = true;
      if (name === 'Каталог') {
        info.hasCatalog = true;
        info.catalogOnlyChanges = flag(attrs.СодержитТолькоИзменения);
      }
      if (offerPackages.has(name)) {
        info.hasOffers = true;
        info.offersOnlyChanges =
          name === 'ИзмененияПакетаПредложений' ? true : flag(attrs.СодержитТолькоИзменения);
      }
    },
    text(name, text, parents) {
      if (name !== 'СодержитТолькоИзменения') return;
      const owner = parents[parents.length - 1];
      if (owner === 'Каталог') info.catalogOnlyChanges = flag(text);
      if (offerPackages.has(owner ?? '')) info.offersOnlyChanges = flag(text);
    },
    record(node) {
      switch (node.name) {
        case 'Группа':
          return sink.groups(groupsOf(node));
        case 'Свойство':
        case 'СвойствоНоменклатуры':
          return sink.property(propertyOf(node));
        case 'ТипЦены':
          return sink.priceType(priceTypeOf(node));
        case 'Склад':
          return sink.warehouse(warehouseOf(node));
        case 'Товар':
          return sink.product(productOf(node));
        case 'Предложение':
          return sink.offer(offerOf(node));
      }
    },
    drain: () => sink.drain(),
  });
  return info;
}

/** Counts of what a file holds, for the validating first pass and the exchange log. */
export interface PackageCounts {
  groups: number;
  properties: number;
  priceTypes: number;
  warehouses: number;
  products: number;
  offers: number;
  prices: number;
}

/** A sink that only counts: the first pass that proves the whole file readable before anything is written. */
export function countingSink(): PackageSink & { counts: PackageCounts } {
  const counts: PackageCounts = {
    groups: 0,
    properties: 0,
    priceTypes: 0,
    warehouses: 0,
    products: 0,
    offers: 0,
    prices: 0,
  };
  return {
    counts,
    groups: (r) => {
      counts.groups += r.length;
    },
    property: () => {
      counts.properties++;
    },
    priceType: () => {
      counts.priceTypes++;
    },
    warehouse: () => {
      counts.warehouses++;
    },
    product: () => {
      counts.products++;
    },
    offer: (r) => {
      counts.offers++;
      counts.prices += r.prices.length;
    },
    drain: async () => {},
  };
}
