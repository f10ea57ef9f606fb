import { IconDiscount2 } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

/** Personal offers, targeted promotions and recommendations; segments in the back office (docs/offers.md). */
export const offersModule: WebModule = {
  id: 'offers',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/offers',
      component: lazyRouteComponent(() => import('./AdminOffersPage'), 'AdminOffersPage'),
    }),
  ],
  nav: [
    {
      to: '/admin/offers',
      label: 'offers.nav',
      icon: IconDiscount2,
      section: 'backOffice',
      permission: 'loyalty.manage',
      order: 53,
    },
  ],
};
