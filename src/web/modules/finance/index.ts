import { IconCash } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

/**
 * A company's finances (`/orgs/:orgId/finance`, docs/finance.md): balance, receivable and overdue debt, credit
 * limit used, the debt chart, the deferred-payment schedule and the payments received. The back office's
 * company page shows the company's payments and records new ones (AdminCompanyFinance).
 */
export const financeModule: WebModule = {
  id: 'finance',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/orgs/$orgId/finance',
      component: lazyRouteComponent(() => import('./FinancePage'), 'FinancePage'),
    }),
  ],
  nav: [
    {
      to: '/orgs/$orgId/finance',
      label: 'finance.nav',
      icon: IconCash,
      section: 'cabinet',
      companyPermission: 'finance.read',
      order: 35,
    },
  ],
};
