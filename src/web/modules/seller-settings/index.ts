import { IconBuildingBank } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

/** Back office: the business's own requisites and logo, printed on every finance document. */
export const sellerSettingsModule: WebModule = {
  id: 'seller-settings',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/seller',
      component: lazyRouteComponent(() => import('./SellerSettingsPage'), 'SellerSettingsPage'),
    }),
  ],
  nav: [
    {
      to: '/admin/seller',
      label: 'seller-settings.nav',
      icon: IconBuildingBank,
      section: 'backOffice',
      permission: 'settings.manage',
      order: 55,
    },
  ],
};
