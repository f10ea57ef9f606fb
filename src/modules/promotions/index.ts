import { defineModule } from '../../server/core/module.js';
import { promotionsJobs, wirePromotions } from './promotions.jobs.js';
import { promotionsRoutes } from './promotions.routes.js';

export { seedDemoPromotions } from './promotions.seed.js';

/**
 * Promo codes and coupons (docs/promotions.md): percentage or fixed, on the order or on categories and products, limits, personal single-use codes in batches, stacking rules; it decides an order's discounts at checkout (the checkout adjuster, with bonus points from loyalty).
 */
export const promotionsModule = defineModule({
  name: 'promotions',
  routes: (app, ctx) => promotionsRoutes(app, ctx),
  jobs: (ctx) => promotionsJobs(ctx),
  wire: (ctx) => wirePromotions(ctx),
});
