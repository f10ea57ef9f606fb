import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import type { FileStorage } from '../../server/core/storage.js';
import { businessDay } from '../../shared/business-day.js';
import { orderForDocuments } from '../orders/index.js';
import { getSellerRequisites } from '../settings/settings.service.js';
import { type DocumentRow, issueNumbered } from './documents.issue.js';
import {
  asVatRate,
  buyerParty,
  missingRequisitesProblem,
  presentDocument,
  sellerParty,
} from './documents.service.js';
import { documents } from './documents.tables.js';
import type { DocumentLine } from './documents.types.js';
import { MissingRequisitesError } from './missing-requisites-error.js';
import { type OrderConfirmationInput, renderOrderConfirmation } from './order-confirmation.pdf.js';
import { vatTotals } from './ru/vat.js';

export const orderConfirmationRequestSchema = z
  .object({ orderId: z.uuid(), language: z.enum(['ru', 'en']).optional() })
  .strict();
export type OrderConfirmationRequest = z.infer<typeof orderConfirmationRequestSchema>;

/** Orders the seller has not accepted (or has dropped) cannot be confirmed. */
const notConfirmable = new Set(['new', 'awaiting_approval', 'cancelled']);

async function liveConfirmationOf(db: Db, orderId: string): Promise<DocumentRow | undefined> {
  const [row] = await db
    .select()
    .from(documents)
    .where(
      and(
        eq(documents.orderId, orderId),
        eq(documents.kind, 'order_confirmation'),
        eq(documents.source, 'generated'),
        ne(documents.status, 'cancelled'),
      ),
    );
  return row;
}

/**
 * Issues the подтверждение заказа of a company order on request (docs/documents.md, "Order confirmation"):
 * numbered, stored, one live per order — a repeat returns it (`created: false`), in the language it was first
 * issued in. Orders not yet confirmed (new, awaiting approval) or cancelled get 409 ORDER_STATUS_CONFLICT.
 */
export async function requestOrderConfirmation(
  db: Db,
  storage: FileStorage,
  input: { companyId: string; orderId: string; language: 'ru' | 'en'; actor: string },
) {
  const order = await orderForDocuments(db, input.companyId, input.orderId);
  const existing = await liveConfirmationOf(db, order.id);
  if (existing) return { document: presentDocument(existing), created: false };
  if (notConfirmable.has(order.status))
    throw new AppError('ORDER_STATUS_CONFLICT', `An order in status ${order.status} is not confirmed yet`);
  const [seller, buyer] = await Promise.all([getSellerRequisites(db), buyerParty(db, input.companyId)]);
  const rate = (r: number | null) => (seller.vatRate === null ? null : asVatRate(r, seller.vatRate));
  const lines: DocumentLine[] = order.lines.map((l) => ({
    name: l.name,
    sku: l.sku,
    unit: l.unit,
    unitCode: '',
    quantity: l.quantity,
    price: l.price,
    amount: l.amount,
    vatRate: rate(l.vatRate),
  }));
  if (order.deliveryCost > 0)
    lines.push({
      name: input.language === 'en' ? `Delivery (${order.deliveryName})` : `Доставка (${order.deliveryName})`,
      unit: input.language === 'en' ? 'svc' : 'усл',
      unitCode: '',
      quantity: 1,
      price: order.deliveryCost,
      amount: order.deliveryCost,
      vatRate: rate(null),
    });
  const totals = vatTotals(lines);
  const date = businessDay();
  try {
    const { row, created } = await issueNumbered(db, storage, {
      kind: 'order_confirmation',
      companyId: input.companyId,
      date,
      orderId: order.id,
      amount: totals.total,
      vatAmount: totals.vat,
      actor: input.actor,
      existing: (tx) => liveConfirmationOf(tx, order.id),
      fileName: (n) => `Подтверждение заказа № ${n} от ${date}.pdf`,
      render: (number) =>
        renderOrderConfirmation({
          language: input.language,
          number,
          date,
          order: { number: order.number, date: businessDay(order.createdAt) },
          seller: sellerParty(seller),
          buyer,
          lines,
          delivery: order.deliveryName,
          signatory: {
            position: seller.signatories.director.title,
            name: seller.signatories.director.name,
          },
        } satisfies OrderConfirmationInput),
    });
    return { document: presentDocument(row), created };
  } catch (error) {
    if (error instanceof MissingRequisitesError) throw missingRequisitesProblem(error, 'order confirmation');
    throw error;
  }
}
