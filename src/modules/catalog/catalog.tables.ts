import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Category tree of the catalog. */
export const categories = pgTable(
  'categories',
  {
    id: uuid('id').primaryKey(),
    parentId: uuid('parent_id'),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('categories_parent_idx').on(t.parentId)],
);

/**
 * Products. This is the minimal shape the demo business needs; the catalog issue grows it (variants,
 * properties, prices by rule, stock per warehouse).
 */
export const products = pgTable(
  'products',
  {
    id: uuid('id').primaryKey(),
    sku: text('sku').notNull().unique(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    categoryId: uuid('category_id').references(() => categories.id),
    unit: text('unit').notNull().default('шт'),
    /** Base (retail) price in kopecks. */
    basePrice: bigint('base_price', { mode: 'number' }).notNull(),
    currency: text('currency').notNull().default('RUB'),
    status: text('status', { enum: ['active', 'archived'] })
      .notNull()
      .default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('products_category_idx').on(t.categoryId),
    check('products_price_check', sql`${t.basePrice} >= 0`),
  ],
);
