import { IconFileCertificate } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

const list = lazyRouteComponent(() => import('./AgreementsPage'), 'AgreementsPage');
const detail = lazyRouteComponent(() => import('./AgreementPage'), 'AgreementPage');

/**
 * Document approval (docs/agreements.md): a company's contracts under `/orgs/:orgId/agreements` (linked from
 * the company page) and every company's under `/admin/agreements` in the back office. The same pages serve
 * both sides (api.ts `scopeOf`).
 */
export const agreementsModule: WebModule = {
  id: 'agreements',
  routes: (parent) =>
    ['/orgs/$orgId/agreements', '/admin/agreements'].flatMap((base) => [
      createRoute({ getParentRoute: () => parent, path: base, component: list }),
      createRoute({ getParentRoute: () => parent, path: `${base}/$agreementId`, component: detail }),
    ]),
  nav: [
    {
      to: '/admin/agreements',
      label: 'agreements.nav',
      icon: IconFileCertificate,
      section: 'backOffice',
      permission: 'agreements.manage',
      order: 45,
    },
  ],
};
