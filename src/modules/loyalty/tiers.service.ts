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
