import { IconMessages } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

/** The back office's chat inbox (`/admin/chat`, docs/chat.md): managers and support answer customers. */
export const chatAdminModule: WebModule = {
  id: 'chat-admin',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/chat',
      component: lazyRouteComponent(() => import('./ChatInboxPage'), 'ChatInboxPage'),
    }),
  ],
  nav: [
    {
      to: '/admin/chat',
      label: 'chat-admin.nav',
      icon: IconMessages,
      section: 'backOffice',
      permission: 'support.work',
      order: 15,
    },
  ],
};
