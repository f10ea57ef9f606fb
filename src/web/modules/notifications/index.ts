import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

export { NotificationBell } from './NotificationBell';

/**
 * In-app notifications: the bell in the header (NotificationBell, placed by the shell) and the full list at
 * `/notifications`, linked from the bell's drawer. No nav items.
 */
export const notificationsModule: WebModule = {
  id: 'notifications',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/notifications',
      component: lazyRouteComponent(() => import('./NotificationsPage'), 'NotificationsPage'),
    }),
  ],
};
