import type { WebModule } from '../../app/module-types';

/** The referral programme: the person's link and code, and the rewards. */
export const referralsModule: WebModule = {
  id: 'referrals',
  routes: () => [],
  nav: [],
};
