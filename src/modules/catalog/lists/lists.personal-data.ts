import { eq } from 'drizzle-orm';
import type { PersonalDataProvider } from '../../../server/core/personal-data.js';
import { catalogLists } from '../catalog.tables.js';

/** A person's favorites, recently viewed and compare lists (their own and those kept for companies). */
export const catalogListsPersonalData: PersonalDataProvider[] = [
  {
    key: 'catalog-lists',
    export: async ({ db, userId }) =>
      (
        await db
          .select({
            kind: catalogLists.kind,
            productId: catalogLists.productId,
            companyId: catalogLists.companyId,
            addedAt: catalogLists.addedAt,
          })
          .from(catalogLists)
          .where(eq(catalogLists.userId, userId))
      ).map((r) => ({ ...r, addedAt: r.addedAt.toISOString() })),
    erase: async ({ db, userId }) => {
      await db.delete(catalogLists).where(eq(catalogLists.userId, userId));
    },
  },
];
