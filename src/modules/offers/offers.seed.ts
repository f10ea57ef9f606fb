import type { Db } from '../../server/core/db.js';
import type { LoyaltyDemo } from '../loyalty/loyalty.demo.js';

/** Demo data (npm start): called from src/db/seed/demo.ts. */
export async function seedDemoOffers(_tx: Db, _demo: LoyaltyDemo): Promise<void> {}
