import { z } from 'zod';
import { pageOf } from '../../server/core/pagination.js';
import { disputeAnswers, reconciliationStatuses } from './reconciliation.tables.js';

const day = z.iso.date();

/** A period ({from, to}) or a quarter ('2026-Q3'). */
export const reconciliationCreateBody = z.union([
  z.strictObject({ from: day, to: day }),
  z.strictObject({ quarter: z.string().regex(/^\d{4}-Q[1-4]$/, 'A quarter like 2026-Q3') }),
]);

export const reconciliationListQuery = z.object({
  status: z.enum(reconciliationStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});
export type ReconciliationListQuery = z.infer<typeof reconciliationListQuery>;

export const disputeBody = z.strictObject({
  lines: z
    .array(
      z.strictObject({
        lineId: z.number().int().min(1),
        comment: z.string().trim().min(1).max(2000),
        /** The amount in the company's books, kopecks. */
        theirAmount: z.number().int().min(0).max(1e15).optional(),
      }),
    )
    .min(1)
    .max(500),
});
export type DisputeBody = z.infer<typeof disputeBody>;

export const resolveBody = z.strictObject({
  answers: z
    .array(
      z.strictObject({
        lineId: z.number().int().min(1),
        answer: z.enum(disputeAnswers),
        comment: z.string().trim().min(1).max(2000),
      }),
    )
    .min(1)
    .max(500),
  comment: z.string().trim().max(2000).optional(),
});
export type ResolveBody = z.infer<typeof resolveBody>;

export const reconciliationSchema = z
  .object({
    id: z.string(),
    companyId: z.string(),
    from: z.string(),
    to: z.string(),
    status: z.enum(reconciliationStatuses),
    progress: z.number(),
    error: z.string().nullable(),
    documentId: z.string().nullable(),
    documentUrl: z.string().nullable(),
    opening: z.number().nullable(),
    debit: z.number().nullable(),
    credit: z.number().nullable(),
    closing: z.number().nullable(),
    requestedBy: z.string(),
    confirmedAt: z.string().nullable(),
    disputedAt: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    resolution: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Reconciliation' });

export const reconciliationDetailSchema = reconciliationSchema
  .extend({
    lines: z.array(
      z.object({
        lineId: z.number(),
        date: z.string(),
        description: z.string(),
        debit: z.number(),
        credit: z.number(),
        ledgerEntryId: z.string().nullable(),
      }),
    ),
    disputes: z.array(
      z.object({
        lineId: z.number(),
        comment: z.string(),
        theirAmount: z.number().nullable(),
        createdAt: z.string(),
        answer: z.enum(disputeAnswers).nullable(),
        answerComment: z.string().nullable(),
        answeredAt: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'ReconciliationDetail' });

export const reconciliationPageSchema = pageOf(reconciliationSchema);
