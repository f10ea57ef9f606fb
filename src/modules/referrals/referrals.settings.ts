import { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import { defineSetting, getSetting, saveSetting } from '../settings/settings.service.js';

/** The programme's terms, edited in the back office (`/admin/referrals`). */
export const referralSettingsSchema = z.object({
  /** When off, codes can still be seen but not claimed, and no reward is paid. */
  enabled: z.boolean(),
  /** Points for the person who invited. */
  referrerPoints: z.number().int().min(0).max(1_000_000),
  /** Points for the friend. */
  friendPoints: z.number().int().min(0).max(1_000_000),
  /** The friend's first order must be worth at least this much (goods after discounts, kopecks). */
  minOrderAmount: z.number().int().min(0).max(1_000_000_000),
});
export type ReferralSettings = z.infer<typeof referralSettingsSchema>;

export const defaultReferralSettings: ReferralSettings = {
  enabled: true,
  referrerPoints: 500,
  friendPoints: 300,
  minOrderAmount: 500_00,
};

export const referralSetting = defineSetting('referrals', referralSettingsSchema, defaultReferralSettings);

export const getReferralSettings = (db: Db) => getSetting(db, referralSetting);
export const saveReferralSettings = (db: Db, value: ReferralSettings) =>
  saveSetting(db, referralSetting, value);
