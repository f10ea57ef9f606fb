import { IconAward, IconCreditCard, IconScan } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

/** The loyalty card (QR and barcode), tiers, and the staff till lookup by card (docs/loyalty-card.md). */
export const loyaltyCardModule: WebModule = {
  id: 'loyalty-card',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/loyalty/card',
      component: lazyRouteComponent(() => import('./CardPage'), 'CardPage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/loyalty/till',
      component: lazyRouteComponent(() => import('./TillPage'), 'TillPage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/loyalty/tiers',
      component: lazyRouteComponent(() => import('./TiersPage'), 'TiersPage'),
    }),
  ],
  nav: [
    {
      to: '/loyalty/card',
      label: 'loyalty-card.nav',
      icon: IconCreditCard,
      section: 'cabinet',
      order: 15,
    },
    {
      to: '/admin/loyalty/till',
      label: 'loyalty-card.till.nav',
      icon: IconScan,
      section: 'backOffice',
      permission: 'loyalty.till',
      order: 52,
    },
    {
      to: '/admin/loyalty/tiers',
      label: 'loyalty-card.tiers.nav',
      icon: IconAward,
      section: 'backOffice',
      permission: 'loyalty.manage',
      order: 53,
    },
  ],
};
