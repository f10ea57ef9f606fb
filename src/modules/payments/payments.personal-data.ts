import { eq } from 'drizzle-orm';
import type { PersonalDataProvider } from '../../server/core/personal-data.js';
import { presentMethod } from './payments.service.js';
import { payments, savedPaymentMethods } from './payments.tables.js';

/**
 * Saved cards are deleted on erasure (the provider's token is not exported: it pays). Payments stay as
 * financial records; the export lists them so the person sees what they paid.
 */
export const paymentsPersonalData: PersonalDataProvider[] = [
  {
    key: 'payments',
    export: async ({ db, userId }) => ({
      savedCards: (
        await db.select().from(savedPaymentMethods).where(eq(savedPaymentMethods.personId, userId))
      ).map(presentMethod),
      payments: await db
        .select({
          id: payments.id,
          amount: payments.amount,
          currency: payments.currency,
          description: payments.description,
          status: payments.status,
          refundedAmount: payments.refundedAmount,
          createdAt: payments.createdAt,
        })
        .from(payments)
        .where(eq(payments.personId, userId)),
    }),
    erase: async ({ db, userId }) => {
      await db.delete(savedPaymentMethods).where(eq(savedPaymentMethods.personId, userId));
    },
  },
];
