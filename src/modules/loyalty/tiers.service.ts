import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, queryRows } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { personalSpendOf, personalSpendSql } from '../orders/index.js';
import { defineSetting, getSetting, saveSetting } from '../settings/settings.service.js';
import { loyaltyAccounts } from './accounts.tables.js';
import { loyaltyTiers } from './tiers.tables.js';

/** A loyalty tier as the accrual rules need it (docs/loyalty-card.md). */
export interface TierInfo {
  code: string;
  /** The Russian name (the business's language); `names` has both. */
  name: string;
  names: { ru: string; en: string };
  /** Percent of the paid amount accrued as points, in basis points (500 = 5 %). */
  accrualBp: number;
  /** Kopecks over the rolling period that put a person in this tier. */
  minSpend: number;
  position: number;
}

type TierRow = typeof loyaltyTiers.$inferSelect;

/** A row as the other modules see it. */
export function tierInfo(row: TierRow): TierInfo {
  return {
    code: row.code,
    name: row.nameRu,
    names: { ru: row.nameRu, en: row.nameEn },
    accrualBp: row.accrualBp,
    minSpend: row.minSpend,
    position: row.position,
  };
}

export const tierSettingsSchema = z.object({
  /** Days back from now whose orders count towards the tier (the rolling period). */
  periodDays: z.number().int().min(1).max(3660),
});
export type TierSettings = z.infer<typeof tierSettingsSchema>;
export const tierSettings = defineSetting('loyaltyTiers', tierSettingsSchema, { periodDays: 365 });

/** The rolling period's length (setting `loyaltyTiers.periodDays`, default 365). */
export function getTierSettings(db: Db): Promise<TierSettings> {
  return getSetting(db, tierSettings);
}

export function saveTierSettings(db: Db, value: TierSettings): Promise<void> {
  return saveSetting(db, tierSettings, value);
}

/**
 * The orders that count at `now`: placed from exactly `periodDays` days before `now` up to `now`, both ends included
 * (an order placed 365 days ago to the millisecond counts; one a day older does not).
 */
export function spendWindow(now: Date, periodDays: number): { since: Date; until: Date } {
  return { since: new Date(now.getTime() - periodDays * 86_400_000), until: now };
}

/** Every tier, lowest minimum spend first. */
export async function listTiers(db: Db): Promise<TierInfo[]> {
  const rows = await db
    .select()
    .from(loyaltyTiers)
    .orderBy(asc(loyaltyTiers.minSpend), asc(loyaltyTiers.position), asc(loyaltyTiers.code));
  return rows.map(tierInfo);
}

/** The tier a spend puts a person in: the highest minimum it reaches, or null below every tier. */
export function tierForSpend(tiers: readonly TierInfo[], spend: number): TierInfo | null {
  let found: TierInfo | null = null;
  for (const t of tiers) if (t.minSpend <= spend && (!found || t.minSpend >= found.minSpend)) found = t;
  return found;
}

/** The person's current tier (as the last recalculation set it), or null (then the base accrual rate applies). */
export async function tierOf(db: Db, personId: string): Promise<TierInfo | null> {
  const [row] = await db
    .select({ tier: loyaltyTiers })
    .from(loyaltyAccounts)
    .innerJoin(loyaltyTiers, eq(loyaltyTiers.code, loyaltyAccounts.tierCode))
    .where(eq(loyaltyAccounts.personId, personId));
  return row ? tierInfo(row.tier) : null;
}

/** Where the person stands: the current tier, the spend counted over the rolling period, and the next tier. */
export interface TierProgress {
  current: TierInfo | null;
  /** Kopecks spent over the rolling period (what tiers are decided by). */
  spend: number;
  periodDays: number;
  /** The tier above the current one and the kopecks still to spend for it (0 when the next recalculation moves up). */
  next: (TierInfo & { minSpend: number; spendLeft: number }) | null;
}

export async function tierProgressOf(db: Db, personId: string, now = new Date()): Promise<TierProgress> {
  const [{ periodDays }, tiers, current] = await Promise.all([
    getTierSettings(db),
    listTiers(db),
    tierOf(db, personId),
  ]);
  const spend = await personalSpendOf(db, personId, spendWindow(now, periodDays));
  const above = tiers.find((t) => (current ? t.minSpend > current.minSpend : true));
  return {
    current,
    spend,
    periodDays,
    next: above ? { ...above, spendLeft: Math.max(0, above.minSpend - spend) } : null,
  };
}

/** A person whose tier the recalculation changes. */
export interface TierChange {
  personId: string;
  spend: number;
  from: string | null;
  to: string | null;
}

/**
 * Every person whose tier differs from what their spend over the period gives, in one set-based query: the spend of
 * everyone who bought in the period (orders' aggregate) joined with every account, each given the highest tier its
 * spend reaches.
 */
export async function tierChangesAt(db: Db, now: Date): Promise<TierChange[]> {
  const { periodDays } = await getTierSettings(db);
  const rows = await queryRows<{
    person_id: string;
    spend: string;
    current: string | null;
    target: string | null;
  }>(
    db,
    sql`with spend as (${personalSpendSql(spendWindow(now, periodDays))}),
      people as (
        select coalesce(s.person_id, a.person_id) as person_id, coalesce(s.spend, 0) as spend, a.tier_code as current
        from spend s full join loyalty_accounts a on a.person_id = s.person_id
      ),
      decided as (
        select p.person_id, p.spend, p.current,
          (select t.code from loyalty_tiers t where t.min_spend <= p.spend
            order by t.min_spend desc, t.position desc, t.code limit 1) as target
        from people p
      )
      select person_id, spend::text, current, target from decided
      where target is distinct from current
      order by person_id`,
  );
  return rows.map((r) => ({ personId: r.person_id, spend: Number(r.spend), from: r.current, to: r.target }));
}

export interface TierInput {
  code: string;
  names: { ru: string; en: string };
  minSpend: number;
  accrualBp: number;
  position: number;
}

/** Adds a tier; a taken code is a 409. */
export async function createTier(db: Db, input: TierInput): Promise<TierInfo> {
  const [row] = await db
    .insert(loyaltyTiers)
    .values({
      code: input.code,
      nameRu: input.names.ru,
      nameEn: input.names.en,
      minSpend: input.minSpend,
      accrualBp: input.accrualBp,
      position: input.position,
    })
    .onConflictDoNothing({ target: loyaltyTiers.code })
    .returning();
  if (!row) throw new AppError('CONFLICT', `A tier with the code ${input.code} exists`);
  return tierInfo(row);
}

/** Changes a tier's names, minimum spend, accrual and position (people move at the next recalculation). */
export async function updateTier(db: Db, code: string, input: Omit<TierInput, 'code'>): Promise<TierInfo> {
  const [row] = await db
    .update(loyaltyTiers)
    .set({
      nameRu: input.names.ru,
      nameEn: input.names.en,
      minSpend: input.minSpend,
      accrualBp: input.accrualBp,
      position: input.position,
      updatedAt: new Date(),
    })
    .where(eq(loyaltyTiers.code, code))
    .returning();
  if (!row) throw new AppError('NOT_FOUND', 'Tier not found');
  return tierInfo(row);
}

/** Removes a tier; its holders keep no tier (the base rate) until the next recalculation places them. */
export async function deleteTier(db: Db, code: string): Promise<void> {
  const deleted = await db.delete(loyaltyTiers).where(eq(loyaltyTiers.code, code)).returning();
  if (deleted.length === 0) throw new AppError('NOT_FOUND', 'Tier not found');
}

/** How many people hold each tier now (the tier admin's list). */
export async function tierHolders(db: Db): Promise<Map<string, number>> {
  const rows = await queryRows<{ tier_code: string; n: string }>(
    db,
    sql`select tier_code, count(*)::text as n from loyalty_accounts where tier_code is not null group by tier_code`,
  );
  return new Map(rows.map((r) => [r.tier_code, Number(r.n)]));
}
