import { z } from 'zod';
import { groupIdsField, qtyField } from './common.js';

const statusEnum = z.enum(['active', 'archived']);

/** Editable product fields (create needs sku and name; update takes any subset). */
export const productFields = z.object({
  sku: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(300),
  description: z.string().max(100_000).optional(),
  categoryId: z.uuid().nullable().optional(),
  brand: z.string().trim().max(100).nullable().optional(),
  unit: z.string().trim().min(1).max(20).optional(),
  unitCode: z.string().trim().max(10).nullable().optional(),
  packSize: qtyField.optional(),
  minOrderQty: qtyField.optional(),
  weight: z.number().nonnegative().max(1e6).nullable().optional(),
  volume: z.number().nonnegative().max(1e6).nullable().optional(),
  vatRate: z.number().int().min(0).max(100).nullable().optional(),
  status: statusEnum.optional(),
  visibleGroupIds: groupIdsField.optional(),
});

export const createProductBody = productFields.extend({
  /** Price of the default variant in the default (retail) price list, kopecks. */
  price: z.number().int().nonnegative().max(1e13).optional(),
});
export type CreateProduct = z.infer<typeof createProductBody>;

export const updateProductBody = productFields.partial();
export type UpdateProduct = z.infer<typeof updateProductBody>;

export const productListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  categoryId: z.uuid().optional(),
  status: statusEnum.optional(),
});

export const productListItem = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  brand: z.string().nullable(),
  status: z.string(),
  categoryId: z.string().nullable(),
  categoryName: z.string().nullable(),
  visibleGroupIds: z.array(z.string()).nullable(),
  /** Retail (default list) price of the default variant from one piece, kopecks. */
  price: z.number().nullable(),
  thumbUrl: z.string().nullable(),
  updatedAt: z.string(),
});

export const variantBody = z.object({
  sku: z.string().trim().min(1).max(64),
  name: z.string().trim().max(200).optional(),
  attributes: z.record(z.string().max(100), z.string().max(200)).optional(),
  barcodes: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[0-9A-Za-z-]{4,32}$/),
    )
    .max(20)
    .optional(),
  status: statusEnum.optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  /** Make this the default variant (the previous default stops being one). */
  isDefault: z.literal(true).optional(),
});

export const propertyValuesBody = z.object({
  values: z
    .array(
      z.object({
        propertyId: z.uuid(),
        optionId: z.uuid().optional(),
        number: z.number().finite().optional(),
        text: z.string().trim().min(1).max(1000).optional(),
      }),
    )
    .max(200),
});

export const relationsBody = z.object({
  related: z.array(z.uuid()).max(50),
  analogues: z.array(z.uuid()).max(50),
});

export const bulkEditBody = z.object({
  productIds: z.array(z.uuid()).min(1).max(500),
  set: z
    .object({
      status: statusEnum.optional(),
      categoryId: z.uuid().nullable().optional(),
      brand: z.string().trim().max(100).nullable().optional(),
      visibleGroupIds: groupIdsField.optional(),
    })
    .default({}),
  /** Change every price of these products in a price list by a percentage (−90 … +1000). */
  priceChange: z
    .object({
      priceListId: z.uuid(),
      percent: z
        .number()
        .min(-90)
        .max(1000)
        .refine((p) => p !== 0, 'Not zero'),
    })
    .optional(),
});
export type BulkEdit = z.infer<typeof bulkEditBody>;

export const stockBody = z.object({
  variantId: z.uuid(),
  warehouseId: z.uuid(),
  onHand: z.number().min(0).max(1e12).multipleOf(0.001),
});

export const variantPricesBody = z.object({
  priceListId: z.uuid(),
  /** Quantity breaks: the price per unit from each minimum quantity; an empty list removes the prices. */
  breaks: z.array(z.object({ minQty: qtyField, amount: z.number().int().nonnegative().max(1e13) })).max(20),
});
