import { IconShieldLock } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

/** Back office: which sign-in methods the portal offers and who must use two-factor authentication. */
export const securitySettingsModule: WebModule = {
  id: 'security-settings',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/security',
      component: lazyRouteComponent(() => import('./SecuritySettingsPage'), 'SecuritySettingsPage'),
    }),
  ],
  nav: [
    {
      to: '/admin/security',
      label: 'security-settings.nav',
      icon: IconShieldLock,
      section: 'backOffice',
      permission: 'settings.manage',
      order: 50,
    },
  ],
};
