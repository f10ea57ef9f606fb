import { and, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../../server/core/db.js';
import { documents } from './documents.tables.js';

/**
 * Marks a company's issued invoices paid: those for orders that are now fully paid and those (free-amount
 * invoices) fully covered by payments. The finance module decides which and calls this after allocating a
 * payment, in its transaction. Cancelled and already paid invoices stay as they are. Returns the ids marked.
 */
export async function markInvoicesPaid(
  db: Db,
  companyId: string,
  paid: { orderIds?: readonly string[]; invoiceIds?: readonly string[] },
): Promise<string[]> {
  const orderIds = [...new Set(paid.orderIds ?? [])];
  const invoiceIds = [...new Set(paid.invoiceIds ?? [])];
  if (orderIds.length === 0 && invoiceIds.length === 0) return [];
  const rows = await db
    .update(documents)
    .set({ status: 'paid' })
    .where(
      and(
        eq(documents.companyId, companyId),
        eq(documents.kind, 'invoice'),
        eq(documents.status, 'issued'),
        or(
          orderIds.length ? inArray(documents.orderId, orderIds) : undefined,
          invoiceIds.length ? inArray(documents.id, invoiceIds) : undefined,
        ),
      ),
    )
    .returning({ id: documents.id });
  return rows.map((r) => r.id);
}
