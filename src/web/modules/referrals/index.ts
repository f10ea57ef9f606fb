import { IconGift, IconUsersPlus } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

/**
 * The referral programme (docs/referrals.md): `/referrals` (my link, code, QR and invited friends), the public
 * landing of a link `/r/<code>`, and the back office `/admin/referrals` (permission `loyalty.manage`).
 */
export const referralsModule: WebModule = {
  id: 'referrals',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/referrals',
      component: lazyRouteComponent(() => import('./ReferralsPage'), 'ReferralsPage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/r/$code',
      component: lazyRouteComponent(() => import('./LandingPage'), 'LandingPage'),
    }),
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/referrals',
      component: lazyRouteComponent(() => import('./AdminReferralsPage'), 'AdminReferralsPage'),
    }),
  ],
  nav: [
    { to: '/referrals', label: 'referrals.nav', icon: IconUsersPlus, section: 'cabinet', order: 72 },
    {
      to: '/admin/referrals',
      label: 'referrals.adminNav',
      icon: IconGift,
      section: 'backOffice',
      permission: 'loyalty.manage',
      order: 66,
    },
  ],
};
