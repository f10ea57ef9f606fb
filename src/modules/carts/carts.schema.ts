import { z } from 'zod';

/** At most this many lines in one cart (and in one quick-order preview). */
export const maxCartLines = 1000;

/** Largest quick-order file accepted (bytes). */
export const maxQuickOrderFileBytes = 2 * 1024 * 1024;

const quantity = z
  .number()
  .positive()
  .max(1_000_000)
  .refine((n) => Math.abs(Math.round(n * 1000) - n * 1000) < 1e-6, 'At most three decimals');

export const orgParams = z.object({ orgId: z.string().max(64) });
export const cartParams = z.object({ cartId: z.guid() });
export const orgCartParams = orgParams.extend(cartParams.shape);
export const lineParams = z.object({ variantId: z.guid() });

export const addLinesBody = z.object({
  lines: z
    .array(z.object({ variantId: z.guid(), quantity }))
    .min(1)
    .max(maxCartLines),
});
export const setQuantityBody = z.object({ quantity });
export const quickOrderTextBody = z.object({ text: z.string().min(1).max(200_000) });
export const newCartBody = z.object({
  name: z.string().trim().min(1).max(100),
  shared: z.boolean().default(false),
});
export const cartPatchBody = z
  .object({ name: z.string().trim().min(1).max(100).optional(), shared: z.boolean().optional() })
  .refine((b) => b.name !== undefined || b.shared !== undefined, 'Nothing to change');

const reason = z.enum(['minimum', 'multiple']);
const problem = z.enum(['unavailable', 'no_price', 'below_minimum', 'not_multiple', 'not_enough_stock']);

export const cartLineSchema = z.object({
  variantId: z.string(),
  productId: z.string(),
  sku: z.string(),
  name: z.string(),
  variantName: z.string(),
  unit: z.string(),
  packSize: z.number(),
  minOrderQty: z.number(),
  imageUrl: z.string().nullable(),
  stockLevel: z.enum(['in_stock', 'few_left', 'on_order']),
  /** Units available in all warehouses; only company members see the number. */
  available: z.number().nullable(),
  quantity: z.number(),
  unitPrice: z.number().nullable(),
  lineTotal: z.number().nullable(),
  weight: z.number().nullable(),
  priceChanged: z.object({ was: z.number(), now: z.number() }).nullable(),
  problems: z.array(problem),
  addedAt: z.string(),
});

export const cartSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(['personal', 'company', 'guest']),
  name: z.string().nullable(),
  shared: z.boolean(),
  isDefault: z.boolean(),
  mine: z.boolean(),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  lineCount: z.number(),
  updatedAt: z.string(),
});

export const cartViewSchema = cartSummarySchema.extend({
  currency: z.string(),
  lines: z.array(cartLineSchema),
  totals: z.object({
    items: z.number(),
    quantity: z.number(),
    sum: z.number(),
    weight: z.number().nullable(),
  }),
  maxLines: z.number(),
});

export const cartListSchema = z.object({ items: z.array(cartSummarySchema) });

export const addResultSchema = z.object({
  added: z.number(),
  corrected: z.array(z.object({ variantId: z.string(), asked: z.number(), set: z.number(), reason })),
  unavailable: z.array(z.object({ variantId: z.string(), reason: z.enum(['unavailable', 'no_price']) })),
  cart: cartViewSchema,
});

export const quickOrderPreviewSchema = z.object({
  matched: z.array(
    z.object({
      line: z.number(),
      sku: z.string(),
      variantId: z.string(),
      name: z.string(),
      unit: z.string(),
      asked: z.number(),
      quantity: z.number(),
      reason: reason.nullable(),
      unitPrice: z.number(),
      lineTotal: z.number(),
    }),
  ),
  unknown: z.array(z.object({ line: z.number(), sku: z.string() })),
  unavailable: z.array(z.object({ line: z.number(), sku: z.string(), name: z.string() })),
  bad: z.array(z.object({ line: z.number(), text: z.string(), reason: z.enum(['format', 'quantity']) })),
  total: z.number(),
  currency: z.string(),
});

export type CartView = z.infer<typeof cartViewSchema>;
export type CartSummary = z.infer<typeof cartSummarySchema>;
export type QuickOrderPreview = z.infer<typeof quickOrderPreviewSchema>;
