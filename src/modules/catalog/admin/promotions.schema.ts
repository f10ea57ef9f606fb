import { z } from 'zod';
import { groupIdsField, qtyField } from './common.js';

/** A discount as sent by the back office: percent (0 < p ≤ 100, two decimals), exactly one audience. */
export const discountBody = z.object({
  name: z.string().trim().min(1).max(200),
  companyId: z.uuid().nullable().optional(),
  userId: z.string().min(1).max(100).nullable().optional(),
  customerGroupId: z.uuid().nullable().optional(),
  scope: z.enum(['all', 'category', 'brand', 'product']),
  categoryId: z.uuid().nullable().optional(),
  brand: z.string().trim().min(1).max(100).nullable().optional(),
  productId: z.uuid().nullable().optional(),
  percent: z.number().gt(0).lte(100).multipleOf(0.01),
  minQty: qtyField.optional(),
  startsAt: z.iso.datetime({ offset: true }).nullable().optional(),
  endsAt: z.iso.datetime({ offset: true }).nullable().optional(),
  active: z.boolean().optional(),
});
export type DiscountBody = z.infer<typeof discountBody>;

export const promoBody = z.object({
  name: z.string().trim().min(1).max(200),
  productId: z.uuid(),
  variantId: z.uuid().nullable().optional(),
  /** Kopecks per unit. */
  amount: z.number().int().nonnegative().max(1e13),
  customerGroupIds: groupIdsField.optional(),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
});
export type PromoBody = z.infer<typeof promoBody>;

export const discountSchema = z.object({
  id: z.string(),
  name: z.string(),
  companyId: z.string().nullable(),
  userId: z.string().nullable(),
  customerGroupId: z.string().nullable(),
  scope: z.string(),
  categoryId: z.string().nullable(),
  brand: z.string().nullable(),
  productId: z.string().nullable(),
  percent: z.number(),
  minQty: z.number(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  active: z.boolean(),
});

export const promoSchema = z.object({
  id: z.string(),
  name: z.string(),
  productId: z.string(),
  productName: z.string(),
  variantId: z.string().nullable(),
  amount: z.number(),
  customerGroupIds: z.array(z.string()).nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
});
