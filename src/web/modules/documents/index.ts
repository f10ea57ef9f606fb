import { IconFiles } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

/**
 * A company's finance documents (`/orgs/:orgId/documents`, docs/documents.md): list with filters, preview,
 * download one or a ZIP, request an invoice. The order page shows an order's documents (OrderDocuments).
 */
export const documentsModule: WebModule = {
  id: 'documents',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/orgs/$orgId/documents',
      component: lazyRouteComponent(() => import('./DocumentsPage'), 'DocumentsPage'),
    }),
  ],
  nav: [
    {
      to: '/orgs/$orgId/documents',
      label: 'documents.nav',
      icon: IconFiles,
      section: 'cabinet',
      companyPermission: 'documents.read',
      order: 30,
    },
  ],
};
