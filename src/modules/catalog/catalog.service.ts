import { asc, eq, inArray, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { categories, priceLists, prices, products, productVariants, warehouses } from './catalog.tables.js';

/** Creates a category by slug, or returns the existing one (idempotent). */
export async function ensureCategory(
  db: Db,
  category: { slug: string; name: string; parentId?: string | null; position?: number },
): Promise<string> {
  const id = uuidv7();
  const parentPath = category.parentId
    ? ((
        await db
          .select({ path: categories.path })
          .from(categories)
          .where(eq(categories.id, category.parentId))
      )[0]?.path ?? [])
    : [];
  await db
    .insert(categories)
    .values({ id, ...category, parentId: category.parentId ?? null, path: [...parentPath, id] })
    .onConflictDoNothing({ target: categories.slug });
  const [row] = await db
    .select({ id: categories.id })
    .from(categories)
    .where(eq(categories.slug, category.slug));
  if (!row) throw new Error(`category ${category.slug} was not stored`);
  return row.id;
}

/** Returns the default (retail, guest) price list, creating it on first use. */
export async function ensureDefaultPriceList(db: Db): Promise<string> {
  await db
    .insert(priceLists)
    .values({ id: uuidv7(), code: 'retail', name: 'Розничная', isDefault: true })
    .onConflictDoNothing();
  const [row] = await db.select({ id: priceLists.id }).from(priceLists).where(eq(priceLists.isDefault, true));
  if (!row) throw new Error('the default price list was not stored');
  return row.id;
}

export interface NewProduct {
  sku: string;
  name: string;
  description?: string;
  categoryId: string;
  unit?: string;
  /** Retail price in kopecks, stored in the default price list. */
  basePrice: number;
}

/** Inserts simple products with their default variant and retail price, skipping SKUs that exist (idempotent). */
export async function ensureProducts(db: Db, items: NewProduct[]): Promise<void> {
  if (items.length === 0) return;
  const priceListId = await ensureDefaultPriceList(db);
  await db
    .insert(products)
    .values(items.map(({ basePrice: _price, ...p }) => ({ id: uuidv7(), ...p })))
    .onConflictDoNothing({ target: products.sku });
  const stored = await db
    .select({ id: products.id, sku: products.sku })
    .from(products)
    .where(
      inArray(
        products.sku,
        items.map((p) => p.sku),
      ),
    );
  const idBySku = new Map(stored.map((p) => [p.sku, p.id]));
  await db
    .insert(productVariants)
    .values(
      items.map((p) => ({
        id: uuidv7(),
        productId: idBySku.get(p.sku) as string,
        sku: p.sku,
        isDefault: true,
      })),
    )
    .onConflictDoNothing();
  const variants = await db
    .select({ id: productVariants.id, sku: productVariants.sku })
    .from(productVariants)
    .where(
      inArray(
        productVariants.sku,
        items.map((p) => p.sku),
      ),
    );
  const priceBySku = new Map(items.map((p) => [p.sku, p.basePrice]));
  await db
    .insert(prices)
    .values(variants.map((v) => ({ priceListId, variantId: v.id, amount: priceBySku.get(v.sku) as number })))
    .onConflictDoNothing();
}

/** A warehouse as other modules see it (delivery's pickup points). */
export interface WarehouseSummary {
  id: string;
  name: string;
  address: string | null;
  deliveryDays: number;
  isActive: boolean;
}

/** Every warehouse, in the back office's order. */
export async function listWarehouseSummaries(db: Db): Promise<WarehouseSummary[]> {
  return db
    .select({
      id: warehouses.id,
      name: warehouses.name,
      address: warehouses.address,
      deliveryDays: warehouses.deliveryDays,
      isActive: warehouses.isActive,
    })
    .from(warehouses)
    .orderBy(asc(warehouses.position), asc(warehouses.name));
}

/** Weight (kg) and volume (m³) per unit of each known variant, from its product; unknown ids are absent. */
export async function variantShippingFacts(
  db: Db,
  variantIds: readonly string[],
): Promise<Map<string, { weightKg: number | null; volumeM3: number | null }>> {
  if (variantIds.length === 0) return new Map();
  const rows = await db
    .select({ id: productVariants.id, weightKg: products.weight, volumeM3: products.volume })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(inArray(productVariants.id, [...new Set(variantIds)]));
  return new Map(rows.map((r) => [r.id, { weightKg: r.weightKg, volumeM3: r.volumeM3 }]));
}

/** What an order line snapshots of each known variant: product, SKU, name and unit; unknown ids are absent. */
export async function variantOrderFacts(db: Db, variantIds: readonly string[]) {
  if (variantIds.length === 0)
    return new Map<string, { productId: string; sku: string; name: string; unit: string }>();
  const rows = await db
    .select({
      id: productVariants.id,
      productId: products.id,
      sku: productVariants.sku,
      productName: products.name,
      variantName: productVariants.name,
      unit: products.unit,
    })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(inArray(productVariants.id, [...new Set(variantIds)]));
  return new Map(
    rows.map((r) => [
      r.id,
      {
        productId: r.productId,
        sku: r.sku,
        name: r.variantName ? `${r.productName} ${r.variantName}` : r.productName,
        unit: r.unit,
      },
    ]),
  );
}

/** Variant ids by SKU (case-insensitive, keys lower-cased); unknown SKUs are absent. */
export async function variantIdsBySku(db: Db, skus: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(skus.map((s) => s.trim().toLowerCase()))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: productVariants.id, sku: productVariants.sku })
    .from(productVariants)
    .where(inArray(sql`lower(${productVariants.sku})`, wanted));
  return new Map(rows.map((r) => [r.sku.toLowerCase(), r.id]));
}

/**
 * The 1C ids of variants and their products (CommerceML `Ид` of the offer and of the product), for sending order
 * lines back to 1C; ids of unknown variants are absent, and either id is null when the catalog has none.
 */
export async function variantExternalIds(
  db: Db,
  variantIds: readonly string[],
): Promise<Map<string, { variantExternalId: string | null; productExternalId: string | null }>> {
  if (variantIds.length === 0) return new Map();
  const rows = await db
    .select({
      id: productVariants.id,
      variantExternalId: productVariants.externalId,
      productExternalId: products.externalId,
    })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(inArray(productVariants.id, [...new Set(variantIds)]));
  return new Map(
    rows.map((r) => [
      r.id,
      { variantExternalId: r.variantExternalId, productExternalId: r.productExternalId },
    ]),
  );
}
