import { IconAlertTriangle, IconPackages, IconReceiptRefund, IconSettings } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

/**
 * Back office: orders (list, order page with status, edit, shipments, tracking, refunds), returns, claims and
 * the ordering rules.
 */
export const ordersAdminModule: WebModule = {
  id: 'orders-admin',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/orders',
      component: lazyRouteComponent(() => import('./OrdersPage'), 'OrdersPage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/orders/$id',
      component: lazyRouteComponent(() => import('./OrderPage'), 'OrderPage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/returns',
      component: lazyRouteComponent(() => import('./QueuesPage'), 'ReturnsQueuePage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/claims',
      component: lazyRouteComponent(() => import('./QueuesPage'), 'ClaimsQueuePage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/order-settings',
      component: lazyRouteComponent(() => import('./OrdersSettingsPage'), 'OrdersSettingsPage'),
    }),
  ],
  nav: [
    {
      to: '/admin/orders',
      label: 'orders-admin.nav',
      icon: IconPackages,
      section: 'backOffice',
      permission: 'orders.manage',
      order: 20,
    },
    {
      to: '/admin/returns',
      label: 'orders-admin.returns.nav',
      icon: IconReceiptRefund,
      section: 'backOffice',
      permission: 'orders.manage',
      order: 21,
    },
    {
      to: '/admin/claims',
      label: 'orders-admin.claims.nav',
      icon: IconAlertTriangle,
      section: 'backOffice',
      permission: 'orders.manage',
      order: 22,
    },
    {
      to: '/admin/order-settings',
      label: 'orders-admin.settings.nav',
      icon: IconSettings,
      section: 'backOffice',
      permission: 'settings.manage',
      order: 23,
    },
  ],
};
