import { IconRepeat } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

/** Subscriptions to regular deliveries and service plans, and reorder reminders. */
export const subscriptionsModule: WebModule = {
  id: 'subscriptions',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/subscriptions',
      component: lazyRouteComponent(() => import('./SubscriptionsPage'), 'SubscriptionsPage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/subscriptions/$subscriptionId',
      component: lazyRouteComponent(() => import('./SubscriptionPage'), 'SubscriptionPage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/reorder',
      component: lazyRouteComponent(() => import('./ReorderPage'), 'ReorderPage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/subscriptions',
      component: lazyRouteComponent(() => import('./AdminSubscriptionsPage'), 'AdminSubscriptionsPage'),
    }),
  ],
  nav: [
    { to: '/subscriptions', label: 'subscriptions.nav', icon: IconRepeat, section: 'cabinet', order: 26 },
    {
      to: '/admin/subscriptions',
      label: 'subscriptions.adminNav',
      icon: IconRepeat,
      section: 'backOffice',
      permission: 'loyalty.manage',
      order: 62,
    },
  ],
};
