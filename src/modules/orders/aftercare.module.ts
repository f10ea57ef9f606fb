import { defineModule } from '../../server/core/module.js';
import { orderAftercareRoutes } from './aftercare.js';

/**
 * TEMPORARY registration of the order aftercare routes until the orders module's index.ts (placement branch)
 * calls `orderAftercareRoutes` itself; the lead removes this file and its line in src/modules/index.ts at merge.
 */
export const ordersAftercareModule = defineModule({
  name: 'orders-aftercare',
  routes: (app, ctx) => orderAftercareRoutes(app, ctx),
});
