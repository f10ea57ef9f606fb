import { IconLifebuoy } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';
import { validateContextSearch } from './context-search';

const list = lazyRouteComponent(() => import('./RequestsPage'), 'RequestsPage');
const detail = lazyRouteComponent(() => import('./RequestPage'), 'RequestPage');
const create = lazyRouteComponent(() => import('./NewRequestPage'), 'NewRequestPage');

/**
 * Support requests from the side of the person who asks (docs/support.md): mine under `/support`, a company's
 * under `/orgs/:orgId/support`. The new-request page takes the context the person came from in its search
 * (`?kind=order&id=…&label=…&path=…`): the order page's "Ask a question" and the user menu's help item fill it.
 */
export const supportModule: WebModule = {
  id: 'support',
  routes: (parent) =>
    ['/support', '/orgs/$orgId/support'].flatMap((base) => [
      createRoute({ getParentRoute: () => parent, path: base, component: list }),
      createRoute({
        getParentRoute: () => parent,
        path: `${base}/new`,
        component: create,
        validateSearch: validateContextSearch,
      }),
      createRoute({ getParentRoute: () => parent, path: `${base}/$ticketId`, component: detail }),
    ]),
  nav: [
    { to: '/support', label: 'support.nav', icon: IconLifebuoy, section: 'cabinet', order: 80 },
    {
      to: '/orgs/$orgId/support',
      label: 'support.companyNav',
      icon: IconLifebuoy,
      section: 'cabinet',
      companyPermission: 'company.read',
      order: 81,
    },
  ],
};
