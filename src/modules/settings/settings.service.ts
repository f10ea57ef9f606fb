import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../server/core/db.js';
import { type Branding, brandingSchema, defaultBranding } from './settings.schema.js';
import { settings } from './settings.tables.js';

const storedBranding = brandingSchema.partial();

/** The stored branding merged over the default; a damaged value falls back to the default. */
export async function getBranding(db: Db): Promise<Branding> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, 'branding'));
  const parsed = storedBranding.safeParse(row?.value ?? {});
  return { ...defaultBranding, ...(parsed.success ? parsed.data : {}) };
}

/** Replaces the branding (the admin screen arrives later; the demo seed uses it now). */
export async function saveBranding(db: Db, branding: Branding): Promise<void> {
  const value = brandingSchema.parse(branding);
  await db
    .insert(settings)
    .values({ key: 'branding', value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()` } });
}
