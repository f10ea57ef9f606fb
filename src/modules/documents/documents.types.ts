/**
 * The plain data each Russian finance document is rendered from. Money is integer kopecks; dates are calendar
 * days 'YYYY-MM-DD' (documents are dated by day, not by instant). The DB layer fills these; the renderers only
 * draw them.
 */

export type DocumentLanguage = 'ru' | 'en';

/** A calendar day, 'YYYY-MM-DD'. */
export type DocDate = string;

/** VAT rate in percent; null = «без НДС» (УСН or exempt seller). */
export type VatRate = 20 | 10 | 5 | 7 | 0 | null;

export interface BankDetails {
  /** Bank name with the city, as in the БИК directory: «ПАО Сбербанк, г. Москва». */
  name: string;
  bic: string;
  /** Корреспондентский счёт. */
  corrAccount: string;
  /** Расчётный счёт. */
  account: string;
}

export interface Party {
  /** Full name for documents: «ООО «Ромашка»» or «ИП Иванов Иван Иванович». */
  name: string;
  inn: string;
  /** Only organisations have a КПП; a sole trader (12-digit ИНН) has none. */
  kpp?: string;
  /** ОГРН (13 digits) or ОГРНИП (15 digits). */
  ogrn?: string;
  address: string;
  phone?: string;
  bank?: BankDetails;
}

/** A person who signs: «Генеральный директор», «Иванов И. И.». */
export interface Signatory {
  position: string;
  name: string;
}

/** Who signs for an organisation; a sole trader signs alone as head. */
export interface Signatories {
  head?: Signatory;
  accountant?: Signatory;
}

export interface DocumentLine {
  name: string;
  sku?: string;
  /** Unit symbol, «шт». */
  unit: string;
  /** ОКЕИ code of the unit, «796» for «шт». */
  unitCode: string;
  /** May be fractional, to 3 decimals. */
  quantity: number;
  /** Price per unit in kopecks, VAT included. */
  price: number;
  /** Line amount in kopecks, VAT included. */
  amount: number;
  vatRate: VatRate;
  /** УПД графа А «Код товара / работ, услуг». */
  productCode?: string;
  /** УПД графы 10/10а/11, for imported goods only. */
  countryCode?: string;
  countryName?: string;
  customsDeclaration?: string;
}

/** A reference to another document: «№ 12 от 01.02.2025». */
export interface DocumentRef {
  number: string;
  date: DocDate;
}

export interface InvoiceInput {
  language: DocumentLanguage;
  number: string;
  date: DocDate;
  seller: Party;
  buyer: Party;
  /** «Основание»: the contract, as text: «Договор № 5 от 01.01.2025». */
  basis?: string;
  lines: DocumentLine[];
  signatories: Signatories;
  /** «Оплатить не позднее …». */
  payBy?: DocDate;
  /** Extra terms, one paragraph each. */
  terms?: string[];
  /** Payment purpose for the QR code; defaults to «Оплата по счету № N от d». */
  purpose?: string;
  /** Whether to print the ГОСТ Р 56042-2014 payment QR (default true). */
  paymentQr?: boolean;
  /** The seller's logo (PNG or JPEG), printed at the top; none when omitted. */
  logo?: Buffer;
}

export interface UpdSellerSignatories extends Signatories {
  /** [10] «Товар (груз) передал / услуги … сдал»; defaults to the head. */
  transferredBy?: Signatory;
  /** [13] «Ответственный за правильность оформления»; defaults to the head. */
  responsible?: Signatory;
}

export interface UpdInput {
  /** 1 = счёт-фактура and передаточный документ (VAT payers); 2 = передаточный документ only. */
  status: 1 | 2;
  number: string;
  date: DocDate;
  /** Строка 1а. */
  correction?: DocumentRef;
  seller: Party;
  buyer: Party;
  /** Строка 3: 'same' = «он же»; omitted = «--» (services). */
  shipper?: Party | 'same';
  /** Строка 4: omitted = «--» (services). */
  consignee?: Party;
  /** Строка 5: payment documents for advances. */
  paymentDocuments?: DocumentRef[];
  /** Строка 5а: shipment documents; defaults to this document itself. */
  shipmentDocuments?: DocumentRef[];
  /** Строка 7: currency name and ОКВ code; defaults to «Российский рубль, 643». */
  currency?: { name: string; code: string };
  /** Строка 8: government contract identifier. */
  governmentContractId?: string;
  /** [8] «Основание передачи (сдачи) / получения (приемки)». */
  basis?: string;
  /** [9] «Данные о транспортировке и грузе». */
  transport?: string;
  /** [11] «Дата отгрузки, передачи (сдачи)»; defaults to the document date. */
  shippedOn?: DocDate;
  /** [12] «Иные сведения об отгрузке, передаче». */
  otherShipmentInfo?: string;
  lines: DocumentLine[];
  sellerSignatories: UpdSellerSignatories;
  /** [15]/[18]: pre-printed buyer names, if known; otherwise the lines stay blank for the buyer. */
  buyerSignatories?: { receivedBy?: Signatory; responsible?: Signatory };
  /** «Документ составлен на N листах»; defaults to the number of pages rendered. */
  sheets?: number;
}

export interface ServiceActInput {
  language: DocumentLanguage;
  number: string;
  date: DocDate;
  executor: Party;
  customer: Party;
  basis?: string;
  lines: DocumentLine[];
  executorSignatory: Signatory;
  customerSignatory?: Signatory;
  /** The executor's logo (PNG or JPEG), printed at the top; none when omitted. */
  logo?: Buffer;
}

export interface ReconciliationOperation {
  date: DocDate;
  /** «Продажа (12 от 01.02.2025)», «Оплата (п/п 34 от 05.02.2025)». */
  document: string;
  /** Kopecks, in the seller's books: debit = shipped to the buyer, credit = paid by the buyer. */
  debit: number;
  credit: number;
}

export interface ReconciliationInput {
  language: DocumentLanguage;
  /** Date the act is drawn up. */
  date: DocDate;
  periodFrom: DocDate;
  periodTo: DocDate;
  /** The party drawing up the act (Орг 1), whose books the operations come from. */
  seller: Party;
  buyer: Party;
  contract?: string;
  /** Kopecks at the start of the period; positive = the buyer owes the seller. */
  openingBalance: number;
  operations: ReconciliationOperation[];
  sellerSignatory: Signatory;
  sellerAccountant?: Signatory;
  buyerSignatory?: Signatory;
  /** The buyer's half: 'mirror' = pre-filled from the seller's data, 'blank' = left for the buyer to fill. */
  counterpart: 'mirror' | 'blank';
  /** The seller's logo (PNG or JPEG), printed at the top; none when omitted. */
  logo?: Buffer;
}
