import type { Db } from '../../server/core/db.js';

/**
 * The bonus-points ledger's interface to the other loyalty modules (implemented by the points work; docs/loyalty.md).
 * Points are whole numbers; what a point is worth in kopecks is a loyalty setting.
 */

/** Why points were awarded outside an order's accrual. */
export type AwardKind = 'welcome' | 'birthday' | 'referral' | 'adjustment' | 'promotion';

export interface AwardInput {
  personId: string;
  points: number;
  kind: AwardKind;
  /** What the person reads in their history («Бонус за приглашённого друга»). */
  reason: string;
  /** Idempotency: a second award with the same key is ignored (returns `awarded: false`). */
  key: string;
  /** Default: the configured lifetime of points from `now`. */
  expiresAt?: Date;
  now?: Date;
}

/** Credits points once per key (referral rewards, welcome and birthday bonuses, promotions). */
export async function awardPoints(_db: Db, _input: AwardInput): Promise<{ awarded: boolean }> {
  return { awarded: false };
}

export interface BonusSpendInput {
  personId: string;
  /** The order being placed; null for a checkout preview (nothing is recorded). */
  orderId: string | null;
  /** Points the customer asked to spend. */
  points: number;
  /** What is left to pay for the items after promo codes, in kopecks; the ledger applies its configured share. */
  payable: number;
  now: Date;
}

/**
 * Spends points on an order at checkout, earliest-expiring first, in the caller's transaction (the account row is
 * locked, so concurrent checkouts never overspend). Throws a 400 AppError on `bonusPoints` when the balance is
 * short. Returns the points taken and the kopecks they pay (at most the configured share of `payable`); with more
 * points asked than that share allows, it takes only what the share allows and `limitedBy` says so.
 */
export async function spendPointsOnOrder(
  _db: Db,
  _input: BonusSpendInput,
): Promise<{ points: number; amount: number; limitedBy: 'share' | null }> {
  return { points: 0, amount: 0, limitedBy: null };
}

/** The person's balance now and the points that expire soonest. */
export async function pointsBalance(
  _db: Db,
  _personId: string,
  _now?: Date,
): Promise<{ points: number; expiring: { points: number; at: string }[] }> {
  return { points: 0, expiring: [] };
}
