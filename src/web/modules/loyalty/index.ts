import type { WebModule } from '../../app/module-types';

/** The person's bonus points (balance, expiry, history) and the back office's rules, adjustments and reports. */
export const loyaltyModule: WebModule = {
  id: 'loyalty',
  routes: () => [],
  nav: [],
};
