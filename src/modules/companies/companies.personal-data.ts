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
    export: async ({ db, userId }) => membershipsOf(db, userId),
    erase: async ({ db, userId }) => {
      await db.delete(companyMembers).where(eq(companyMembers.userId, userId));
    },
  },
];
