import type { Db } from '../../server/core/db.js';

/** A loyalty tier as the accrual rules need it (implemented by the tiers work; docs/loyalty.md). */
export interface TierInfo {
  code: string;
  name: string;
  /** Percent of the paid amount accrued as points, in basis points (500 = 5 %). */
  accrualBp: number;
}

/** The person's current tier, or null (then the base accrual rate applies). */
export async function tierOf(_db: Db, _personId: string): Promise<TierInfo | null> {
  return null;
}

/** Where the person stands: the current tier, the spend counted over the rolling period, and the next tier. */
export interface TierProgress {
  current: TierInfo | null;
  /** Kopecks spent over the rolling period (what tiers are decided by). */
  spend: number;
  periodDays: number;
  next: (TierInfo & { minSpend: number; spendLeft: number }) | null;
}

export async function tierProgressOf(_db: Db, _personId: string, _now?: Date): Promise<TierProgress> {
  return { current: null, spend: 0, periodDays: 365, next: null };
}
