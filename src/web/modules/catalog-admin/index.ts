import { IconPackages } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

/**
 * Back office: the catalog — products (with bulk edit), categories, warehouses, price lists with discounts and
 * promotions. One module id, so staff roles and customer groups get or lose the whole catalog section at once.
 */
export const catalogAdminModule: WebModule = {
  id: 'catalog-admin',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/catalog',
      component: lazyRouteComponent(() => import('./ProductsPage'), 'ProductsPage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/catalog/products/$productId',
      component: lazyRouteComponent(() => import('./ProductPage'), 'ProductPage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/catalog/categories',
      component: lazyRouteComponent(() => import('./CategoriesPage'), 'CategoriesPage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/catalog/warehouses',
      component: lazyRouteComponent(() => import('./WarehousesPage'), 'WarehousesPage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/catalog/prices',
      component: lazyRouteComponent(() => import('./PricesPage'), 'PricesPage'),
    }),
  ],
  nav: [
    {
      to: '/admin/catalog',
      label: 'catalog-admin.nav.catalog',
      icon: IconPackages,
      section: 'backOffice',
      permission: 'catalog.manage',
      order: 40,
    },
  ],
};
