import { z } from 'zod';
import { pageOf, pageQuery } from '../../server/core/pagination.js';
import { pointEntryKinds } from './points.tables.js';

export const entrySchema = z
  .object({
    id: z.string(),
    kind: z.enum(pointEntryKinds),
    points: z.number().int(),
    remaining: z.number().int().nullable(),
    expiresAt: z.string().nullable(),
    orderId: z.string().nullable(),
    orderNumber: z.string().nullable(),
    source: z.string().nullable(),
    reason: z.string(),
    shortfall: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'LoyaltyEntry' });

export const historyPageSchema = pageOf(entrySchema);
export const historyQuery = pageQuery;

const tierSchema = z.object({ code: z.string(), name: z.string(), accrualBp: z.number().int() });

export const meLoyaltySchema = z
  .object({
    balance: z.number().int(),
    /** Kopecks one point pays. */
    pointValue: z.number().int(),
    /** What the balance pays, kopecks. */
    balanceValue: z.number().int(),
    expiring: z.array(z.object({ points: z.number().int(), at: z.string() })),
    /** Points burning within 30 days. */
    expiringSoon: z.number().int(),
    accrualBp: z.number().int(),
    maxShareBp: z.number().int(),
    tier: z.object({
      current: tierSchema.nullable(),
      spend: z.number().int(),
      periodDays: z.number().int(),
      next: tierSchema.extend({ minSpend: z.number().int(), spendLeft: z.number().int() }).nullable(),
    }),
    birthDate: z.string().nullable(),
  })
  .meta({ id: 'MyLoyalty' });

export const birthdayBody = z.object({ birthDate: z.iso.date() });

export const personParams = z.object({ personId: z.string().min(1).max(100) });

export const adjustmentBody = z.object({
  points: z
    .number()
    .int()
    .min(-1_000_000)
    .max(1_000_000)
    .refine((n) => n !== 0, 'Not zero'),
  reason: z.string().trim().min(3).max(500),
});

export const personLedgerSchema = z
  .object({
    person: z.object({ id: z.string(), name: z.string(), email: z.string() }),
    balance: z.number().int(),
    expiring: z.array(z.object({ points: z.number().int(), at: z.string() })),
    cardNumber: z.string(),
    tierCode: z.string().nullable(),
    entries: historyPageSchema,
  })
  .meta({ id: 'LoyaltyPersonLedger' });

export const lookupQuery = z.object({ q: z.string().trim().min(3).max(320) });

export const reportQuery = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  lang: z.enum(['ru', 'en']).optional(),
});

export const reportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    months: z.array(
      z.object({
        month: z.string(),
        issued: z.number().int(),
        spent: z.number().int(),
        returned: z.number().int(),
        takenBack: z.number().int(),
        expired: z.number().int(),
        adjusted: z.number().int(),
      }),
    ),
    liability: z.object({ points: z.number().int(), kopecks: z.number().int() }),
    tiers: z.array(z.object({ tierCode: z.string().nullable(), accounts: z.number().int() })),
  })
  .meta({ id: 'LoyaltyReport' });
