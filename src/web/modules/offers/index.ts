import type { WebModule } from '../../app/module-types';

/** Personal offers, targeted promotions and recommendations; segments in the back office. */
export const offersModule: WebModule = {
  id: 'offers',
  routes: () => [],
  nav: [],
};
