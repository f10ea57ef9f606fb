import { IconMessage } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

/** Back office: the dev SMS inbox, where text messages land while no SMS gateway is configured. */
export const devsmsModule: WebModule = {
  id: 'devsms',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/sms',
      component: lazyRouteComponent(() => import('./SmsInboxPage'), 'SmsInboxPage'),
    }),
  ],
  nav: [
    {
      to: '/admin/sms',
      label: 'devsms.nav',
      icon: IconMessage,
      section: 'backOffice',
      permission: 'devMailbox.read',
      order: 101,
    },
  ],
};
