import { IconMessageCircle } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

const page = lazyRouteComponent(() => import('./ChatPage'), 'ChatPage');

/**
 * Live chat (docs/chat.md): a company's chat with its personal manager (`/orgs/:orgId/chat`) and a retail
 * customer's chat with support (`/chat`). The back office answers in chat-admin.
 */
export const chatModule: WebModule = {
  id: 'chat',
  routes: (parent) =>
    ['/chat', '/orgs/$orgId/chat'].map((path) =>
      createRoute({ getParentRoute: () => parent, path, component: page }),
    ),
  nav: [
    { to: '/chat', label: 'chat.navPersonal', icon: IconMessageCircle, section: 'cabinet', order: 60 },
    {
      to: '/orgs/$orgId/chat',
      label: 'chat.navCompany',
      icon: IconMessageCircle,
      section: 'cabinet',
      companyPermission: 'company.read',
      order: 35,
    },
  ],
};
