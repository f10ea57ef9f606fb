import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import {
  type Branding,
  brandingSchema,
  defaultBranding,
  defaultOrdersSettings,
  defaultSellerRequisites,
  type OrdersSettings,
  ordersSettingsSchema,
  type SellerRequisites,
  sellerRequisitesSchema,
} from './settings.schema.js';
import { settings } from './settings.tables.js';

/** One business-wide setting: its key in the `settings` table, its schema and its default value. */
export interface SettingDefinition<S extends z.ZodObject> {
  key: string;
  schema: S;
  defaults: z.infer<S>;
}

/** Declares a setting; the module that owns it reads and saves it with getSetting / saveSetting. */
export function defineSetting<S extends z.ZodObject>(
  key: string,
  schema: S,
  defaults: z.infer<S>,
): SettingDefinition<S> {
  return { key, schema, defaults };
}

/** The stored value merged over the defaults, field by field; a damaged value falls back to the defaults. */
export async function getSetting<S extends z.ZodObject>(db: Db, definition: SettingDefinition<S>) {
  const [row] = await db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, definition.key));
  const parsed = definition.schema.partial().safeParse(row?.value ?? {});
  return { ...definition.defaults, ...(parsed.success ? parsed.data : {}) } as z.infer<S>;
}

/** Validates and stores a setting (the whole value). */
export async function saveSetting<S extends z.ZodObject>(
  db: Db,
  definition: SettingDefinition<S>,
  value: z.infer<S>,
): Promise<void> {
  const parsed = definition.schema.parse(value);
  await db
    .insert(settings)
    .values({ key: definition.key, value: parsed })
    .onConflictDoUpdate({ target: settings.key, set: { value: parsed, updatedAt: sql`now()` } });
}

export const brandingSetting = defineSetting('branding', brandingSchema, defaultBranding);

/** The stored branding merged over the default. */
export function getBranding(db: Db): Promise<Branding> {
  return getSetting(db, brandingSetting);
}

/** Replaces the branding (the admin screen arrives later; the demo seed uses it now). */
export function saveBranding(db: Db, branding: Branding): Promise<void> {
  return saveSetting(db, brandingSetting, branding);
}

export const ordersSetting = defineSetting('orders', ordersSettingsSchema, defaultOrdersSettings);

/** Ordering rules (credit over limit: refuse or approval), merged over the defaults. */
export function getOrdersSettings(db: Db): Promise<OrdersSettings> {
  return getSetting(db, ordersSetting);
}

/** Replaces the ordering rules. */
export function saveOrdersSettings(db: Db, value: OrdersSettings): Promise<void> {
  return saveSetting(db, ordersSetting, value);
}

export const sellerRequisitesSetting = defineSetting(
  'seller',
  sellerRequisitesSchema,
  defaultSellerRequisites,
);

/** The business's own requisites (the seller on its documents), merged over the empty defaults. */
export function getSellerRequisites(db: Db): Promise<SellerRequisites> {
  return getSetting(db, sellerRequisitesSetting);
}

/** Replaces the seller requisites. */
export function saveSellerRequisites(db: Db, value: SellerRequisites): Promise<void> {
  return saveSetting(db, sellerRequisitesSetting, value);
}
