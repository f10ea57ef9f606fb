import { IconReceipt } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

const history = lazyRouteComponent(() => import('./OrdersPage'), 'OrdersPage');
const detail = lazyRouteComponent(() => import('./OrderPage'), 'OrderPage');
const checkout = lazyRouteComponent(() => import('./CheckoutPage'), 'CheckoutPage');

/**
 * Orders of a person (`/orders`, `/checkout`) and of a company (`/orgs/:orgId/orders`, `/orgs/:orgId/checkout`),
 * the approvals inbox and the approval rules of a company. The same pages serve both scopes (scope.ts).
 */
export const ordersModule: WebModule = {
  id: 'orders',
  routes: (parent) => [
    ...['', '/orgs/$orgId'].flatMap((base) => [
      createRoute({ getParentRoute: () => parent, path: `${base}/orders`, component: history }),
      createRoute({ getParentRoute: () => parent, path: `${base}/orders/$orderId`, component: detail }),
      createRoute({ getParentRoute: () => parent, path: `${base}/checkout`, component: checkout }),
    ]),
    createRoute({
      getParentRoute: () => parent,
      path: '/orgs/$orgId/approvals',
      component: lazyRouteComponent(() => import('./ApprovalsPage'), 'ApprovalsPage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/orgs/$orgId/approval-rules',
      component: lazyRouteComponent(() => import('./ApprovalRulesPage'), 'ApprovalRulesPage'),
    }),
  ],
  nav: [{ to: '/orders', label: 'orders.nav', icon: IconReceipt, section: 'cabinet', order: 20 }],
};
