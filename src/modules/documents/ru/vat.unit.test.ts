import { describe, expect, it } from 'vitest';
import { lineVat, vatIncluded, vatTotals } from './vat.js';

describe('VAT included in amounts', () => {
  it.each([
    [121000, 20, 20167], // 1 210,00 × 20/120 = 201,666… → 201,67
    [12000, 20, 2000],
    [11000, 10, 1000],
    [10500, 5, 500],
    [10700, 7, 700],
    [100, 20, 17], // 16,67 kopecks → 17
    [3, 20, 1], // 0,5 → 1 (half up)
    [10000, 0, 0],
    [10000, null, 0],
    [-121000, 20, -20167],
  ] as const)('%d at %s%% includes %d', (amount, rate, vat) => expect(vatIncluded(amount, rate)).toBe(vat));

  it('rejects fractional kopecks', () => expect(() => vatIncluded(10.5, 20)).toThrow(RangeError));

  it('splits a line into net, VAT and gross', () =>
    expect(lineVat({ amount: 121000, vatRate: 20 })).toEqual({ net: 100833, vat: 20167, gross: 121000 }));

  it('sums per-line VAT (1C), which differs from VAT on the total', () => {
    // Three lines of 1,00 at 20 %: per line 0,17 each → 0,51; on the total 3,00 it would be 0,50.
    const lines = [1, 2, 3].map(() => ({ amount: 100, vatRate: 20 as const }));
    const t = vatTotals(lines);
    expect(t).toMatchObject({ total: 300, vat: 51, net: 249, withoutVat: false });
    expect(t.byRate).toEqual([{ rate: 20, vat: 51 }]);
  });

  it('groups VAT per rate, highest first, and flags documents without VAT', () => {
    const t = vatTotals([
      { amount: 11000, vatRate: 10 },
      { amount: 12000, vatRate: 20 },
      { amount: 5000, vatRate: null },
    ]);
    expect(t.byRate).toEqual([
      { rate: 20, vat: 2000 },
      { rate: 10, vat: 1000 },
    ]);
    expect(t.total).toBe(28000);
    expect(vatTotals([{ amount: 5000, vatRate: null }]).withoutVat).toBe(true);
  });
});
