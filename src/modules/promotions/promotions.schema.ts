import { z } from 'zod';
import { orderDiscountKinds } from '../../shared/orders.js';
import { promotionAudiences, promotionKinds, promotionTargets } from './promotions.tables.js';

const uuid = z.uuid();
const kopecks = z.number().int().min(0).max(1e12);

export const orgParams = z.object({ orgId: z.string().max(64) });
export const idParams = z.object({ id: z.string().max(64) });

/** The checkout's discounts preview: the same source of lines as placing, and what the customer chose. */
export const previewBody = z
  .object({
    cartId: uuid.optional(),
    lines: z
      .array(
        z.object({
          variantId: uuid,
          quantity: z
            .number()
            .positive()
            .max(1e6)
            .refine((q) => Math.abs(q * 1000 - Math.round(q * 1000)) < 1e-6, 'At most three decimals'),
        }),
      )
      .min(1)
      .max(500)
      .optional(),
    promoCode: z.string().trim().max(64).optional(),
    bonusPoints: z.number().int().min(0).max(100_000_000).optional(),
    deliveryCost: kopecks.optional(),
  })
  .refine((b) => b.cartId || b.lines, { message: 'Send cartId or lines', path: ['lines'] });

const discountSchema = z.object({
  kind: z.enum(orderDiscountKinds),
  code: z.string().optional(),
  label: z.string(),
  amount: z.number(),
  points: z.number().optional(),
});

export const previewSchema = z.object({
  itemsTotal: z.number(),
  discounts: z.array(discountSchema),
  /** Each line's share of the discounts, in the order of the lines. */
  lineDiscounts: z.array(z.number()),
  /** What the discounts take off in total. */
  amount: z.number(),
  deliveryCost: z.number(),
  total: z.number(),
  /** Personal checkout only: the balance and the most points this order may take. */
  bonus: z.object({ balance: z.number(), maxPoints: z.number() }).nullable(),
});

const codeText = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .regex(/^[\p{L}\p{N}\s-]+$/u, 'Letters, digits and dashes only');

export const promotionBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().trim().max(2000).nullable().optional(),
    kind: z.enum(promotionKinds),
    /** Basis points for percent (1000 = 10 %), kopecks for fixed. */
    value: z.number().int().positive().max(1e10),
    target: z.enum(promotionTargets).default('order'),
    targetIds: z.array(uuid).max(500).default([]),
    minOrderAmount: kopecks.default(0),
    startsAt: z.iso.datetime({ offset: true }).nullable().optional(),
    endsAt: z.iso.datetime({ offset: true }).nullable().optional(),
    usageLimit: z.number().int().positive().max(1e9).nullable().optional(),
    perPersonLimit: z.number().int().positive().max(1e9).nullable().optional(),
    audience: z.enum(promotionAudiences).default('both'),
    combinableWithPoints: z.boolean().default(true),
    appliesToContract: z.boolean().default(false),
    appliesToDiscounted: z.boolean().default(false),
    active: z.boolean().default(true),
    /** A public code everyone may enter (SPRING10); personal codes come in batches. */
    publicCode: codeText.nullable().optional(),
  })
  .superRefine((b, ctx) => {
    if (b.kind === 'percent' && b.value > 10_000)
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'At most 10000 basis points (100 %)' });
    if (b.target !== 'order' && b.targetIds.length === 0)
      ctx.addIssue({ code: 'custom', path: ['targetIds'], message: 'Choose the categories or products' });
    if (b.startsAt && b.endsAt && Date.parse(b.endsAt) <= Date.parse(b.startsAt))
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'Must be after the start' });
  });
export type PromotionBody = z.infer<typeof promotionBody>;

export const promotionSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  kind: z.enum(promotionKinds),
  value: z.number(),
  target: z.enum(promotionTargets),
  targetIds: z.array(z.string()),
  minOrderAmount: z.number(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  usageLimit: z.number().nullable(),
  perPersonLimit: z.number().nullable(),
  audience: z.enum(promotionAudiences),
  combinableWithPoints: z.boolean(),
  appliesToContract: z.boolean(),
  appliesToDiscounted: z.boolean(),
  active: z.boolean(),
  publicCode: z.string().nullable(),
  uses: z.number(),
  discountGiven: z.number(),
  personalCodes: z.number(),
  createdAt: z.string(),
});
export const promotionListSchema = z.object({ items: z.array(promotionSchema) });

export const batchBody = z.object({
  count: z.number().int().min(1).max(10_000),
  prefix: z
    .string()
    .trim()
    .max(10)
    .regex(/^[A-Za-z0-9]*$/, 'Latin letters and digits only')
    .default(''),
  /** Assign the codes to these people, one each, in order (the rest stay unassigned). */
  personIds: z.array(uuid).max(10_000).default([]),
});

export const batchSchema = z.object({
  id: z.string(),
  promotionId: z.string(),
  prefix: z.string(),
  size: z.number(),
  used: z.number(),
  createdAt: z.string(),
});
export const batchListSchema = z.object({ items: z.array(batchSchema) });
export const batchParams = z.object({ id: z.string().max(64), batchId: z.string().max(64) });

export const reportQuery = z
  .object({ from: z.iso.date(), to: z.iso.date() })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] });

export const reportSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  totals: z.object({ uses: z.number(), discountGiven: z.number(), released: z.number() }),
  byPromotion: z.array(
    z.object({
      promotionId: z.string(),
      name: z.string(),
      uses: z.number(),
      discountGiven: z.number(),
      released: z.number(),
    }),
  ),
  byDay: z.array(z.object({ date: z.string(), uses: z.number(), discountGiven: z.number() })),
});
