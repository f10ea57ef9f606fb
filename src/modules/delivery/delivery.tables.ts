import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  integer,
  numeric,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Who may use a delivery method: retail customers (guests and people) and companies. */
export const deliveryAudiences = ['retail', 'company'] as const;
export type DeliveryAudience = (typeof deliveryAudiences)[number];

/** Pickup at a catalog warehouse, the shop's courier, or a transport company (named carrier). */
export const deliveryKinds = ['pickup', 'courier', 'transport_company'] as const;
export type DeliveryKind = (typeof deliveryKinds)[number];

/**
 * A delivery zone: matched by Russian postal-code prefixes and/or region and city names (lower-cased on save).
 * The zone marked default («Вся Россия») answers when nothing else matches; at most one is default.
 */
export const deliveryZones = pgTable(
  'delivery_zones',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    postalPrefixes: text('postal_prefixes').array().notNull().default(sql`'{}'::text[]`),
    regions: text('regions').array().notNull().default(sql`'{}'::text[]`),
    cities: text('cities').array().notNull().default(sql`'{}'::text[]`),
    isDefault: boolean('is_default').notNull().default(false),
    position: integer('position').notNull().default(0),
  },
  (t) => [uniqueIndex('delivery_zones_default_idx').on(t.isDefault).where(sql`${t.isDefault}`)],
);

/**
 * A delivery method. A pickup method names a catalog warehouse by id (no foreign key: the catalog owns
 * warehouses and is read through its service; a missing or inactive warehouse makes the method unavailable).
 */
export const deliveryMethods = pgTable('delivery_methods', {
  id: uuid('id').primaryKey(),
  kind: text('kind', { enum: deliveryKinds }).notNull(),
  name: text('name').notNull(),
  /** English name; the Russian one is shown when it is empty. */
  nameEn: text('name_en'),
  carrier: text('carrier'),
  warehouseId: uuid('warehouse_id'),
  audiences: text('audiences', { enum: deliveryAudiences })
    .array()
    .notNull()
    .default(sql`'{retail,company}'::text[]`),
  /** Working days to prepare an order before the carrier's own days start. */
  leadTimeDays: integer('lead_time_days').notNull().default(0),
  position: integer('position').notNull().default(0),
  isActive: boolean('is_active').notNull().default(true),
});

/** What a method costs in a zone. Money in kopecks; weights in kg; volumes in m³. */
export const deliveryTariffs = pgTable(
  'delivery_tariffs',
  {
    id: uuid('id').primaryKey(),
    methodId: uuid('method_id')
      .notNull()
      .references(() => deliveryMethods.id, { onDelete: 'cascade' }),
    zoneId: uuid('zone_id')
      .notNull()
      .references(() => deliveryZones.id, { onDelete: 'cascade' }),
    baseCost: bigint('base_cost', { mode: 'number' }).notNull().default(0),
    includedWeightKg: numeric('included_weight_kg', { precision: 12, scale: 3, mode: 'number' })
      .notNull()
      .default(0),
    perKgCost: bigint('per_kg_cost', { mode: 'number' }).notNull().default(0),
    perM3Cost: bigint('per_m3_cost', { mode: 'number' }).notNull().default(0),
    /** kg per m³ for the volumetric weight (billable = max(actual, volume × factor)); 0: by actual weight. */
    volumetricFactor: numeric('volumetric_factor', { precision: 12, scale: 3, mode: 'number' })
      .notNull()
      .default(0),
    maxWeightKg: numeric('max_weight_kg', { precision: 12, scale: 3, mode: 'number' }),
    maxVolumeM3: numeric('max_volume_m3', { precision: 12, scale: 6, mode: 'number' }),
    freeOverAmount: bigint('free_over_amount', { mode: 'number' }),
    daysMin: integer('days_min').notNull().default(0),
    daysMax: integer('days_max').notNull().default(0),
  },
  (t) => [
    uniqueIndex('delivery_tariffs_method_zone_idx').on(t.methodId, t.zoneId),
    check(
      'delivery_tariffs_values_check',
      sql`${t.baseCost} >= 0 and ${t.perKgCost} >= 0 and ${t.perM3Cost} >= 0 and ${t.daysMax} >= ${t.daysMin}`,
    ),
  ],
);
