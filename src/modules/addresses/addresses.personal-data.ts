import { eq } from 'drizzle-orm';
import type { PersonalDataProvider } from '../../server/core/personal-data.js';
import { listAddresses } from './addresses.service.js';
import { deliveryAddresses } from './addresses.tables.js';

/**
 * A person's own delivery addresses. Company addresses belong to the company (the business's counterparty)
 * and stay when a member leaves or is erased.
 */
export const addressesPersonalData: PersonalDataProvider[] = [
  {
    key: 'delivery-addresses',
    export: async ({ db, userId }) =>
      (await listAddresses(db, { kind: 'person', userId })).map(
        ({ consignee: _none, ...address }) => address,
      ),
    erase: async ({ db, userId }) => {
      await db.delete(deliveryAddresses).where(eq(deliveryAddresses.userId, userId));
    },
  },
];
