import type { Db } from '../../server/core/db.js';
import { companyOrderIdsByNumber, companyOrderNumbers } from '../orders/index.js';
import type { DocumentListQuery } from './documents.schema.js';
import { listDocuments } from './documents.service.js';

type WithOrder = { orderId: string | null };

/** Adds each document's order number (null when it has no order) for the company's pages. */
export async function withOrderNumbers<T extends WithOrder>(db: Db, companyId: string, items: T[]) {
  const numbers = await companyOrderNumbers(
    db,
    companyId,
    items.map((d) => d.orderId),
  );
  return items.map((d) => ({ ...d, orderNumber: d.orderId ? (numbers.get(d.orderId) ?? null) : null }));
}

/** One document with its order's number. */
export async function withOrderNumber<T extends WithOrder>(db: Db, companyId: string, item: T) {
  const [one] = await withOrderNumbers(db, companyId, [item]);
  return one as T & { orderNumber: string | null };
}

/**
 * The company's documents list (docs/documents.md): the service's filters plus `orderNumber` (part of a
 * number, matched against the company's orders), each item with its order's number.
 */
export async function listCompanyDocuments(db: Db, companyId: string, q: DocumentListQuery) {
  const orderIds = q.orderNumber ? await companyOrderIdsByNumber(db, companyId, q.orderNumber) : undefined;
  const page = await listDocuments(db, companyId, q, orderIds);
  return { ...page, items: await withOrderNumbers(db, companyId, page.items) };
}
