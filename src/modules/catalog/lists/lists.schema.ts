import { z } from 'zod';
import { productCardSchema } from '../browse/browse.schema.js';

/** Products in the compare list at most (the side-by-side table fits six columns). */
export const compareLimit = 6;

/** Recently viewed products kept per person and context (older views drop off). */
export const recentLimit = 20;

export const favoritesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(24),
  cursor: z.string().max(512).optional(),
});

export const favoritesPageSchema = z
  .object({ items: z.array(productCardSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'CatalogFavorites' });

export const recentListSchema = z.object({ items: z.array(productCardSchema) }).meta({ id: 'CatalogRecent' });

/** Ids in the person's lists in this context, so listings can mark hearts and compare boxes without a call each. */
export const listIdsSchema = z
  .object({ favorites: z.array(z.string()), compare: z.array(z.string()) })
  .meta({ id: 'CatalogListIds' });

/**
 * The compare table: products as columns (in the order added), the union of their properties as rows; a cell is
 * the product's value as text (list options joined by ", ", numbers with no unit: the row has it) or null.
 */
export const compareTableSchema = z
  .object({
    products: z.array(productCardSchema),
    rows: z.array(
      z.object({
        propertyId: z.string(),
        name: z.string(),
        unit: z.string().nullable(),
        values: z.array(z.string().nullable()),
      }),
    ),
  })
  .meta({ id: 'CatalogCompare' });
