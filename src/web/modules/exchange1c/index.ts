import { IconPlugConnected } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

/** Back office: the 1C exchange — the URL to type into 1C, integration accounts and the exchange log. */
export const exchange1cModule: WebModule = {
  id: 'exchange1c',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/integrations/1c',
      component: lazyRouteComponent(() => import('./Exchange1cPage'), 'Exchange1cPage'),
    }),
  ],
  nav: [
    {
      to: '/admin/integrations/1c',
      label: 'exchange1c.nav',
      icon: IconPlugConnected,
      section: 'backOffice',
      permission: 'integrations.manage',
      order: 60,
    },
  ],
};
