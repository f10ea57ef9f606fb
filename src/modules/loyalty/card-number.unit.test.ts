import { describe, expect, it } from 'vitest';
import { cardNumberOf, ean13CheckDigit, isCardNumber } from './card-number.js';

describe('loyalty card numbers', () => {
  it('computes EAN-13 check digits (GS1 examples)', () => {
    expect(ean13CheckDigit('400638133393')).toBe(1);
    expect(ean13CheckDigit('460123456789')).toBe(3);
  });

  it('makes 13-digit in-store numbers that validate, and rejects a changed digit', () => {
    const n = cardNumberOf(42);
    expect(n).toMatch(/^2\d{12}$/);
    expect(isCardNumber(n)).toBe(true);
    const wrong = `${n.slice(0, 12)}${(Number(n[12]) + 1) % 10}`;
    expect(isCardNumber(wrong)).toBe(false);
    expect(isCardNumber('4006381333931')).toBe(false);
  });
});
