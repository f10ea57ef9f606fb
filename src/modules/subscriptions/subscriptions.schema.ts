import { z } from 'zod';

const uuid = z.uuid();
const day = z.iso.date();
const weeks = z.number().int().min(1).max(26);
const quantity = z.number().int().min(1).max(999);

export const idParams = z.object({ id: uuid });

export const createBody = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('product'),
    variantId: uuid,
    quantity,
    intervalWeeks: weeks,
    deliveryMethodId: uuid,
    addressId: uuid.optional(),
    savedMethodId: uuid,
    nextDate: day.optional(),
  }),
  z.object({ kind: z.literal('plan'), planId: uuid, savedMethodId: uuid, nextDate: day.optional() }),
]);
export type CreateBody = z.infer<typeof createBody>;

export const changeBody = z
  .object({
    quantity,
    intervalWeeks: weeks,
    nextDate: day,
    addressId: uuid,
    deliveryMethodId: uuid,
    savedMethodId: uuid,
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'Change at least one field' });
export type ChangeBody = z.infer<typeof changeBody>;

export const pauseBody = z.object({ until: day.nullable().default(null) });

export const planSchema = z.object({
  id: z.string(),
  nameRu: z.string(),
  nameEn: z.string(),
  descriptionRu: z.string(),
  descriptionEn: z.string(),
  price: z.number(),
  period: z.enum(['month', 'weeks']),
  intervalWeeks: z.number().nullable(),
  isActive: z.boolean(),
});

export const subscriptionSchema = z.object({
  id: z.string(),
  kind: z.enum(['product', 'plan']),
  title: z.string(),
  variantId: z.string().nullable(),
  productId: z.string().nullable(),
  quantity: z.number().nullable(),
  intervalWeeks: z.number().nullable(),
  planId: z.string().nullable(),
  plan: planSchema.nullable(),
  deliveryMethodId: z.string().nullable(),
  addressId: z.string().nullable(),
  savedMethodId: z.string().nullable(),
  status: z.enum(['active', 'paused', 'canceled']),
  nextDate: z.string(),
  pausedUntil: z.string().nullable(),
  pauseReason: z.string().nullable(),
  retryAt: z.string().nullable(),
  failedAttempts: z.number(),
  createdAt: z.string(),
  canceledAt: z.string().nullable(),
});

export const chargeSchema = z.object({
  id: z.string(),
  periodDate: z.string(),
  status: z.enum(['pending', 'paid', 'failed']),
  attempts: z.number(),
  orderId: z.string().nullable(),
  paymentId: z.string().nullable(),
  amount: z.number().nullable(),
  lastError: z.string().nullable(),
  updatedAt: z.string(),
});

export const detailSchema = subscriptionSchema.extend({
  history: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      actor: z.string(),
      data: z.record(z.string(), z.unknown()),
      createdAt: z.string(),
    }),
  ),
  charges: z.array(chargeSchema),
});

export const listSchema = z.object({ items: z.array(subscriptionSchema) });
export const plansSchema = z.object({ items: z.array(planSchema) });

export const planBody = z
  .object({
    nameRu: z.string().trim().min(1).max(200),
    nameEn: z.string().trim().min(1).max(200),
    descriptionRu: z.string().max(2000).default(''),
    descriptionEn: z.string().max(2000).default(''),
    price: z.number().int().min(1).max(100_000_000),
    period: z.enum(['month', 'weeks']),
    intervalWeeks: weeks.nullable().default(null),
    isActive: z.boolean().default(true),
  })
  .refine((p) => p.period === 'month' || p.intervalWeeks !== null, {
    path: ['intervalWeeks'],
    message: 'Weekly plans need the number of weeks',
  });
export const planPatch = z
  .object({
    nameRu: z.string().trim().min(1).max(200),
    nameEn: z.string().trim().min(1).max(200),
    descriptionRu: z.string().max(2000),
    descriptionEn: z.string().max(2000),
    price: z.number().int().min(1).max(100_000_000),
    isActive: z.boolean(),
  })
  .partial()
  .strict();

export const preferencesSchema = z.object({
  reorderReminders: z.boolean(),
  subscriptionNotices: z.boolean(),
});
export const preferencesBody = preferencesSchema.partial().strict();

export const reminderSchema = z.object({
  id: z.string(),
  productId: z.string(),
  variantId: z.string(),
  title: z.string(),
  quantity: z.number(),
  lastPurchase: z.string(),
  intervalDays: z.number(),
  createdAt: z.string(),
  usedAt: z.string().nullable(),
});
export const remindersSchema = z.object({ items: z.array(reminderSchema), preferences: preferencesSchema });
export const reorderBody = z.object({ token: z.string().min(20).max(100) });

export const adminListQuery = z.object({
  status: z.enum(['active', 'paused', 'canceled']).optional(),
  kind: z.enum(['product', 'plan']).optional(),
  failing: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const adminListSchema = z.object({
  items: z.array(subscriptionSchema.extend({ personId: z.string(), personName: z.string().nullable() })),
});
export const failedChargesSchema = z.object({
  items: z.array(
    chargeSchema.extend({ subscriptionId: z.string(), title: z.string(), personId: z.string() }),
  ),
});
