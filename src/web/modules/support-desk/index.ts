import { IconHeadset, IconSettingsCog } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

/**
 * The operators' help desk (docs/support-desk.md): the workspace at `/admin/support` (queues, list, request)
 * and its settings at `/admin/support/settings` (queues and members, topics, canned replies, macros).
 */
export const supportDeskModule: WebModule = {
  id: 'support-desk',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/support',
      component: lazyRouteComponent(() => import('./DeskPage'), 'DeskPage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/support/settings',
      component: lazyRouteComponent(() => import('./DeskSettingsPage'), 'DeskSettingsPage'),
    }),
  ],
  nav: [
    {
      to: '/admin/support',
      label: 'support-desk.nav',
      icon: IconHeadset,
      section: 'backOffice',
      permission: 'support.work',
      order: 30,
    },
    {
      to: '/admin/support/settings',
      label: 'support-desk.settingsNav',
      icon: IconSettingsCog,
      section: 'backOffice',
      permission: 'support.manage',
      order: 31,
    },
  ],
};
