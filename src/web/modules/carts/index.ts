import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

/**
 * Carts: `/cart` (a signed-in person's own, or a guest's until sign-in merges it), `/orgs/:orgId/carts` (the
 * member's carts and the shared shopping lists) and `/orgs/:orgId/carts/:cartId`; each cart page has quick
 * order. "Add to cart" lives on the catalog pages (AddToCart.tsx) and the cart icon in the header.
 */
export const cartsModule: WebModule = {
  id: 'carts',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/cart',
      component: lazyRouteComponent(() => import('./CartPage'), 'CartPage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/orgs/$orgId/carts',
      component: lazyRouteComponent(() => import('./CompanyCartsPage'), 'CompanyCartsPage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/orgs/$orgId/carts/$cartId',
      component: lazyRouteComponent(() => import('./CompanyCartsPage'), 'CompanyCartPage'),
    }),
  ],
};
