import { describe, expect, it } from 'vitest';
import { columnKeyOf } from './transfer.columns.js';
import { decodeText, detectDelimiter, parseCsv, sniffFormat } from './transfer.read.js';
import { formatMoney, parseMoney, parseNumber, quantityRule } from './transfer.values.js';

describe('reading typed values', () => {
  it('reads prices the way Russian spreadsheets write them, to the kopeck', () => {
    const kopecks = (cell: string | number) => {
      const parsed = parseMoney(cell);
      return parsed.ok ? parsed.value : parsed.code;
    };
    expect(kopecks('1 234,50')).toBe(123_450);
    expect(kopecks('1\u00a0234,5')).toBe(123_450);
    expect(kopecks('1.234,50')).toBe(123_450);
    expect(kopecks('1,234.50')).toBe(123_450);
    expect(kopecks('3 490 ₽')).toBe(349_000);
    expect(kopecks('0,29')).toBe(29);
    expect(kopecks(1234.5)).toBe(123_450);
    expect(kopecks(0.29)).toBe(29);
    expect(kopecks('1,999')).toBe('priceDecimals');
    expect(kopecks(1.999)).toBe('priceDecimals');
    expect(kopecks('-5')).toBe('negativePrice');
    expect(kopecks('сто')).toBe('notPrice');
    expect(formatMoney(123_450, ',')).toBe('1234,50');
  });

  it('reads quantities with up to three decimals under a minimum', () => {
    expect(parseNumber('1 000,5', quantityRule(0, true))).toEqual({ ok: true, value: 1000.5 });
    expect(parseNumber(0, quantityRule(0, true))).toEqual({ ok: true, value: 0 });
    expect(parseNumber(0, quantityRule(0, false))).toMatchObject({ ok: false, code: 'moreThan' });
    expect(parseNumber('1,2345', quantityRule(0, true))).toMatchObject({ ok: false, code: 'decimals' });
    expect(parseNumber(0.1 + 0.2, quantityRule(0, true))).toEqual({ ok: true, value: 0.3 });
  });
});

describe('reading files', () => {
  it('tells XLSX, CSV and other files apart by their first bytes', () => {
    expect(sniffFormat(Buffer.from('PK\u0003\u0004rest'))).toEqual({ format: 'xlsx' });
    expect(sniffFormat(Buffer.from('sku;price\r\nA;1\r\n'))).toEqual({ format: 'csv' });
    expect(sniffFormat(Buffer.from('d0cf11e0a1b11ae1', 'hex')).format).toBeNull();
    expect(sniffFormat(Buffer.from('89504e470d0a1a0a0000', 'hex')).format).toBeNull();
    expect(sniffFormat(Buffer.alloc(0)).format).toBeNull();
  });

  it('decodes UTF-8 (with or without BOM) and Windows-1251, and finds the delimiter', () => {
    expect(decodeText(Buffer.from('\ufeffАртикул', 'utf8'))).toBe('Артикул');
    expect(decodeText(Buffer.from('Артикул', 'utf8'))).toBe('Артикул');
    expect(decodeText(Buffer.from([0xc0, 0xf0, 0xf2, 0xe8, 0xea, 0xf3, 0xeb]))).toBe('Артикул');
    expect(detectDelimiter('sku;name;price\n1,2;3')).toBe(';');
    expect(detectDelimiter('sku,name,price\n')).toBe(',');
    expect(detectDelimiter('"a;b",c,d\n')).toBe(',');
  });

  it('splits CSV records with quotes and line breaks, numbering each by its first line', () => {
    const records = [...parseCsv('a;b\r\n"x;""y""";"line\nbreak"\nlast;1', ';')];
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['a', 'b']],
      [2, ['x;"y"', 'line\nbreak']],
      [4, ['last', '1']],
    ]);
  });

  it('matches header names in Russian and English, loosely', () => {
    expect(columnKeyOf('prices', 'Цена (руб.)')).toBe('price');
    expect(columnKeyOf('prices', 'PRICE_LIST')).toBe('price_list');
    expect(columnKeyOf('products', 'Объём, м3')).toBe('volume');
    expect(columnKeyOf('stock', 'Склад*')).toBe('warehouse');
    expect(columnKeyOf('stock', 'Комментарий')).toBeNull();
  });
});
