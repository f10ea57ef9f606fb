import { IconClockHour4 } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

/** Back office: the support calendar, holidays and SLA policies (permission `support.manage`). */
export const slaAdminModule: WebModule = {
  id: 'sla-admin',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/sla',
      component: lazyRouteComponent(() => import('./SlaPage'), 'SlaPage'),
    }),
  ],
  nav: [
    {
      to: '/admin/sla',
      label: 'sla-admin.nav',
      icon: IconClockHour4,
      section: 'backOffice',
      permission: 'support.manage',
      order: 48,
    },
  ],
};
