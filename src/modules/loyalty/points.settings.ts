import { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import { defineSetting, getSetting, saveSetting } from '../settings/settings.service.js';

/** The bonus-points rules an admin edits (`/api/v1/admin/loyalty/settings`; docs/loyalty.md, "Settings"). */
export const pointsSettingsSchema = z.object({
  /** What one point pays, in kopecks. */
  pointValue: z.number().int().min(1).max(100_000),
  /** Accrual rate when the person has no tier, basis points of what was paid with money (300 = 3 %). */
  baseAccrualBp: z.number().int().min(0).max(10_000),
  /** The largest share of an order's items payable with points, basis points (3000 = 30 %). */
  maxShareBp: z.number().int().min(0).max(10_000),
  /** Days an accrual lives before it burns. */
  lifetimeDays: z.number().int().min(1).max(3650),
  welcomePoints: z.number().int().min(0).max(1_000_000),
  birthdayPoints: z.number().int().min(0).max(1_000_000),
  birthdayLifetimeDays: z.number().int().min(1).max(3650),
  /** Category multipliers in basis points (20000 = ×2); the deepest category of a product's path that has one wins. */
  categoryMultipliers: z
    .array(z.object({ categoryId: z.uuid(), multiplierBp: z.number().int().min(0).max(100_000) }))
    .max(500),
});
export type PointsSettings = z.infer<typeof pointsSettingsSchema>;

export const defaultPointsSettings: PointsSettings = {
  pointValue: 100,
  baseAccrualBp: 300,
  maxShareBp: 3000,
  lifetimeDays: 365,
  welcomePoints: 500,
  birthdayPoints: 300,
  birthdayLifetimeDays: 30,
  categoryMultipliers: [],
};

export const pointsSetting = defineSetting('loyalty.points', pointsSettingsSchema, defaultPointsSettings);

/** The current rules, merged over the defaults. */
export function getPointsSettings(db: Db): Promise<PointsSettings> {
  return getSetting(db, pointsSetting);
}

/** Replaces the rules. */
export function savePointsSettings(db: Db, value: PointsSettings): Promise<void> {
  return saveSetting(db, pointsSetting, value);
}
