import { describe, expect, it } from 'vitest';
import { spreadOverLines } from './orders.adjust.js';

describe('spreadOverLines', () => {
  it('splits to the kopeck in proportion, the remainders going to the largest fractions', () => {
    const shares = spreadOverLines(1000, [3333, 3333, 3334]);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(shares).toEqual([333, 333, 334]);
  });

  it('never gives a line more than its total and caps the amount at the sum', () => {
    expect(spreadOverLines(5000, [100, 200])).toEqual([100, 200]);
    const shares = spreadOverLines(299, [100, 200]);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(299);
    shares.forEach((s, i) => {
      expect(s).toBeLessThanOrEqual([100, 200][i] as number);
    });
  });

  it('gives nothing for a zero amount or zero totals', () => {
    expect(spreadOverLines(0, [100, 200])).toEqual([0, 0]);
    expect(spreadOverLines(100, [0, 0])).toEqual([0, 0]);
  });
});
