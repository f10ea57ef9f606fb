import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

/**
 * The person's own pages: profile (name, picture, language, time zone, e-mail), security (password, sessions,
 * two-factor authentication, passkeys) and "my data" (export, account deletion). Reached from the user
 * menu, so no navigation items.
 */
export const profileModule: WebModule = {
  id: 'profile',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/profile',
      component: lazyRouteComponent(() => import('./ProfilePage'), 'ProfilePage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/profile/security',
      component: lazyRouteComponent(() => import('./security/SecurityPage'), 'SecurityPage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/profile/privacy',
      component: lazyRouteComponent(() => import('./PrivacyPage'), 'PrivacyPage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/profile/email/confirm',
      component: lazyRouteComponent(() => import('./EmailConfirmPage'), 'EmailConfirmPage'),
    }),
  ],
};
