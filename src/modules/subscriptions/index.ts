import { defineModule } from '../../server/core/module.js';
import { subscriptionsJobs, wireSubscriptions } from './subscriptions.jobs.js';
import { subscriptionsPersonalData } from './subscriptions.personal-data.js';
import { subscriptionsRoutes } from './subscriptions.routes.js';

export { seedDemoSubscriptions } from './subscriptions.seed.js';

/**
 * Subscriptions and reminders (docs/subscriptions.md): regular deliveries and service plans paid with a saved card, and «time to reorder» reminders.
 */
export const subscriptionsModule = defineModule({
  name: 'subscriptions',
  routes: (app, ctx) => subscriptionsRoutes(app, ctx),
  jobs: (ctx) => subscriptionsJobs(ctx),
  wire: (ctx) => wireSubscriptions(ctx),
  personalData: subscriptionsPersonalData,
});
