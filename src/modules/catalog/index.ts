import { defineModule } from '../../server/core/module.js';
import { catalogAdminRoutes } from './admin/index.js';
import { browseRoutes } from './browse/browse.routes.js';
import { catalogListsPersonalData } from './lists/lists.personal-data.js';
import { listsRoutes } from './lists/lists.routes.js';
import { pricingRoutes } from './pricing/pricing.routes.js';
import { catalogTransfer } from './transfer/index.js';

export { type ProductCard, productCardSchema } from './browse/browse.schema.js';
export { loadCards } from './browse/cards.js';
export { type CatalogScope, pricingContextOf } from './pricing/pricing-context.js';

/**
 * Catalog, pricing and stock. Route groups register here, one line each: the shopper-facing catalog in three
 * scopes (public, me, orgs), the price calculator, and the back office.
 */
export const catalogModule = defineModule({
  name: 'catalog',
  routes: async (app, ctx) => {
    pricingRoutes(app, ctx);
    browseRoutes(app, ctx);
    listsRoutes(app, ctx);
    await catalogAdminRoutes(app, ctx);
    await catalogTransfer.routes(app, ctx);
  },
  jobs: (ctx) => [...catalogTransfer.jobs(ctx)],
  personalData: catalogListsPersonalData,
});
