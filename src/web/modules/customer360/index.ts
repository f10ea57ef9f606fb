import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

/**
 * Back office: the customer-360 page of a person (the same panel the operator sees beside a request). No nav
 * item: it is opened from a request, the reports or a link. The desk imports `Customer360Panel` from
 * ./Customer360Panel directly, so the panel stays out of the main bundle.
 */
export const customer360Module: WebModule = {
  id: 'customer360',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/support/customers/$personId',
      component: lazyRouteComponent(() => import('./CustomerPage'), 'CustomerPage'),
    }),
  ],
};
