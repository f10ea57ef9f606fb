import { IconReceiptRefund } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

/**
 * After an order is placed, for customers: shipment tracking with a route map, return requests (people) and
 * claims (companies). The orders module's order page links here (`/orders/:id/tracking`, `/orders/:id/return`,
 * `/orgs/:orgId/orders/:id/claim`).
 */
export const orderAftercareModule: WebModule = {
  id: 'order-aftercare',
  routes: (parent) => {
    const page = (path: string, load: () => Promise<Record<string, React.ComponentType>>, name: string) =>
      createRoute({ getParentRoute: () => parent, path, component: lazyRouteComponent(load, name) });
    return [
      page('/orders/$id/tracking', () => import('./TrackingPage'), 'TrackingPage'),
      page('/orgs/$orgId/orders/$id/tracking', () => import('./TrackingPage'), 'TrackingPage'),
      page('/orders/$id/return', () => import('./ReturnFormPage'), 'ReturnFormPage'),
      page('/returns', () => import('./ReturnsPage'), 'ReturnsPage'),
      page('/orgs/$orgId/orders/$id/claim', () => import('./ClaimFormPage'), 'ClaimFormPage'),
      page('/orgs/$orgId/claims', () => import('./ClaimsPage'), 'ClaimsPage'),
      page('/orgs/$orgId/claims/$claimId', () => import('./ClaimsPage'), 'ClaimPage'),
    ];
  },
  nav: [
    { to: '/returns', label: 'order-aftercare.nav', icon: IconReceiptRefund, section: 'cabinet', order: 60 },
  ],
};
