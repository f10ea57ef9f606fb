import { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import type { FileStorage } from '../../server/core/storage.js';
import { businessDay } from '../../shared/business-day.js';
import { orderForDocuments } from '../orders/index.js';
import { getSellerRequisites } from '../settings/settings.service.js';
import { issueNumbered } from './documents.issue.js';
import {
  asVatRate,
  buyerParty,
  missingRequisitesProblem,
  presentDocument,
  sellerParty,
} from './documents.service.js';
import type { DocumentLine, ServiceActInput } from './documents.types.js';
import { MissingRequisitesError } from './missing-requisites-error.js';
import { vatTotals } from './ru/vat.js';
import { sellerLogo } from './seller-logo.js';
import { renderServiceAct } from './service-act.pdf.js';

/**
 * The акт об оказании услуг issued by staff (docs/documents.md, "Act for services"). The catalog has no notion
 * of a service, so the lines are given; an order may be named as the basis (and to link the act to it).
 */
export const serviceActRequestSchema = z
  .object({
    /** An order of the company, printed as the basis and linked (optional). */
    orderId: z.uuid().optional(),
    /** «Основание» as text when there is no order: «Договор № 5 от 01.01.2025». */
    basis: z.string().trim().min(1).max(300).optional(),
    /** The act's date (default today in Moscow); its year is the numbering year. */
    date: z.iso.date().optional(),
    language: z.enum(['ru', 'en']).default('ru'),
    lines: z
      .array(
        z
          .object({
            name: z.string().trim().min(1).max(500),
            quantity: z.number().positive().max(1e9),
            unit: z.string().trim().min(1).max(20).default('усл'),
            /** Kopecks per unit, VAT included. */
            price: z.number().int().min(0).max(1e13),
            /** 20, 10, 5, 7, 0, or null for без НДС; absent = the seller's rate. */
            vatRate: z
              .union([z.literal(20), z.literal(10), z.literal(5), z.literal(7), z.literal(0), z.null()])
              .optional(),
          })
          .strict(),
      )
      .min(1)
      .max(200),
  })
  .strict();
export type ServiceActRequest = z.infer<typeof serviceActRequestSchema>;

/** Issues a numbered, stored service act for a company; 400 MISSING_REQUISITES names what to fill in. */
export async function issueServiceAct(
  db: Db,
  storage: FileStorage,
  companyId: string,
  input: ServiceActRequest,
  actor: string,
) {
  const order = input.orderId ? await orderForDocuments(db, companyId, input.orderId) : null;
  const [seller, customer] = await Promise.all([getSellerRequisites(db), buyerParty(db, companyId)]);
  const lines: DocumentLine[] = input.lines.map((l) => ({
    name: l.name,
    unit: l.unit,
    unitCode: '',
    quantity: l.quantity,
    price: l.price,
    amount: Math.round(l.price * l.quantity),
    vatRate:
      seller.vatRate === null ? null : l.vatRate === undefined ? seller.vatRate : asVatRate(l.vatRate, null),
  }));
  const totals = vatTotals(lines);
  const date = input.date ?? businessDay();
  try {
    const logo = (await sellerLogo(storage)) ?? undefined;
    const { row } = await issueNumbered(db, storage, {
      kind: 'act',
      companyId,
      date,
      orderId: order?.id ?? null,
      amount: totals.total,
      vatAmount: totals.vat,
      actor,
      fileName: (n) => `Акт № ${n} от ${date}.pdf`,
      render: (number) =>
        renderServiceAct({
          logo,
          language: input.language,
          number,
          date,
          executor: sellerParty(seller),
          customer,
          basis: order ? `Заказ № ${order.number}` : input.basis,
          lines,
          executorSignatory: {
            position: seller.signatories.director.title,
            name: seller.signatories.director.name,
          },
        } satisfies ServiceActInput),
    });
    return presentDocument(row);
  } catch (error) {
    if (error instanceof MissingRequisitesError) throw missingRequisitesProblem(error, 'act');
    throw error;
  }
}
