import { IconDiscount, IconGift } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

/** The person's bonus points (balance, expiry, history) and the back office's rules, adjustments and reports. */
export const loyaltyModule: WebModule = {
  id: 'loyalty',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/loyalty',
      component: lazyRouteComponent(() => import('./LoyaltyPage'), 'LoyaltyPage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/loyalty',
      component: lazyRouteComponent(() => import('./AdminLoyaltyPage'), 'AdminLoyaltyPage'),
    }),
  ],
  nav: [
    { to: '/loyalty', label: 'loyalty.nav', icon: IconGift, section: 'cabinet', order: 15 },
    {
      to: '/admin/loyalty',
      label: 'loyalty.adminNav',
      icon: IconDiscount,
      section: 'backOffice',
      permission: 'loyalty.manage',
      order: 45,
    },
  ],
};
