import { IconBuildingStore } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

const pages = {
  '': lazyRouteComponent(() => import('./CatalogPage'), 'CatalogPage'),
  '/products/$productId': lazyRouteComponent(() => import('./ProductPage'), 'ProductPage'),
  '/favorites': lazyRouteComponent(() => import('./ListPage'), 'FavoritesPage'),
  '/recent': lazyRouteComponent(() => import('./ListPage'), 'RecentPage'),
  '/compare': lazyRouteComponent(() => import('./ComparePage'), 'ComparePage'),
};

/**
 * The shopper catalog. The same pages serve two places: `/catalog` (a guest's public prices, or a signed-in
 * person's own) and `/orgs/:orgId/catalog` (a company member's contract prices and stock per warehouse); the
 * pages pick the API scope from the URL and the session (scope.ts). Guests browse freely; favorites, compare
 * and recently viewed are kept per person, so a guest is asked to sign in for them.
 */
export const catalogModule: WebModule = {
  id: 'catalog',
  routes: (parent) =>
    ['/catalog', '/orgs/$orgId/catalog'].flatMap((base) =>
      Object.entries(pages).map(([path, component]) =>
        createRoute({ getParentRoute: () => parent, path: `${base}${path}`, component }),
      ),
    ),
  nav: [
    {
      to: '/catalog',
      label: 'catalog.nav',
      icon: IconBuildingStore,
      section: 'cabinet',
      // Not in the phone's bottom bar: it takes the first four items by order, which would push an operator's
      // back-office items out (e2e/shell-navigation); shoppers reach the catalog through the menu and home.
      order: 10,
    },
  ],
};
