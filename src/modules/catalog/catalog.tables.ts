import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { companies, customerGroups } from '../companies/companies.tables.js';
import { users } from '../people/people.tables.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** A quantity (stock, pack size, minimum order): three decimals, because metres and kilograms are sold too. */
const quantity = (name: string) => numeric(name, { precision: 15, scale: 3, mode: 'number' });

/**
 * Category tree of the catalog. `path` holds the ids of the ancestors and the category itself, so a subtree is
 * one indexed `path @> array[id]` and visibility inherited from a parent is a single array check.
 */
export const categories = pgTable(
  'categories',
  {
    id: uuid('id').primaryKey(),
    parentId: uuid('parent_id'),
    /** The 1C `Ид` (CommerceML group id); re-imports match on it. */
    externalId: text('external_id').unique(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    position: integer('position').notNull().default(0),
    path: uuid('path').array().notNull().default(sql`'{}'::uuid[]`),
    /** Null: everyone sees it (guests too). Otherwise only companies in these customer groups. */
    visibleGroupIds: uuid('visible_group_ids').array(),
    status: text('status', { enum: ['active', 'archived'] })
      .notNull()
      .default('active'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('categories_parent_idx').on(t.parentId),
    index('categories_path_idx').using('gin', t.path),
    // The few categories that hide anything (archived or limited): every catalog read looks them up.
    index('categories_limited_idx')
      .on(t.id)
      .where(sql`${t.status} <> 'active' or ${t.visibleGroupIds} is not null`),
  ],
);

/** Typed product properties (CommerceML `Свойство`): free text, a number with a unit, or a list of options. */
export const properties = pgTable('properties', {
  id: uuid('id').primaryKey(),
  externalId: text('external_id').unique(),
  name: text('name').notNull(),
  type: text('type', { enum: ['text', 'number', 'list'] }).notNull(),
  unit: text('unit'),
  /** Shown as a facet filter on category pages. */
  filterable: boolean('filterable').notNull().default(false),
  position: integer('position').notNull().default(0),
});

/** The options of a list property (CommerceML `ВариантыЗначений/Справочник`). */
export const propertyOptions = pgTable(
  'property_options',
  {
    id: uuid('id').primaryKey(),
    propertyId: uuid('property_id')
      .notNull()
      .references(() => properties.id, { onDelete: 'cascade' }),
    externalId: text('external_id'),
    value: text('value').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    unique('property_options_external_uq').on(t.propertyId, t.externalId),
    index('property_options_property_idx').on(t.propertyId),
  ],
);

/** Products. Prices and stock belong to variants: every product has at least one (its default variant). */
export const products = pgTable(
  'products',
  {
    id: uuid('id').primaryKey(),
    /** The 1C `Ид` of the product; re-imports match on it. */
    externalId: text('external_id').unique(),
    sku: text('sku').notNull().unique(),
    name: text('name').notNull(),
    /** Sanitised HTML (rich text). */
    description: text('description').notNull().default(''),
    categoryId: uuid('category_id').references(() => categories.id, { onDelete: 'set null' }),
    brand: text('brand'),
    /** Unit of measure as shown ('шт', 'м', 'кг') and its OKEI code when known ('796'). */
    unit: text('unit').notNull().default('шт'),
    unitCode: text('unit_code'),
    /** Pack multiplicity: quantities are ordered in multiples of it. */
    packSize: quantity('pack_size').notNull().default(1),
    minOrderQty: quantity('min_order_qty').notNull().default(1),
    /** Kilograms and cubic metres per unit. */
    weight: numeric('weight', { precision: 12, scale: 4, mode: 'number' }),
    volume: numeric('volume', { precision: 12, scale: 6, mode: 'number' }),
    vatRate: integer('vat_rate'),
    status: text('status', { enum: ['active', 'archived'] })
      .notNull()
      .default('active'),
    /** Null: everyone sees it. Otherwise only companies in these customer groups (categories may narrow further). */
    visibleGroupIds: uuid('visible_group_ids').array(),
    /** Russian full-text document: name and SKU weigh most, then brand, then the description. */
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`setweight(to_tsvector('russian', coalesce(name, '')), 'A') || setweight(to_tsvector('simple', coalesce(sku, '')), 'A') || setweight(to_tsvector('russian', coalesce(brand, '')), 'B') || setweight(to_tsvector('russian', left(regexp_replace(coalesce(description, ''), '<[^>]*>', ' ', 'g'), 4000)), 'D')`,
    ),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('products_category_idx').on(t.categoryId, t.name, t.id),
    index('products_name_idx').on(t.name, t.id),
    index('products_brand_idx').on(t.brand),
    index('products_search_idx').using('gin', t.searchVector),
    index('products_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
    index('products_sku_lower_idx').on(sql`lower(${t.sku})`),
    check('products_pack_check', sql`${t.packSize} > 0 and ${t.minOrderQty} > 0`),
  ],
);

/**
 * What is actually sold: a product's variant (characteristic: size, colour…) with its own SKU, barcodes, prices
 * and stock. A product without characteristics has exactly one default variant.
 */
export const productVariants = pgTable(
  'product_variants',
  {
    id: uuid('id').primaryKey(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    /** CommerceML offer id: `<product Ид>` or `<product Ид>#<characteristic Ид>`. */
    externalId: text('external_id').unique(),
    sku: text('sku').notNull().unique(),
    name: text('name').notNull().default(''),
    /** Characteristic values, e.g. {"Размер": "L", "Цвет": "Красный"}. */
    attributes: jsonb('attributes').$type<Record<string, string>>().notNull().default({}),
    barcodes: text('barcodes').array().notNull().default(sql`'{}'::text[]`),
    isDefault: boolean('is_default').notNull().default(false),
    position: integer('position').notNull().default(0),
    status: text('status', { enum: ['active', 'archived'] })
      .notNull()
      .default('active'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('product_variants_product_idx').on(t.productId, t.position),
    uniqueIndex('product_variants_default_idx').on(t.productId).where(sql`${t.isDefault}`),
    index('product_variants_barcodes_idx').using('gin', t.barcodes),
    index('product_variants_sku_lower_idx').on(sql`lower(${t.sku})`),
  ],
);

/** A product's value of a property: an option of a list property, a number, or text. */
export const productPropertyValues = pgTable(
  'product_property_values',
  {
    id: uuid('id').primaryKey(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    propertyId: uuid('property_id')
      .notNull()
      .references(() => properties.id, { onDelete: 'cascade' }),
    optionId: uuid('option_id').references(() => propertyOptions.id, { onDelete: 'cascade' }),
    numberValue: numeric('number_value', { precision: 18, scale: 4, mode: 'number' }),
    textValue: text('text_value'),
  },
  (t) => [
    index('product_property_values_product_idx').on(t.productId),
    index('product_property_values_option_idx').on(t.propertyId, t.optionId, t.productId),
    index('product_property_values_number_idx').on(t.propertyId, t.numberValue),
  ],
);

/** Product images: the original and a generated thumbnail in storage. */
export const productImages = pgTable(
  'product_images',
  {
    id: uuid('id').primaryKey(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    storageKey: text('storage_key').notNull(),
    thumbKey: text('thumb_key').notNull(),
    width: integer('width'),
    height: integer('height'),
    alt: text('alt').notNull().default(''),
    position: integer('position').notNull().default(0),
    /** Path of the image in a 1C exchange (`import_files/…`), so a re-import does not add it twice. */
    sourcePath: text('source_path'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('product_images_product_idx').on(t.productId, t.position),
    unique('product_images_source_uq').on(t.productId, t.sourcePath),
  ],
);

/** Attached documents: certificates, manuals, drawings. */
export const productDocuments = pgTable(
  'product_documents',
  {
    id: uuid('id').primaryKey(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['certificate', 'manual', 'drawing', 'other'] })
      .notNull()
      .default('other'),
    title: text('title').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    storageKey: text('storage_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('product_documents_product_idx').on(t.productId)],
);

/** Related products (bought together) and analogues (replace one another). */
export const productRelations = pgTable(
  'product_relations',
  {
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    relatedId: uuid('related_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['related', 'analogue'] }).notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.productId, t.relatedId, t.kind] }),
    check('product_relations_self_check', sql`${t.productId} <> ${t.relatedId}`),
  ],
);

/** Warehouses (and stores) the business ships from. */
export const warehouses = pgTable('warehouses', {
  id: uuid('id').primaryKey(),
  /** The 1C `Ид` of the warehouse (`Склад`). */
  externalId: text('external_id').unique(),
  name: text('name').notNull(),
  address: text('address'),
  /** Days to deliver from here, for the retail "delivery in N days" estimate. */
  deliveryDays: integer('delivery_days').notNull().default(1),
  position: integer('position').notNull().default(0),
  isActive: boolean('is_active').notNull().default(true),
});

/** Stock of a variant at a warehouse. Available = on hand − reserved. */
export const stock = pgTable(
  'stock',
  {
    variantId: uuid('variant_id')
      .notNull()
      .references(() => productVariants.id, { onDelete: 'cascade' }),
    warehouseId: uuid('warehouse_id')
      .notNull()
      .references(() => warehouses.id, { onDelete: 'cascade' }),
    onHand: quantity('on_hand').notNull().default(0),
    reserved: quantity('reserved').notNull().default(0),
    available: quantity('available').generatedAlwaysAs(sql`on_hand - reserved`),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.variantId, t.warehouseId] }),
    index('stock_warehouse_idx').on(t.warehouseId),
    check('stock_reserved_check', sql`${t.reserved} >= 0`),
  ],
);

/**
 * Price lists, one per 1C price type (retail, wholesale, dealer…). The default list prices guests and anyone
 * without an assigned list; others apply through assignments.
 */
export const priceLists = pgTable(
  'price_lists',
  {
    id: uuid('id').primaryKey(),
    /** The 1C `ИдТипаЦены`. */
    externalId: text('external_id').unique(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    currency: text('currency').notNull().default('RUB'),
    /** Whether the amounts include VAT (CommerceML `Налог/УчтеноВСумме`). */
    vatIncluded: boolean('vat_included').notNull().default(true),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('price_lists_default_idx').on(t.isDefault).where(sql`${t.isDefault}`)],
);

/** Which price list a customer group or a single company (its contract prices) buys at. */
export const priceListAssignments = pgTable(
  'price_list_assignments',
  {
    id: uuid('id').primaryKey(),
    priceListId: uuid('price_list_id')
      .notNull()
      .references(() => priceLists.id, { onDelete: 'cascade' }),
    customerGroupId: uuid('customer_group_id').references(() => customerGroups.id, { onDelete: 'cascade' }),
    companyId: uuid('company_id').references(() => companies.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('price_list_assignments_target_check', sql`num_nonnulls(${t.customerGroupId}, ${t.companyId}) = 1`),
    uniqueIndex('price_list_assignments_group_idx')
      .on(t.customerGroupId)
      .where(sql`${t.customerGroupId} is not null`),
    uniqueIndex('price_list_assignments_company_idx').on(t.companyId).where(sql`${t.companyId} is not null`),
  ],
);

/** A variant's price in a list, from a quantity (quantity breaks: several rows with rising `minQty`). */
export const prices = pgTable(
  'prices',
  {
    priceListId: uuid('price_list_id')
      .notNull()
      .references(() => priceLists.id, { onDelete: 'cascade' }),
    variantId: uuid('variant_id')
      .notNull()
      .references(() => productVariants.id, { onDelete: 'cascade' }),
    minQty: quantity('min_qty').notNull().default(1),
    /** Kopecks per unit. */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.priceListId, t.variantId, t.minQty] }),
    index('prices_variant_idx').on(t.variantId),
    check('prices_amount_check', sql`${t.amount} >= 0 and ${t.minQty} > 0`),
  ],
);

/**
 * Discounts in percent for a company, a person or a customer group, on everything, a category, a brand or a
 * product, optionally from a quantity and within dates.
 */
export const discounts = pgTable(
  'discounts',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    companyId: uuid('company_id').references(() => companies.id, { onDelete: 'cascade' }),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    customerGroupId: uuid('customer_group_id').references(() => customerGroups.id, { onDelete: 'cascade' }),
    scope: text('scope', { enum: ['all', 'category', 'brand', 'product'] }).notNull(),
    categoryId: uuid('category_id').references(() => categories.id, { onDelete: 'cascade' }),
    brand: text('brand'),
    productId: uuid('product_id').references(() => products.id, { onDelete: 'cascade' }),
    /** Hundredths of a percent: 1200 = 12%. */
    percentBp: integer('percent_bp').notNull(),
    minQty: quantity('min_qty').notNull().default(1),
    startsAt: timestamp('starts_at', { withTimezone: true }),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('discounts_target_check', sql`num_nonnulls(${t.companyId}, ${t.userId}, ${t.customerGroupId}) = 1`),
    check('discounts_percent_check', sql`${t.percentBp} > 0 and ${t.percentBp} <= 10000`),
    check(
      'discounts_scope_check',
      sql`(${t.scope} = 'all') or (${t.scope} = 'category' and ${t.categoryId} is not null) or (${t.scope} = 'brand' and ${t.brand} is not null) or (${t.scope} = 'product' and ${t.productId} is not null)`,
    ),
    index('discounts_company_idx').on(t.companyId),
    index('discounts_user_idx').on(t.userId),
    index('discounts_group_idx').on(t.customerGroupId),
  ],
);

/** Time-limited promotional prices for a product (or one variant), for everyone or for chosen customer groups. */
export const promoPrices = pgTable(
  'promo_prices',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    variantId: uuid('variant_id').references(() => productVariants.id, { onDelete: 'cascade' }),
    /** Kopecks per unit. */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    /** Null: everyone, guests included. */
    customerGroupIds: uuid('customer_group_ids').array(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('promo_prices_product_idx').on(t.productId, t.endsAt),
    check('promo_prices_period_check', sql`${t.startsAt} < ${t.endsAt} and ${t.amount} >= 0`),
  ],
);

/** Favorites, recently viewed and compare lists: per person, and per company for a member acting for it. */
export const catalogLists = pgTable(
  'catalog_lists',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Null: the person's own list; otherwise the list they keep while acting for this company. */
    companyId: uuid('company_id').references(() => companies.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['favorite', 'recent', 'compare'] }).notNull(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('catalog_lists_uq').on(t.userId, t.companyId, t.kind, t.productId).nullsNotDistinct(),
    index('catalog_lists_owner_idx').on(t.userId, t.kind, t.addedAt),
  ],
);
