import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

/**
 * The company cabinet: `/orgs/:orgId/...` carries the company in the URL, so two tabs can work in two
 * companies. The context switcher in the shell lists the person's companies (it has no static nav item).
 */
export const companiesModule: WebModule = {
  id: 'companies',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/orgs/$orgId',
      component: lazyRouteComponent(() => import('./CompanyPage'), 'CompanyPage'),
    }),
  ],
};
