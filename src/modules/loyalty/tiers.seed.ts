import type { Db } from '../../server/core/db.js';
import { ensureAccount } from './accounts.service.js';
import type { LoyaltyDemo } from './loyalty.demo.js';

/**
 * Demo data (npm start): called from src/db/seed/demo.ts. The tiers themselves come with the migration (0050); the
 * retail customer gets a card at once, so the card page and the till lookup have someone to show.
 */
export async function seedDemoTiers(tx: Db, demo: LoyaltyDemo): Promise<void> {
  await ensureAccount(tx, demo.customerId);
}
