import { defineModule } from '../../server/core/module.js';
import { addressesPersonalData } from './addresses.personal-data.js';
import { addressesRoutes } from './addresses.routes.js';

export {
  type AddressOwner,
  addressForCheckout,
  defaultAddressId,
} from './addresses.service.js';

/** Delivery addresses: a person's own book and each company's, with consignees (docs/addresses.md). */
export const addressesModule = defineModule({
  name: 'addresses',
  routes: addressesRoutes,
  personalData: addressesPersonalData,
});
