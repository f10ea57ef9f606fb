import { IconFileInvoice } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

/**
 * Reconciliation acts (акты сверки, docs/finance.md): a company asks for one over a quarter or a period, watches
 * it being drawn up, checks the lines and confirms it or disputes lines; the back office answers disputes.
 */
export const reconciliationsModule: WebModule = {
  id: 'reconciliations',
  routes: (parent) => {
    const page = (path: string, load: () => Promise<Record<string, React.ComponentType>>, name: string) =>
      createRoute({ getParentRoute: () => parent, path, component: lazyRouteComponent(load, name) });
    return [
      page('/reconciliations', () => import('./ReconciliationsPage'), 'ReconciliationsEntryPage'),
      page('/orgs/$orgId/reconciliations', () => import('./ReconciliationsPage'), 'ReconciliationsPage'),
      page('/orgs/$orgId/reconciliations/$id', () => import('./ActPage'), 'ActPage'),
      page('/admin/reconciliations', () => import('./AdminReconciliationsPage'), 'AdminReconciliationsPage'),
      page('/admin/reconciliations/$id', () => import('./AdminReconciliationsPage'), 'AdminActPage'),
    ];
  },
  nav: [
    {
      to: '/reconciliations',
      label: 'reconciliations.nav',
      icon: IconFileInvoice,
      section: 'cabinet',
      order: 70,
    },
    {
      to: '/admin/reconciliations',
      label: 'reconciliations.admin.nav',
      icon: IconFileInvoice,
      section: 'backOffice',
      permission: 'companies.read',
      order: 70,
    },
  ],
};
