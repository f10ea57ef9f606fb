import { eq } from 'drizzle-orm';
import type { PersonalDataProvider } from '../../server/core/personal-data.js';
import { membershipsOf } from './companies.service.js';
import { companyMembers } from './companies.tables.js';

/**
 * Company memberships of a person. The companies themselves are the business's counterparties, not
 * personal data: erasure removes only the person from them.
 */
export const companiesPersonalData: PersonalDataProvider[] = [
  {
    key: 'company-memberships',
    // The company's customer group is the business's classification of the company, not the person's data.
    export: async ({ db, userId }) =>
      (await membershipsOf(db, userId)).map(({ id, name, kinds, role }) => ({ id, name, kinds, role })),
    erase: async ({ db, userId }) => {
      await db.delete(companyMembers).where(eq(companyMembers.userId, userId));
    },
  },
];
