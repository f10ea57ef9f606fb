import type { MessageParams, RowMessageCode } from './transfer.messages.js';

/**
 * Reading cell values the way people type them in Russian spreadsheets: "1 234,50", "1234.5", "3 490 ₽",
 * numbers stored as text, formulas with a cached result. Amounts are parsed from their digits (never through a
 * float) so "0,29" is exactly 29 kopecks.
 */

/** A cell after reading: text, a number, or empty. */
export type Cell = string | number | null;

/** The outcome of reading one cell: a value, or the code of what is wrong with it (transfer.messages.ts). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; code: RowMessageCode; params?: MessageParams };

const fail = (code: RowMessageCode, params?: MessageParams): Parsed<never> =>
  params ? { ok: false, code, params } : { ok: false, code };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });

/** Turns whatever exceljs or the CSV reader gives into text, a number or null (empty cells and blanks). */
export function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return toCell(v.richText.map((part) => String(part?.text ?? '')).join(''));
    if ('result' in v) return toCell(v.result);
    if ('formula' in v || 'sharedFormula' in v) return null;
    if ('text' in v) return toCell(v.text);
    if ('error' in v) return String(v.error);
  }
  return toCell(String(value));
}

/** A cell as text ("12345" for a number typed into a SKU column). */
export function cellText(cell: Cell): string | null {
  if (cell === null) return null;
  return typeof cell === 'number' ? String(cell) : cell;
}

/** Digits and an optional sign/decimal point from a typed number, or null when it is not a number. */
function normaliseNumber(text: string): string | null {
  let s = text.replace(/\s*(₽|руб\.?|р\.|rub)$/i, '').replace(/[\s\u00a0\u202f'’]/g, '');
  const comma = s.lastIndexOf(',');
  const dot = s.lastIndexOf('.');
  if (comma >= 0 && dot >= 0) {
    // Both present: the last one is the decimal separator, the other groups thousands.
    s = comma > dot ? s.replaceAll('.', '').replace(',', '.') : s.replaceAll(',', '');
  } else if (comma >= 0) {
    s = s.indexOf(',') === comma ? s.replace(',', '.') : s.replaceAll(',', '');
  } else if (dot >= 0 && s.indexOf('.') !== dot) {
    s = s.replaceAll('.', '');
  }
  return /^[-+]?\d+(\.\d+)?$/.test(s) ? s.replace(/^\+/, '') : null;
}

/** Whether a float read from a spreadsheet has at most `decimals` decimal places (within float noise). */
function hasDecimals(value: number, decimals: number): boolean {
  const scaled = value * 10 ** decimals;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6 * Math.max(1, Math.abs(scaled));
}

/** A price in kopecks from "1 234,50", "1234.5", 1234.5 or "3 490 ₽"; never negative, at most two decimals. */
export function parseMoney(cell: Cell): Parsed<number> {
  if (cell === null) return fail('required');
  let kopecks: number;
  if (typeof cell === 'number') {
    if (!hasDecimals(cell, 2)) return fail('priceDecimals');
    kopecks = Math.round(cell * 100);
  } else {
    const s = normaliseNumber(cell);
    if (s === null) return fail('notPrice', { value: cell });
    const [whole = '0', fraction = ''] = s.replace('-', '').split('.');
    if (fraction.length > 2) return fail('priceDecimals');
    kopecks = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
    if (s.startsWith('-')) kopecks = -kopecks;
  }
  if (kopecks < 0) return fail('negativePrice');
  if (!Number.isSafeInteger(kopecks) || kopecks > 1e15) return fail('tooLarge');
  return ok(kopecks);
}

export interface NumberRule {
  /** Decimal places allowed (3 for quantities). */
  decimals: number;
  /** Smallest allowed value and whether it is allowed itself. */
  min: number;
  minInclusive: boolean;
  /** Values must be below this (the column's precision). */
  below: number;
}

/** Quantities: stock, pack size, minimum order, quantity breaks (numeric(15,3)). */
export const quantityRule = (min: number, minInclusive: boolean): NumberRule => ({
  decimals: 3,
  min,
  minInclusive,
  below: 1e12,
});

/** A decimal number under a rule, from a number cell or typed text ("1 000,5"). */
export function parseNumber(cell: Cell, rule: NumberRule): Parsed<number> {
  if (cell === null) return fail('required');
  let value: number;
  if (typeof cell === 'number') {
    if (!hasDecimals(cell, rule.decimals)) return fail('decimals', { decimals: rule.decimals });
    value = Math.round(cell * 10 ** rule.decimals) / 10 ** rule.decimals;
  } else {
    const s = normaliseNumber(cell);
    if (s === null) return fail('notNumber', { value: cell });
    if ((s.split('.')[1] ?? '').length > rule.decimals) return fail('decimals', { decimals: rule.decimals });
    value = Number(s);
  }
  if (value < rule.min || (!rule.minInclusive && value === rule.min)) {
    return fail(rule.minInclusive ? 'atLeast' : 'moreThan', { min: rule.min });
  }
  if (Math.abs(value) >= rule.below) return fail('tooLarge');
  return ok(value);
}

/** Formats kopecks as the exports write them: "1234.50" in XLSX-friendly form, "1234,50" for CSV. */
export function formatMoney(kopecks: number, decimalSeparator: '.' | ','): string {
  const sign = kopecks < 0 ? '-' : '';
  const abs = Math.abs(kopecks);
  return `${sign}${Math.floor(abs / 100)}${decimalSeparator}${String(abs % 100).padStart(2, '0')}`;
}

/** A decimal number as text with a chosen separator, without float noise ("0.1 + 0.2" stays "0.3"). */
export function formatDecimal(value: number, decimalSeparator: '.' | ','): string {
  const text = String(Math.round(value * 1e6) / 1e6);
  return decimalSeparator === '.' ? text : text.replace('.', ',');
}
