import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../server/core/db.js';
import { paymentEvents, payments, savedPaymentMethods } from './payments.tables.js';

/**
 * What identifies a card without its number: the last four digits and the expiry, as the provider reported
 * them (a saved card, or the card of a succeeded payment's notification). Used by fraud checks (referrals).
 */
export interface CardPrint {
  last4: string;
  expiryMonth: number;
  expiryYear: number;
}

const printOf = (m: { last4?: unknown; expiryMonth?: unknown; expiryYear?: unknown } | null | undefined) =>
  m && typeof m.last4 === 'string' && Number.isInteger(m.expiryMonth) && Number.isInteger(m.expiryYear)
    ? { last4: m.last4, expiryMonth: Number(m.expiryMonth), expiryYear: Number(m.expiryYear) }
    : null;

/** The cards the provider reported for these verified notifications' payments. */
async function cardsFromEvents(db: Db, where: ReturnType<typeof and>): Promise<CardPrint[]> {
  const rows = await db
    .select({ method: sql<unknown>`${paymentEvents.payload} -> 'payment' -> 'paymentMethod'` })
    .from(paymentEvents)
    .innerJoin(payments, eq(payments.id, paymentEvents.paymentId))
    .where(where);
  return rows.map((r) => printOf(r.method as Record<string, unknown> | null)).filter((c) => c !== null);
}

/** The card a succeeded payment was made with, or null when the provider did not say. */
export async function cardOfPayment(db: Db, paymentId: string): Promise<CardPrint | null> {
  const [card] = await cardsFromEvents(db, and(eq(payments.id, paymentId), eq(payments.status, 'succeeded')));
  return card ?? null;
}

/** Every card known for a person: saved cards and the cards of their succeeded payments. */
export async function cardsOfPerson(db: Db, personId: string): Promise<CardPrint[]> {
  const saved = await db.select().from(savedPaymentMethods).where(eq(savedPaymentMethods.personId, personId));
  const paid = await cardsFromEvents(
    db,
    and(eq(payments.personId, personId), eq(payments.status, 'succeeded')),
  );
  return [
    ...saved
      .map((s) => printOf({ last4: s.cardLast4, expiryMonth: s.expiryMonth, expiryYear: s.expiryYear }))
      .filter((c) => c !== null),
    ...paid,
  ];
}
