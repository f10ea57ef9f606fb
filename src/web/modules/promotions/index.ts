import type { WebModule } from '../../app/module-types';

/** Promo codes at checkout and the back office's promotions and code batches. */
export const promotionsModule: WebModule = {
  id: 'promotions',
  routes: () => [],
  nav: [],
};
