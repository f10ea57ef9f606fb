import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

const pages = {
  '/sign-in': lazyRouteComponent(() => import('./SignInPage'), 'SignInPage'),
  '/sign-up': lazyRouteComponent(() => import('./SignUpPage'), 'SignUpPage'),
  '/forgot-password': lazyRouteComponent(() => import('./ForgotPasswordPage'), 'ForgotPasswordPage'),
  '/reset-password': lazyRouteComponent(() => import('./ResetPasswordPage'), 'ResetPasswordPage'),
  '/welcome': lazyRouteComponent(() => import('./WelcomePage'), 'WelcomePage'),
};

/**
 * Sign-in, sign-up, password recovery and the e-mail confirmation landing page. They live inside the shell
 * (language and theme switches stay at hand) but have no navigation items: the user menu links to them.
 */
export const identityModule: WebModule = {
  id: 'identity',
  routes: (parent) =>
    Object.entries(pages).map(([path, component]) =>
      createRoute({ getParentRoute: () => parent, path, component }),
    ),
};
