import QRCode from 'qrcode';
import {
  isValidBik,
  isValidCorrespondentAccount,
  isValidInn,
  isValidKpp,
  isValidSettlementAccount,
} from '../../../shared/requisites.js';
import { MissingRequisitesError } from '../missing-requisites-error.js';

/**
 * The payment QR code of ГОСТ Р 56042-2014 («Символы двумерного штрихового кода для осуществления платежей физических лиц»): banking apps read it
 * to pre-fill a payment. Header `ST00012` = format ST, version 0001, encoding 2 (UTF-8); fields `Key=Value`
 * separated by `|`. Field names per ../shared/docs/ru-documents.md §6.1 (⚠️ from memory there; re-check with
 * the standard's text before relying on optional fields other than these).
 */

export const paymentQrHeader = 'ST00012';

export interface PaymentQrFields {
  /** Name — the payee. */
  name: string;
  /** PersonalAcc — the payee's расчётный счёт. */
  personalAcc: string;
  /** BankName — the payee's bank. */
  bankName: string;
  /** BIC — the bank's БИК. */
  bic: string;
  /** CorrespAcc — the bank's корреспондентский счёт. */
  correspAcc: string;
  /** Sum — in kopecks. */
  sum?: number;
  /** Purpose — назначение платежа. */
  purpose?: string;
  /** PayeeINN. */
  payeeInn?: string;
  /** KPP — the payee's КПП. */
  kpp?: string;
}

const keys: [keyof PaymentQrFields, string][] = [
  ['name', 'Name'],
  ['personalAcc', 'PersonalAcc'],
  ['bankName', 'BankName'],
  ['bic', 'BIC'],
  ['correspAcc', 'CorrespAcc'],
  ['sum', 'Sum'],
  ['purpose', 'Purpose'],
  ['payeeInn', 'PayeeINN'],
  ['kpp', 'KPP'],
];
const mandatory: (keyof PaymentQrFields)[] = ['name', 'personalAcc', 'bankName', 'bic', 'correspAcc'];

/**
 * A value made safe for the format: `|` is the field separator and the standard has no escape, so a `|` in a
 * name or purpose would split the field; we replace it (and line breaks, which some readers stop at) with a
 * space and collapse the spaces. The text stays readable; nothing else is altered.
 */
function clean(value: string): string {
  return value
    .replace(/[|\r\n\t]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** Which fields are missing or invalid, as paths of PaymentQrFields. */
function problems(f: PaymentQrFields): { missing: string[]; invalid: string[] } {
  const missing = mandatory.filter((k) => !clean(String(f[k] ?? '')));
  const invalid: string[] = [];
  if (f.bic && !isValidBik(f.bic)) invalid.push('bic');
  if (f.personalAcc && isValidBik(f.bic) && !isValidSettlementAccount(f.personalAcc, f.bic))
    invalid.push('personalAcc');
  if (f.correspAcc && isValidBik(f.bic) && !isValidCorrespondentAccount(f.correspAcc, f.bic))
    invalid.push('correspAcc');
  if (f.sum !== undefined && !(Number.isSafeInteger(f.sum) && f.sum >= 0)) invalid.push('sum');
  if (f.payeeInn && !isValidInn(f.payeeInn)) invalid.push('payeeInn');
  if (f.kpp && !isValidKpp(f.kpp)) invalid.push('kpp');
  return { missing, invalid };
}

/** The QR payload text «ST00012|Name=…|PersonalAcc=…|…»; throws MissingRequisitesError on bad fields. */
export function paymentQrPayload(fields: PaymentQrFields): string {
  const { missing, invalid } = problems(fields);
  if (missing.length || invalid.length) throw new MissingRequisitesError('payment-qr', missing, invalid);
  const parts = [paymentQrHeader];
  for (const [key, name] of keys) {
    const value = fields[key];
    if (value === undefined || value === '') continue;
    parts.push(`${name}=${clean(String(value))}`);
  }
  return parts.join('|');
}

/** The payload as a PNG (error correction M, which bank apps read reliably from paper). */
export function paymentQrPng(payload: string, width = 400): Promise<Buffer> {
  // The standard quiet zone (4 modules): with a narrower one, readers miss dense codes (a long purpose).
  return QRCode.toBuffer(payload, { type: 'png', errorCorrectionLevel: 'M', margin: 4, width });
}

/** Reads a payload back into `Key → value` (for tests and for checking what a code says). */
export function parsePaymentQr(text: string): { header: string; fields: Record<string, string> } {
  const [header = '', ...rest] = text.split('|');
  if (!/^ST0001[123]$/.test(header)) throw new RangeError(`Not a ГОСТ Р 56042-2014 payload: ${header}`);
  const fields: Record<string, string> = {};
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new RangeError(`Malformed field: ${part}`);
    fields[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return { header, fields };
}
