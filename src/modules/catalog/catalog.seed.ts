import { and, eq, inArray, isNull } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import {
  categories,
  discounts,
  priceListAssignments,
  priceLists,
  prices,
  productPropertyValues,
  products,
  productVariants,
  promoPrices,
  properties,
  propertyOptions,
  stock,
  warehouses,
} from './catalog.tables.js';

/**
 * Seed helpers for the demo catalog (and fixtures that need a rich one). Each helper is idempotent on a natural
 * key (slug, SKU, code, external id, name) and writes in a few multi-row statements, because the demo seed runs
 * in many test files and at every cold start.
 */

export interface SeedCategory {
  slug: string;
  name: string;
  description?: string;
  position: number;
  /** Slug of the parent category (listed earlier), or none for a top-level one. */
  parent?: string;
  /** Only companies in these customer groups see the category; null or absent: everyone. */
  visibleGroupIds?: string[] | null;
}

/** Creates the category tree (parents before children, one statement per level); returns ids by slug. */
export async function ensureCategoryTree(db: Db, tree: SeedCategory[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const paths = new Map<string, string[]>();
  let level = tree.filter((c) => !c.parent);
  while (level.length > 0) {
    const rows = level.map((c) => {
      const id = uuidv7();
      const parentId = c.parent ? (ids.get(c.parent) ?? null) : null;
      const parentPath = c.parent ? (paths.get(c.parent) ?? []) : [];
      return {
        id,
        slug: c.slug,
        name: c.name,
        description: c.description ?? '',
        position: c.position,
        parentId,
        path: [...parentPath, id],
        visibleGroupIds: c.visibleGroupIds ?? null,
      };
    });
    await db.insert(categories).values(rows).onConflictDoNothing({ target: categories.slug });
    const stored = await db
      .select({ id: categories.id, slug: categories.slug, path: categories.path })
      .from(categories)
      .where(
        inArray(
          categories.slug,
          level.map((c) => c.slug),
        ),
      );
    for (const row of stored) {
      ids.set(row.slug, row.id);
      paths.set(row.slug, row.path);
    }
    const slugs = new Set(level.map((c) => c.slug));
    level = tree.filter((c) => c.parent && slugs.has(c.parent));
  }
  return ids;
}

export interface SeedProperty {
  /** Stable key, stored as the property's external id so a second run finds it. */
  externalId: string;
  name: string;
  type: 'text' | 'number' | 'list';
  unit?: string;
  filterable?: boolean;
  position: number;
  /** Options of a list property, in display order. */
  options?: string[];
}

export interface StoredProperty {
  id: string;
  type: SeedProperty['type'];
  /** Option ids by value (list properties). */
  options: Map<string, string>;
}

/** Creates properties and their list options; returns them by external id. */
export async function ensureProperties(db: Db, defs: SeedProperty[]): Promise<Map<string, StoredProperty>> {
  if (defs.length === 0) return new Map();
  await db
    .insert(properties)
    .values(
      defs.map((p) => ({
        id: uuidv7(),
        externalId: p.externalId,
        name: p.name,
        type: p.type,
        unit: p.unit ?? null,
        filterable: p.filterable ?? false,
        position: p.position,
      })),
    )
    .onConflictDoNothing({ target: properties.externalId });
  const stored = await db
    .select({ id: properties.id, externalId: properties.externalId, type: properties.type })
    .from(properties)
    .where(
      inArray(
        properties.externalId,
        defs.map((p) => p.externalId),
      ),
    );
  const byExternal = new Map(stored.map((p) => [p.externalId as string, p]));
  const optionRows = defs.flatMap((def) =>
    (def.options ?? []).map((value, position) => ({
      id: uuidv7(),
      propertyId: byExternal.get(def.externalId)?.id as string,
      externalId: value,
      value,
      position,
    })),
  );
  if (optionRows.length > 0) await db.insert(propertyOptions).values(optionRows).onConflictDoNothing();
  const options = await db
    .select({ id: propertyOptions.id, propertyId: propertyOptions.propertyId, value: propertyOptions.value })
    .from(propertyOptions)
    .where(
      inArray(
        propertyOptions.propertyId,
        stored.map((p) => p.id),
      ),
    );
  return new Map(
    stored.map((p) => [
      p.externalId as string,
      {
        id: p.id,
        type: p.type,
        options: new Map(options.filter((o) => o.propertyId === p.id).map((o) => [o.value, o.id])),
      },
    ]),
  );
}

export interface SeedWarehouse {
  externalId: string;
  name: string;
  address: string;
  deliveryDays: number;
  position: number;
}

/** Creates warehouses; returns their ids by external id. */
export async function ensureWarehouses(db: Db, defs: SeedWarehouse[]): Promise<Map<string, string>> {
  await db
    .insert(warehouses)
    .values(defs.map((w) => ({ id: uuidv7(), ...w })))
    .onConflictDoNothing({ target: warehouses.externalId });
  const stored = await db
    .select({ id: warehouses.id, externalId: warehouses.externalId })
    .from(warehouses)
    .where(
      inArray(
        warehouses.externalId,
        defs.map((w) => w.externalId),
      ),
    );
  return new Map(stored.map((w) => [w.externalId as string, w.id]));
}

/** Creates a (non-default) price list by code, or returns the existing one. */
export async function ensurePriceList(
  db: Db,
  list: { code: string; name: string; vatIncluded?: boolean },
): Promise<string> {
  await db
    .insert(priceLists)
    .values({ id: uuidv7(), ...list })
    .onConflictDoNothing({ target: priceLists.code });
  const [row] = await db.select({ id: priceLists.id }).from(priceLists).where(eq(priceLists.code, list.code));
  if (!row) throw new Error(`price list ${list.code} was not stored`);
  return row.id;
}

/** Assigns a price list to a customer group or to one company (contract prices), unless one is assigned. */
export async function assignPriceList(
  db: Db,
  priceListId: string,
  target: { customerGroupId: string } | { companyId: string },
): Promise<void> {
  await db
    .insert(priceListAssignments)
    .values({ id: uuidv7(), priceListId, ...target })
    .onConflictDoNothing();
}

export interface SeedVariant {
  sku: string;
  name?: string;
  attributes?: Record<string, string>;
  barcodes?: string[];
  /** Price rows: one per list and quantity break (kopecks per unit). */
  prices: Array<{ priceListId: string; minQty?: number; amount: number }>;
  stock: Array<{ warehouseId: string; onHand: number; reserved?: number }>;
}

export interface SeedProduct {
  sku: string;
  name: string;
  description?: string;
  categoryId: string;
  brand?: string | null;
  unit?: string;
  unitCode?: string | null;
  packSize?: number;
  minOrderQty?: number;
  weight?: number | null;
  volume?: number | null;
  vatRate?: number | null;
  visibleGroupIds?: string[] | null;
  properties: Array<{ propertyId: string; optionId?: string; numberValue?: number; textValue?: string }>;
  /** At least one; the first is the default variant (a simple product has one, with the product's SKU). */
  variants: SeedVariant[];
}

/**
 * Creates products with their variants, property values, prices and stock. Products whose SKU exists are left
 * as they are (with everything hanging off them), so a second run changes nothing. Returns product ids by SKU.
 */
export async function ensureSeedProducts(db: Db, items: SeedProduct[]): Promise<Map<string, string>> {
  if (items.length === 0) return new Map();
  const created = await db
    .insert(products)
    .values(
      items.map(({ properties: _p, variants: _v, ...p }) => ({
        id: uuidv7(),
        ...p,
        visibleGroupIds: p.visibleGroupIds ?? null,
      })),
    )
    .onConflictDoNothing({ target: products.sku })
    .returning({ id: products.id, sku: products.sku });
  const fresh = items
    .map((item) => ({ item, id: created.find((c) => c.sku === item.sku)?.id }))
    .filter((x): x is { item: SeedProduct; id: string } => Boolean(x.id));

  const variantRows = fresh.flatMap(({ item, id }) =>
    item.variants.map((v, position) => ({
      id: uuidv7(),
      productId: id,
      sku: v.sku,
      name: v.name ?? '',
      attributes: v.attributes ?? {},
      barcodes: v.barcodes ?? [],
      isDefault: position === 0,
      position,
      seed: v,
    })),
  );
  if (variantRows.length > 0) {
    await db.insert(productVariants).values(variantRows.map(({ seed: _s, ...v }) => v));
    const priceRows = variantRows.flatMap((v) =>
      v.seed.prices.map((p) => ({
        priceListId: p.priceListId,
        variantId: v.id,
        minQty: p.minQty ?? 1,
        amount: p.amount,
      })),
    );
    if (priceRows.length > 0) await db.insert(prices).values(priceRows);
    const stockRows = variantRows.flatMap((v) =>
      v.seed.stock.map((s) => ({
        variantId: v.id,
        warehouseId: s.warehouseId,
        onHand: s.onHand,
        reserved: s.reserved ?? 0,
      })),
    );
    if (stockRows.length > 0) await db.insert(stock).values(stockRows);
  }
  const valueRows = fresh.flatMap(({ item, id }) =>
    item.properties.map((p) => ({
      id: uuidv7(),
      productId: id,
      propertyId: p.propertyId,
      optionId: p.optionId ?? null,
      numberValue: p.numberValue ?? null,
      textValue: p.textValue ?? null,
    })),
  );
  if (valueRows.length > 0) await db.insert(productPropertyValues).values(valueRows);

  const all = await db
    .select({ id: products.id, sku: products.sku })
    .from(products)
    .where(
      inArray(
        products.sku,
        items.map((p) => p.sku),
      ),
    );
  return new Map(all.map((p) => [p.sku, p.id]));
}

type NewDiscount = typeof discounts.$inferInsert;

/** Creates a discount unless one with the same name exists for the same company, person or group. */
export async function ensureDiscount(db: Db, discount: Omit<NewDiscount, 'id'>): Promise<void> {
  const target = discount.companyId
    ? eq(discounts.companyId, discount.companyId)
    : discount.userId
      ? eq(discounts.userId, discount.userId)
      : discount.customerGroupId
        ? eq(discounts.customerGroupId, discount.customerGroupId)
        : isNull(discounts.id);
  const [existing] = await db
    .select({ id: discounts.id })
    .from(discounts)
    .where(and(eq(discounts.name, discount.name), target));
  if (!existing) await db.insert(discounts).values({ id: uuidv7(), ...discount });
}

type NewPromo = typeof promoPrices.$inferInsert;

/** Creates a promotional price unless the product already has one with the same name. */
export async function ensurePromoPrice(db: Db, promo: Omit<NewPromo, 'id'>): Promise<void> {
  const [existing] = await db
    .select({ id: promoPrices.id })
    .from(promoPrices)
    .where(and(eq(promoPrices.name, promo.name), eq(promoPrices.productId, promo.productId)));
  if (!existing) await db.insert(promoPrices).values({ id: uuidv7(), ...promo });
}
