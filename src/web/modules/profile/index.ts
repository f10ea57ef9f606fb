import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

/**
 * The person's own pages: security (password, two-factor authentication, passkeys). Reached from the user
 * menu, so no navigation items.
 */
export const profileModule: WebModule = {
  id: 'profile',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/profile/security',
      component: lazyRouteComponent(() => import('./security/SecurityPage'), 'SecurityPage'),
    }),
  ],
};
