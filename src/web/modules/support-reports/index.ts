import { IconChartBar } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

/** Back office: support reports (volume, response and resolution times, SLA, CSAT, operators) and XLSX. */
export const supportReportsModule: WebModule = {
  id: 'support-reports',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/support/reports',
      component: lazyRouteComponent(() => import('./SupportReportsPage'), 'SupportReportsPage'),
    }),
  ],
  nav: [
    {
      to: '/admin/support/reports',
      label: 'support-reports.nav',
      icon: IconChartBar,
      section: 'backOffice',
      permission: 'support.manage',
      order: 41,
    },
  ],
};
