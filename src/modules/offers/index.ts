import { defineModule } from '../../server/core/module.js';
import { offersAdminRoutes } from './offers.admin.routes.js';
import { offersJobs, wireOffers } from './offers.jobs.js';
import { offersRoutes } from './offers.routes.js';

export { seedDemoOffers } from './offers.seed.js';
export { recomputeRecommendations } from './reco.service.js';
export { segmentsOf, type Viewer } from './segments.service.js';

/**
 * Personal marketing (docs/offers.md): segments, promotions shown to them on the home page and in the catalog, offers staff assign, and recommendations (buy again, frequently bought together) computed by a job.
 */
export const offersModule = defineModule({
  name: 'offers',
  routes: (app, ctx) => {
    offersRoutes(app, ctx);
    offersAdminRoutes(app, ctx);
  },
  jobs: (ctx) => offersJobs(ctx),
  wire: (ctx) => wireOffers(ctx),
});
