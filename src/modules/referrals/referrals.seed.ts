import type { Db } from '../../server/core/db.js';
import type { LoyaltyDemo } from '../loyalty/loyalty.demo.js';
import { ensureCode } from './referrals.service.js';

/** Demo data (npm start): the retail customer already has a referral code to share. */
export async function seedDemoReferrals(tx: Db, demo: LoyaltyDemo): Promise<void> {
  await ensureCode(tx, demo.customerId);
}
