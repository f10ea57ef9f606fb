import type { WebModule } from '../../app/module-types';

/** The loyalty card (QR and barcode), tiers, and the staff till lookup by card. */
export const loyaltyCardModule: WebModule = {
  id: 'loyalty-card',
  routes: () => [],
  nav: [],
};
