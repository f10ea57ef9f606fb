import { IconTruckDelivery } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import type { WebModule } from '../../app/module-types';

/** Back office: delivery zones, methods and their tariffs (permission `delivery.manage`). */
export const deliveryAdminModule: WebModule = {
  id: 'delivery-admin',
  routes: (parent) => [
    createRoute({
      getParentRoute: () => parent,
      path: '/admin/delivery',
      component: lazyRouteComponent(() => import('./DeliveryPage'), 'DeliveryPage'),
    }),
  ],
  nav: [
    {
      to: '/admin/delivery',
      label: 'delivery-admin.nav',
      icon: IconTruckDelivery,
      section: 'backOffice',
      permission: 'delivery.manage',
      order: 42,
    },
  ],
};
