import { describe, expect, it } from 'vitest';
import { formatLongDate, formatQuantity, formatRub, formatShortDate } from './money-format.js';

const nbsp = '\u00a0';

describe('document number and date formats', () => {
  it('formats kopecks with ru-RU grouping and a comma', () => {
    expect(formatRub(121000)).toBe(`1${nbsp}210,00`);
    expect(formatRub(0)).toBe('0,00');
    expect(formatRub(1212)).toBe('12,12');
    expect(formatRub(123456789)).toBe(`1${nbsp}234${nbsp}567,89`);
    expect(formatRub(-500)).toBe('-5,00');
    expect(formatRub(121000, 'en')).toBe('1,210.00');
    expect(() => formatRub(1.5)).toThrow(RangeError);
  });
  it('formats quantities with up to three decimals', () => {
    expect(formatQuantity(1.5)).toBe('1,5');
    expect(formatQuantity(2)).toBe('2');
    expect(formatQuantity(0.125)).toBe('0,125');
  });
  it('writes dates with the month in the genitive', () => {
    expect(formatLongDate('2025-03-05')).toBe('5 марта 2025 г.');
    expect(formatLongDate('2025-05-31')).toBe('31 мая 2025 г.');
    expect(formatLongDate('2025-01-01')).toBe('1 января 2025 г.');
    expect(formatLongDate('2025-03-05', 'en')).toBe('5 March 2025');
    expect(formatShortDate('2025-03-05')).toBe('05.03.2025');
  });
  it('rejects what is not a calendar date', () => {
    expect(() => formatLongDate('2025-02-30')).toThrow(RangeError);
    expect(() => formatShortDate('05.03.2025')).toThrow(RangeError);
  });
});
