import { z } from 'zod';

/**
 * The shopper-facing catalog API contract: the same shapes in the public, me and org scopes (docs/catalog.md).
 * Money is integer kopecks; quantities are numbers in the product's unit.
 */

export const sortEnum = z.enum(['relevance', 'name', 'price_asc', 'price_desc', 'newest']);
export type CatalogSort = z.infer<typeof sortEnum>;

const booleanParam = z.enum(['true', 'false']).transform((v) => v === 'true');
const kopecks = z.coerce.number().int().min(0).max(1e13);

/**
 * Query of a product listing. Facet filters on properties come as extra keys `prop.<propertyId>`: a list of
 * option ids (`prop.<id>=<optionId>,<optionId>`) or a number range (`prop.<id>=10..20`, either end optional);
 * they are checked by `parsePropertyFilters`.
 */
export const productListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(24),
    cursor: z.string().max(512).optional(),
    category: z.uuid().optional(),
    q: z.string().trim().min(1).max(200).optional(),
    priceMin: kopecks.optional(),
    priceMax: kopecks.optional(),
    inStock: booleanParam.optional(),
    warehouse: z.uuid().optional(),
    /** Comma-separated brand names. */
    brand: z.string().trim().min(1).max(1000).optional(),
    sort: sortEnum.optional(),
    facets: booleanParam.optional(),
  })
  .catchall(z.string().max(2000));
export type ProductListQuery = z.infer<typeof productListQuery>;

export const categoriesQuery = z.object({});

/** One quantity break of a price: from `minQty` units the unit price is `unitPrice`. */
const priceBreakSchema = z.object({ minQty: z.number(), unitPrice: z.number().int() });

/** A price for this scope and the rule that produced it (from the pricing service). */
export const catalogPriceSchema = z
  .object({
    currency: z.string(),
    /** Final price per unit at the quantity priced (the product's minimum order quantity). */
    unitPrice: z.number().int(),
    /** The default (retail) list price per unit, for a struck-through "was" price. */
    basePrice: z.number().int().nullable(),
    quantity: z.number(),
    rule: z.object({
      source: z.enum(['default', 'group', 'contract']),
      priceListName: z.string(),
      breakMinQty: z.number().nullable(),
      discount: z
        .object({ name: z.string(), percentBp: z.number().int(), minQty: z.number(), scope: z.string() })
        .nullable(),
      promo: z.object({ name: z.string(), endsAt: z.string() }).nullable(),
    }),
    breaks: z.array(priceBreakSchema),
  })
  .meta({ id: 'CatalogPrice' });
export type CatalogPrice = z.infer<typeof catalogPriceSchema>;

/**
 * Stock as the scope may see it. Every scope gets `level` and `deliveryDays`; only the org scope (B2B) gets
 * quantities: `available` (all warehouses) and `warehouses` (available per warehouse). Public and me get null.
 */
export const catalogStockSchema = z
  .object({
    level: z.enum(['in_stock', 'few_left', 'on_order']),
    /** Days to deliver: from the nearest warehouse that has it, or the on-order estimate. */
    deliveryDays: z.number().int(),
    available: z.number().nullable(),
    warehouses: z
      .array(
        z.object({
          warehouseId: z.string(),
          name: z.string(),
          available: z.number(),
          deliveryDays: z.number().int(),
        }),
      )
      .nullable(),
  })
  .meta({ id: 'CatalogStock' });
export type CatalogStock = z.infer<typeof catalogStockSchema>;

/** An image with its public URLs (original, 1200 px medium, 400 px thumbnail). */
export const catalogImageSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    mediumUrl: z.string(),
    thumbUrl: z.string(),
    alt: z.string(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
  })
  .meta({ id: 'CatalogImage' });

const categoryRefSchema = z.object({ id: z.string(), name: z.string(), slug: z.string() });

/** A product in a listing, search result, favorites or compare list. */
export const productCardSchema = z
  .object({
    id: z.string(),
    sku: z.string(),
    name: z.string(),
    brand: z.string().nullable(),
    unit: z.string(),
    packSize: z.number(),
    minOrderQty: z.number(),
    category: categoryRefSchema.nullable(),
    image: catalogImageSchema.nullable(),
    /** The default variant (what "add to cart" from a listing adds). */
    variantId: z.string().nullable(),
    variantCount: z.number().int(),
    price: catalogPriceSchema.nullable(),
    stock: catalogStockSchema,
  })
  .meta({ id: 'CatalogProductCard' });
export type ProductCard = z.infer<typeof productCardSchema>;

/** Facet counts for the current filter. */
export const facetsSchema = z
  .object({
    properties: z.array(
      z.object({
        propertyId: z.string(),
        name: z.string(),
        type: z.enum(['text', 'number', 'list']),
        unit: z.string().nullable(),
        /** List properties: options with the number of matching products. */
        options: z.array(z.object({ optionId: z.string(), value: z.string(), count: z.number().int() })),
        /** Number properties: the range among matching products. */
        min: z.number().nullable(),
        max: z.number().nullable(),
      }),
    ),
    price: z.object({ min: z.number().int(), max: z.number().int() }).nullable(),
    brands: z.array(z.object({ brand: z.string(), count: z.number().int() })),
  })
  .meta({ id: 'CatalogFacets' });
export type Facets = z.infer<typeof facetsSchema>;

export const productListSchema = z
  .object({
    items: z.array(productCardSchema),
    nextCursor: z.string().nullable(),
    /** Present when asked for with `facets=true`. */
    facets: facetsSchema.optional(),
  })
  .meta({ id: 'CatalogProductList' });

/** One specification row: a property of the product with its value (and unit for numbers). */
const specificationSchema = z.object({
  propertyId: z.string(),
  name: z.string(),
  type: z.enum(['text', 'number', 'list']),
  unit: z.string().nullable(),
  /** The value as text (an option's value, a number or free text). */
  value: z.string(),
  numberValue: z.number().nullable(),
  optionId: z.string().nullable(),
});

const documentSchema = z.object({
  id: z.string(),
  kind: z.enum(['certificate', 'manual', 'drawing', 'other']),
  title: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  url: z.string(),
});

const variantSchema = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  attributes: z.record(z.string(), z.string()),
  barcodes: z.array(z.string()),
  isDefault: z.boolean(),
  price: catalogPriceSchema.nullable(),
  stock: catalogStockSchema,
});

/** One product with everything its page shows. */
export const productDetailSchema = productCardSchema
  .extend({
    description: z.string(),
    unitCode: z.string().nullable(),
    weight: z.number().nullable(),
    volume: z.number().nullable(),
    /** The category and its ancestors, root first. */
    categoryPath: z.array(categoryRefSchema),
    images: z.array(catalogImageSchema),
    specifications: z.array(specificationSchema),
    documents: z.array(documentSchema),
    variants: z.array(variantSchema),
    related: z.array(productCardSchema),
    analogues: z.array(productCardSchema),
  })
  .meta({ id: 'CatalogProductDetail' });
export type ProductDetail = z.infer<typeof productDetailSchema>;

export const categoryNodeSchema = z
  .object({
    id: z.string(),
    parentId: z.string().nullable(),
    name: z.string(),
    slug: z.string(),
    position: z.number().int(),
    depth: z.number().int(),
    /** Visible active products in the category and its subtree. */
    productCount: z.number().int(),
  })
  .meta({ id: 'CatalogCategory' });

/** Categories visible to the scope, flat, parents before children (ordered by position, then name). */
export const categoryListSchema = z.object({ items: z.array(categoryNodeSchema) });

export const warehouseSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    address: z.string().nullable(),
    deliveryDays: z.number().int(),
  })
  .meta({ id: 'CatalogWarehouse' });
export const warehouseListSchema = z.object({ items: z.array(warehouseSchema) });

export const productParams = z.object({ productId: z.uuid() });
