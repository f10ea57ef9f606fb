import { defineModule } from '../../server/core/module.js';
import { loyaltyPersonalData } from './loyalty.personal-data.js';
import { pointsJobs, wirePoints } from './points.jobs.js';
import { pointsRoutes } from './points.routes.js';
import { tiersJobs, wireTiers } from './tiers.jobs.js';
import { tiersRoutes } from './tiers.routes.js';

export { accountByCard, ensureAccount, type LoyaltyAccount, setTier } from './accounts.service.js';
export { cardNumberOf, isCardNumber } from './card-number.js';
export type { LoyaltyDemo } from './loyalty.demo.js';
export { seedDemoPoints } from './points.seed.js';
export {
  type AwardInput,
  type AwardKind,
  awardPoints,
  type BonusSpendInput,
  type ExpiringPoints,
  pointsBalance,
  spendPointsOnOrder,
} from './points.service.js';
export { getPointsSettings, type PointsSettings } from './points.settings.js';
export { seedDemoTiers } from './tiers.seed.js';
export { type TierInfo, type TierProgress, tierOf, tierProgressOf } from './tiers.service.js';

/**
 * Loyalty (docs/loyalty.md): the bonus-points ledger (accrual rules, spending at checkout, expiry, reversals,
 * staff adjustments, reports), tiers by rolling spend, and the loyalty card with its till lookup.
 */
export const loyaltyModule = defineModule({
  name: 'loyalty',
  routes: (app, ctx) => {
    pointsRoutes(app, ctx);
    tiersRoutes(app, ctx);
  },
  jobs: (ctx) => [...pointsJobs(ctx), ...tiersJobs(ctx)],
  personalData: loyaltyPersonalData,
  wire: (ctx) => {
    wirePoints(ctx);
    wireTiers(ctx);
  },
});
