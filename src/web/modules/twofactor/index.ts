import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

/**
 * Two-factor authentication: the second step of sign-in. The setup card lives on the profile's security
 * page (TwoFactorSection, listed in profile/security/sections.ts).
 */
export const twofactorModule: WebModule = {
  id: 'twofactor',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/sign-in/two-factor',
      component: lazyRouteComponent(() => import('./TwoFactorSignInPage'), 'TwoFactorSignInPage'),
    }),
  ],
};
