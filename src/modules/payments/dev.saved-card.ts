import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { devPayPayments, savedPaymentMethods } from './payments.tables.js';

/**
 * Saves a development-provider card for a person as if they had paid once with «remember the card» (demo
 * seeds and tests of one-click payments); returns the saved method's id.
 */
export async function saveDevCard(
  db: Db,
  personId: string,
  card: { last4?: string; expiryMonth?: number; expiryYear?: number } = {},
): Promise<string> {
  const token = `devpm_${uuidv7()}`;
  await db.insert(devPayPayments).values({
    id: uuidv7(),
    amount: 100,
    currency: 'RUB',
    description: 'Card verification',
    returnUrl: 'http://localhost/',
    status: 'succeeded',
    savePaymentMethod: true,
    cardLast4: card.last4 ?? '4242',
    cardExpiryMonth: card.expiryMonth ?? 12,
    cardExpiryYear: card.expiryYear ?? 2030,
    methodToken: token,
    methodSaved: true,
  });
  const id = uuidv7();
  await db.insert(savedPaymentMethods).values({
    id,
    personId,
    provider: 'dev',
    providerToken: token,
    cardLast4: card.last4 ?? '4242',
    cardBrand: 'DEV',
    expiryMonth: card.expiryMonth ?? 12,
    expiryYear: card.expiryYear ?? 2030,
  });
  return id;
}

/**
 * Tells the development provider to refuse (or accept again) one-click payments with a saved card, as a bank
 * refuses an expired or blocked card: `startPayment` then fails with PAYMENT_METHOD_UNUSABLE. For tests.
 */
export async function setDevCardDeclined(db: Db, savedMethodId: string, declined: boolean): Promise<void> {
  const [method] = await db
    .select()
    .from(savedPaymentMethods)
    .where(eq(savedPaymentMethods.id, savedMethodId));
  if (!method) throw new Error('no such saved card');
  await db
    .update(devPayPayments)
    .set({ methodSaved: !declined })
    .where(eq(devPayPayments.methodToken, method.providerToken));
}
