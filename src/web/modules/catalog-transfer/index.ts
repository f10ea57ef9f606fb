import { IconFileSpreadsheet } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

/** Back office: import and export of products, prices and stock (XLSX/CSV) with progress and error reports. */
export const catalogTransferModule: WebModule = {
  id: 'catalog-transfer',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/catalog/transfer',
      component: lazyRouteComponent(() => import('./CatalogTransferPage'), 'CatalogTransferPage'),
    }),
  ],
  nav: [
    {
      to: '/admin/catalog/transfer',
      label: 'catalog-transfer.nav',
      icon: IconFileSpreadsheet,
      section: 'backOffice',
      permission: 'catalog.manage',
      order: 45,
    },
  ],
};
