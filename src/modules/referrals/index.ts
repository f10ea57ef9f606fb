import { defineModule } from '../../server/core/module.js';
import { referralsJobs, wireReferrals } from './referrals.jobs.js';
import './referrals.notify.js';
import { referralsPersonalData } from './referrals.personal-data.js';
import { referralsRoutes } from './referrals.routes.js';

export { seedDemoReferrals } from './referrals.seed.js';

/**
 * The referral programme (docs/referrals.md): a person's link and code; a friend's first order rewards both, once, with fraud checks.
 */
export const referralsModule = defineModule({
  name: 'referrals',
  routes: (app, ctx) => referralsRoutes(app, ctx),
  jobs: (ctx) => referralsJobs(ctx),
  wire: (ctx) => wireReferrals(ctx),
  personalData: referralsPersonalData,
});
