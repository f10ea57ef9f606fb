import { describe, expect, it } from 'vitest';
import { balanceColumns, computeReconciliation, mirrorColumns } from './reconciliation-balance.js';

describe('reconciliation arithmetic', () => {
  it('sums turnovers and carries the opening balance to the closing one', () => {
    const t = computeReconciliation(100_000, [
      { debit: 121_000, credit: 0 },
      { debit: 0, credit: 150_000 },
      { debit: 55_150, credit: 0 },
    ]);
    expect(t).toEqual({
      opening: { debit: 100_000, credit: 0 },
      turnover: { debit: 176_150, credit: 150_000 },
      closing: { debit: 126_150, credit: 0 },
      closingBalance: 126_150,
    });
  });

  it('shows an overpayment as a credit balance', () => {
    const t = computeReconciliation(-5_000, [{ debit: 0, credit: 10_000 }]);
    expect(t.opening).toEqual({ debit: 0, credit: 5_000 });
    expect(t.closing).toEqual({ debit: 0, credit: 15_000 });
    expect(t.closingBalance).toBe(-15_000);
  });

  it('closes at zero when everything is paid', () => {
    const t = computeReconciliation(0, [
      { debit: 1, credit: 0 },
      { debit: 0, credit: 1 },
    ]);
    expect(t.closingBalance).toBe(0);
    expect(t.closing).toEqual({ debit: 0, credit: 0 });
  });

  it('mirrors columns for the counterparty and rejects fractions', () => {
    expect(mirrorColumns(balanceColumns(300))).toEqual({ debit: 0, credit: 300 });
    expect(() => computeReconciliation(0, [{ debit: 0.5, credit: 0 }])).toThrow(RangeError);
  });
});
