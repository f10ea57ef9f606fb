import { describe, expect, it } from 'vitest';
import { ean13Modules, ean13Svg } from './card.barcode.js';
import { maskEmail, maskPhone } from './card.service.js';
import {
  cardNumberOf,
  cardNumberProblem,
  ean13CheckDigit,
  isCardNumber,
  normalizeCardNumber,
} from './card-number.js';

describe('EAN-13 check digits and card numbers', () => {
  it('computes the check digit of published EAN-13 numbers', () => {
    expect(ean13CheckDigit('400638133393')).toBe(1); // 4006381333931
    expect(ean13CheckDigit('590123412345')).toBe(7); // 5901234123457
    expect(ean13CheckDigit('460123456789')).toBe(3); // 4601234567893
    expect(ean13CheckDigit('200000000000')).toBe(8);
  });

  it('makes card numbers with the in-store prefix 2 and a valid check digit', () => {
    expect(cardNumberOf(1)).toBe('2000000000015');
    expect(cardNumberOf(12345)).toBe('2000000123455');
    for (const n of [1, 2, 99, 1000, 99_999_999_999]) {
      const number = cardNumberOf(n);
      expect(number).toMatch(/^2\d{12}$/);
      expect(isCardNumber(number)).toBe(true);
    }
  });

  it('tells why a string is not a card number', () => {
    expect(cardNumberProblem('2000000000015')).toBeNull();
    expect(cardNumberProblem('20000000000a5')).toMatch(/digits only/);
    expect(cardNumberProblem('200000000001')).toMatch(/13 digits, this has 12/);
    expect(cardNumberProblem('4006381333931')).toMatch(/start with 2/);
    expect(cardNumberProblem('2000000000016')).toMatch(/check digit.*expected 5/);
    expect(normalizeCardNumber(' 2 000000 000015-')).toBe('2000000000015');
  });
});

describe('EAN-13 symbol', () => {
  it('encodes 5901234123457 as the GS1 example shows', () => {
    const m = ean13Modules('5901234123457');
    expect(m).toHaveLength(95);
    expect(m.slice(0, 3)).toBe('101');
    expect(m.slice(45, 50)).toBe('01010');
    expect(m.slice(92)).toBe('101');
    // First digit 5 → parity ABBAAB: 9 (A) 0 (B) 1 (B) 2 (A) 3 (A) 4 (B); right half in set C.
    expect(m.slice(3, 45)).toBe(['0001011', '0100111', '0110011', '0010011', '0111101', '0011101'].join(''));
    expect(m.slice(50, 92)).toBe(['1100110', '1101100', '1000010', '1011100', '1001110', '1000100'].join(''));
  });

  it('draws every bar of the symbol in the SVG, with quiet zones and the digits', () => {
    const number = cardNumberOf(42);
    const svg = ean13Svg(number);
    expect(svg.startsWith('<svg')).toBe(true);
    const widths = [...svg.matchAll(/<rect x="(\d+)" y="2" width="(\d+)"/g)].map((r) => [
      Number(r[1]),
      Number(r[2]),
    ]);
    const drawn = new Set(
      widths.flatMap(([x, w]) => Array.from({ length: w as number }, (_, k) => (x as number) - 11 + k)),
    );
    const modules = ean13Modules(number);
    for (let i = 0; i < 95; i++) expect(drawn.has(i)).toBe(modules[i] === '1');
    expect(Math.min(...widths.map(([x]) => x as number))).toBe(11);
    for (const digit of number) expect(svg).toContain(`>${digit}</text>`);
  });
});

describe('masking for the till', () => {
  it('shows only the last digits of a phone and the first letter of an e-mail', () => {
    expect(maskPhone('+79990000002')).toBe('+7 *** ***-**-02');
    expect(maskPhone(null)).toBeNull();
    expect(maskEmail('customer@demo.kabinet.local')).toBe('c***@demo.kabinet.local');
  });
});
