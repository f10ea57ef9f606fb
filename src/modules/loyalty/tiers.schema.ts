import { z } from 'zod';

const names = z.object({ ru: z.string().trim().min(1).max(60), en: z.string().trim().min(1).max(60) });

export const tierSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    names: z.object({ ru: z.string(), en: z.string() }),
    minSpend: z.number().int(),
    accrualBp: z.number().int(),
    position: z.number().int(),
  })
  .meta({ id: 'LoyaltyTier' });

export const adminTierSchema = tierSchema
  .extend({ holders: z.number().int() })
  .meta({ id: 'LoyaltyAdminTier' });

export const tierSettingsBody = z
  .object({ periodDays: z.number().int().min(1).max(3660) })
  .meta({ id: 'LoyaltyTierSettings' });

export const adminTierList = z
  .object({ items: z.array(adminTierSchema), periodDays: z.number().int() })
  .meta({ id: 'LoyaltyAdminTierList' });

const reserved = new Set(['settings', 'recalculate']);
export const tierCode = z
  .string()
  .regex(/^[a-z0-9_-]{1,32}$/, 'Latin lower-case letters, digits, «-» and «_», up to 32')
  .refine((c) => !reserved.has(c), 'This code is reserved');

export const tierUpdateBody = z
  .object({
    names,
    /** Kopecks over the rolling period. */
    minSpend: z.number().int().min(0).max(1_000_000_000_000),
    /** Basis points: 500 = 5 %. */
    accrualBp: z.number().int().min(0).max(10_000),
    position: z.number().int().min(0).max(1000).default(0),
  })
  .meta({ id: 'LoyaltyTierUpdate' });

export const tierCreateBody = tierUpdateBody.extend({ code: tierCode }).meta({ id: 'LoyaltyTierCreate' });

export const tierParams = z.object({ code: tierCode });

export const recalculationSchema = z
  .object({ changed: z.number().int(), upgraded: z.number().int(), downgraded: z.number().int() })
  .meta({ id: 'LoyaltyTierRecalculation' });

const nextTier = tierSchema.extend({ spendLeft: z.number().int() });

export const cardSchema = z
  .object({
    number: z.string(),
    holderName: z.string(),
    tier: tierSchema.nullable(),
    progress: z.object({
      spend: z.number().int(),
      periodDays: z.number().int(),
      next: nextTier.nullable(),
    }),
    qrSvg: z.string(),
    barcodeSvg: z.string(),
  })
  .meta({ id: 'LoyaltyCard' });

export const tillParams = z.object({ number: z.string().max(64) });

export const tillSchema = z
  .object({
    number: z.string(),
    personId: z.string(),
    name: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    tier: tierSchema.nullable(),
    balance: z.number().int(),
    status: z.enum(['active', 'blocked']),
  })
  .meta({ id: 'LoyaltyTillLookup' });
