import { defineModule } from '../../server/core/module.js';
import { catalogTransfer } from './transfer/index.js';

/**
 * Catalog, pricing and stock. Route groups register here, one line each: the shopper-facing catalog in three
 * scopes (public, me, orgs), the price calculator, and the back office.
 */
export const catalogModule = defineModule({
  name: 'catalog',
  routes: async (app, ctx) => {
    await catalogTransfer.routes(app, ctx);
  },
  jobs: (ctx) => [...catalogTransfer.jobs(ctx)],
});
