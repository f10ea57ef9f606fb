import type { WebModule } from '../../app/module-types';

/** Subscriptions to regular deliveries and service plans, and reorder reminders. */
export const subscriptionsModule: WebModule = {
  id: 'subscriptions',
  routes: () => [],
  nav: [],
};
