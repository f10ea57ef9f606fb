import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

/**
 * Delivery addresses: my own book under the profile (`/profile/addresses`, linked from the user menu) and a
 * company's book with consignees (`/orgs/:orgId/addresses`, linked from the company page). No nav items.
 */
export const addressesModule: WebModule = {
  id: 'addresses',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/profile/addresses',
      component: lazyRouteComponent(() => import('./PersonalAddressesPage'), 'PersonalAddressesPage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/orgs/$orgId/addresses',
      component: lazyRouteComponent(() => import('./CompanyAddressesPage'), 'CompanyAddressesPage'),
    }),
  ],
};
