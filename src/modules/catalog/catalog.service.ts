import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { categories, products } from './catalog.tables.js';

/** Creates a category by slug, or returns the existing one (idempotent). */
export async function ensureCategory(
  db: Db,
  category: { slug: string; name: string; parentId?: string | null; position?: number },
): Promise<string> {
  await db
    .insert(categories)
    .values({ id: uuidv7(), ...category, parentId: category.parentId ?? null })
    .onConflictDoNothing({ target: categories.slug });
  const [row] = await db
    .select({ id: categories.id })
    .from(categories)
    .where(eq(categories.slug, category.slug));
  if (!row) throw new Error(`category ${category.slug} was not stored`);
  return row.id;
}

export interface NewProduct {
  sku: string;
  name: string;
  description?: string;
  categoryId: string;
  unit?: string;
  basePrice: number;
}

/** Inserts products, skipping SKUs that already exist (idempotent). */
export async function ensureProducts(db: Db, items: NewProduct[]): Promise<void> {
  if (items.length === 0) return;
  await db
    .insert(products)
    .values(items.map((p) => ({ id: uuidv7(), ...p })))
    .onConflictDoNothing({ target: products.sku });
}
