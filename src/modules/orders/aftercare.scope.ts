import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import type { OrderActor } from './orders.lifecycle.js';
import { orders } from './orders.tables.js';

/** Whose orders a customer route sees: the person's own (company null) or one company's. */
export type CustomerScope = { kind: 'me'; personId: string } | { kind: 'org'; companyId: string };

/** The order if it lies in the scope; another person's or company's order is NOT_FOUND, like a missing one. */
export async function scopedOrder(db: Db, scope: CustomerScope, orderId: string) {
  const where =
    scope.kind === 'me'
      ? and(eq(orders.id, orderId), isNull(orders.companyId), eq(orders.personId, scope.personId))
      : and(eq(orders.id, orderId), eq(orders.companyId, scope.companyId));
  const [row] = await db.select().from(orders).where(where);
  if (!row) throw new AppError('NOT_FOUND', 'Order not found');
  return row;
}

/** A back-office actor as the order timeline shows it. */
export const staffActor = (actor: { id: string; name: string }): OrderActor => ({
  kind: 'staff',
  id: actor.id,
  name: actor.name,
});

/** A customer as the order timeline shows them. */
export const personActor = (actor: { id: string; name: string }): OrderActor => ({
  kind: 'person',
  id: actor.id,
  name: actor.name,
});

/** Quantities have three decimals: compare and sum in thousandths. */
export const milli = (q: number) => Math.round(q * 1000);
