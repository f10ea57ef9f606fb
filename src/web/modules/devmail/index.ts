import { IconMail } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

/** Back office: the dev mailbox, where mail lands while no SMTP server is configured. */
export const devmailModule: WebModule = {
  id: 'devmail',
  // Pages load on first visit (their own chunk): most people never open the back office.
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/mailbox',
      component: lazyRouteComponent(() => import('./MailboxPage'), 'MailboxPage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/mailbox/$messageId',
      component: lazyRouteComponent(() => import('./MessagePage'), 'MessagePage'),
    }),
  ],
  nav: [
    {
      to: '/admin/mailbox',
      label: 'nav.devMailbox',
      icon: IconMail,
      section: 'backOffice',
      permission: 'devMailbox.read',
      mobile: true,
      order: 100,
    },
  ],
};
