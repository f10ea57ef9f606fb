import { describe, expect, it } from 'vitest';
import { parseLines } from './useCheckoutLines';

describe('checkout lines from the URL', () => {
  it('reads variant:quantity pairs and drops malformed ones', () => {
    const id = '0190e2a4-0000-7000-8000-000000000001';
    expect(parseLines(`${id}:2,${id.replace('1', '2')}:0.5,bad:1,${id}:0,${id}`)).toEqual([
      { variantId: id, quantity: 2 },
      { variantId: id.replace('1', '2'), quantity: 0.5 },
    ]);
    expect(parseLines(null)).toEqual([]);
  });
});
