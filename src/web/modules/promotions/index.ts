import { IconDiscount2 } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

/** Promo codes at checkout (CheckoutDiscounts) and the back office's promotions, code batches and usage report. */
export const promotionsModule: WebModule = {
  id: 'promotions',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/promotions',
      component: lazyRouteComponent(() => import('./PromotionsPage'), 'PromotionsPage'),
    }),
  ],
  nav: [
    {
      to: '/admin/promotions',
      label: 'promotions.nav',
      icon: IconDiscount2,
      section: 'backOffice',
      permission: 'loyalty.manage',
      order: 60,
    },
  ],
};
