import { defineModule } from '../../server/core/module.js';
import { deliveryAdminRoutes } from './delivery.admin.routes.js';
import { deliveryQuoteRoutes } from './delivery.quote.routes.js';

/** Delivery zones, methods and tariffs (back office) and the delivery cost calculator (shoppers). */
export const deliveryModule = defineModule({
  name: 'delivery',
  routes: async (app, ctx) => {
    deliveryAdminRoutes(app, ctx);
    deliveryQuoteRoutes(app, ctx);
  },
});
