import { z } from 'zod';
import { pageOf, pageQuery } from '../../server/core/pagination.js';
import { documentKinds, documentSources, documentStatuses } from './documents.tables.js';

const day = z.iso.date();

/** A request for an invoice: for one of the company's orders, or a free amount with its purpose. */
export const invoiceRequestSchema = z.union([
  z.object({ orderId: z.uuid() }).strict(),
  z
    .object({
      /** Kopecks, VAT included. */
      amount: z.number().int().min(1).max(1e13),
      purpose: z.string().trim().min(1).max(500),
    })
    .strict(),
]);
export type InvoiceRequest = z.infer<typeof invoiceRequestSchema>;

export const documentListQuery = pageQuery.extend({
  kind: z.enum(documentKinds).optional(),
  status: z.enum(documentStatuses).optional(),
  orderId: z.uuid().optional(),
  /** Part of an order number as a person types it (`000123`, `K-2026-000123`). */
  orderNumber: z.string().trim().min(1).max(40).optional(),
  from: day.optional(),
  to: day.optional(),
});
export type DocumentListQuery = z.infer<typeof documentListQuery>;

export const documentSchema = z
  .object({
    id: z.string(),
    kind: z.enum(documentKinds),
    number: z.string(),
    date: z.string(),
    orderId: z.string().nullable(),
    /** The order's number, on the company's routes. */
    orderNumber: z.string().nullable().optional(),
    shipmentId: z.string().nullable(),
    amount: z.number(),
    vatAmount: z.number(),
    status: z.enum(documentStatuses),
    source: z.enum(documentSources),
    fileName: z.string(),
    size: z.number(),
    hasFile: z.boolean(),
    createdAt: z.string(),
    url: z.string(),
  })
  .meta({ id: 'Document' });

export const documentPageSchema = pageOf(documentSchema);
