import { and, desc, eq, gt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, queryRows } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import { decodeCursor, toPage } from '../../server/core/pagination.js';
import {
  availablePoints,
  type EntryRow,
  entryByKey,
  expirePersonLots,
  insertLot,
  lockAccount,
  takeFromLots,
} from './points.ledger.js';
import { getPointsSettings } from './points.settings.js';
import { loyaltyPointEntries } from './points.tables.js';

/**
 * The bonus-points ledger's interface to the other loyalty modules (docs/loyalty.md).
 * Points are whole numbers; what a point is worth in kopecks is a loyalty setting.
 */

const dayMs = 86_400_000;
export const addDays = (at: Date, days: number) => new Date(at.getTime() + days * dayMs);

/** Why points were awarded outside an order's accrual. */
export type AwardKind = 'welcome' | 'birthday' | 'referral' | 'adjustment' | 'promotion';

export interface AwardInput {
  personId: string;
  points: number;
  kind: AwardKind;
  /** What the person reads in their history («Бонус за приглашённого друга»). */
  reason: string;
  /** Idempotency: a second award with the same key is ignored (returns `awarded: false`). */
  key: string;
  /** Default: the configured lifetime of points from `now`. */
  expiresAt?: Date;
  now?: Date;
}

/** Credits points once per key (referral rewards, welcome and birthday bonuses, promotions). */
export async function awardPoints(
  db: Db,
  input: AwardInput,
): Promise<{ awarded: boolean; entryId?: string }> {
  if (!Number.isInteger(input.points) || input.points <= 0) return { awarded: false };
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    await lockAccount(tx, input.personId);
    if (await entryByKey(tx, `award:${input.key}`)) return { awarded: false };
    const settings = await getPointsSettings(tx);
    const row = await insertLot(tx, {
      personId: input.personId,
      kind: input.kind === 'adjustment' ? 'adjustment' : 'bonus',
      points: input.points,
      expiresAt: input.expiresAt ?? addDays(now, settings.lifetimeDays),
      reason: input.reason,
      key: `award:${input.key}`,
      now,
      source: input.kind,
    });
    return row ? { awarded: true, entryId: row.id } : { awarded: false };
  });
}

/** Gives the welcome bonus once per person (on their first loyalty read or first accrual; docs/loyalty.md). */
export async function grantWelcome(db: Db, personId: string, now: Date): Promise<boolean> {
  const settings = await getPointsSettings(db);
  if (settings.welcomePoints <= 0) return false;
  if (await entryByKey(db, `award:welcome:${personId}`)) return false;
  const { awarded } = await awardPoints(db, {
    personId,
    points: settings.welcomePoints,
    kind: 'welcome',
    reason: 'Приветственный бонус',
    key: `welcome:${personId}`,
    now,
  });
  return awarded;
}

export interface BonusSpendInput {
  personId: string;
  /** The order being placed; null for a checkout preview (nothing is recorded). */
  orderId: string | null;
  /** Points the customer asked to spend. */
  points: number;
  /** What is left to pay for the items after promo codes, in kopecks; the ledger applies its configured share. */
  payable: number;
  now: Date;
}

const points = new Intl.NumberFormat('ru-RU');

/**
 * Spends points on an order at checkout, earliest-expiring first, in the caller's transaction (the account row is
 * locked, so concurrent checkouts never overspend). Throws a 400 AppError on `bonusPoints` when the balance is
 * short. Returns the points taken and the kopecks they pay (at most the configured share of `payable`); with more
 * points asked than that share allows, it takes only what the share allows and `limitedBy` says so.
 */
export async function spendPointsOnOrder(
  db: Db,
  input: BonusSpendInput,
): Promise<{ points: number; amount: number; limitedBy: 'share' | null; balance: number }> {
  const settings = await getPointsSettings(db);
  const asked = Math.max(0, Math.floor(input.points));
  const maxAmount = Math.floor((Math.max(0, input.payable) * settings.maxShareBp) / 10_000);
  const byShare = Math.floor(maxAmount / settings.pointValue);
  const allowed = Math.min(asked, byShare);
  const limitedBy = asked > byShare ? ('share' as const) : null;
  if (input.orderId) {
    const key = `order-spend:${input.orderId}`;
    await lockAccount(db, input.personId);
    const done = await entryByKey(db, key);
    if (done)
      return {
        points: -done.points,
        amount: -done.points * settings.pointValue,
        limitedBy,
        balance: await availablePoints(db, input.personId, input.now),
      };
    await expirePersonLots(db, input.personId, input.now);
  }
  const balance = await availablePoints(db, input.personId, input.now);
  if (allowed > balance)
    throw new AppError('VALIDATION_FAILED', `Not enough bonus points: the balance is ${balance}`, [
      {
        path: 'bonusPoints',
        message: `Баланс ${points.format(balance)} баллов, к списанию ${points.format(allowed)} / the balance is ${balance} points, ${allowed} asked`,
      },
    ]);
  if (input.orderId && allowed > 0)
    await takeFromLots(db, {
      personId: input.personId,
      kind: 'redemption',
      points: allowed,
      reason: 'Оплата части заказа баллами',
      key: `order-spend:${input.orderId}`,
      now: input.now,
      allowShort: false,
      orderId: input.orderId,
    });
  return {
    points: allowed,
    amount: allowed * settings.pointValue,
    limitedBy,
    balance: input.orderId ? balance - allowed : balance,
  };
}

/** Points expiring on one date (the «сроки сгорания» schedule). */
export interface ExpiringPoints {
  points: number;
  /** The moment they burn (ISO). */
  at: string;
}

/** The person's balance now and the points that expire soonest, grouped by expiry date, earliest first. */
export async function pointsBalance(
  db: Db,
  personId: string,
  now: Date = new Date(),
): Promise<{ points: number; expiring: ExpiringPoints[] }> {
  const rows = await queryRows<{ at: Date | string; points: number }>(
    db,
    sql`select expires_at as at, sum(remaining)::int as points from loyalty_point_entries
        where person_id = ${personId} and remaining > 0 and expires_at > ${now}
        group by expires_at order by expires_at limit 50`,
  );
  // Lots burn at their moment; the schedule groups them by the calendar day (Moscow) they burn on.
  const byDay = new Map<string, ExpiringPoints>();
  for (const r of rows) {
    const at = new Date(r.at);
    const day = new Date(at.getTime() + 3 * 3_600_000).toISOString().slice(0, 10);
    const found = byDay.get(day);
    if (found) found.points += r.points;
    else byDay.set(day, { points: r.points, at: at.toISOString() });
  }
  return {
    points: rows.reduce((sum, r) => sum + r.points, 0),
    expiring: [...byDay.values()].slice(0, 12),
  };
}

export interface AdjustInput {
  personId: string;
  /** Signed, non-zero. */
  points: number;
  reason: string;
  actorId: string;
  key: string;
  now: Date;
}

/** A staff correction (+ a lot with the usual lifetime, − taken earliest-expiring first); never below zero. */
export async function adjustPoints(db: Db, input: AdjustInput): Promise<EntryRow> {
  await lockAccount(db, input.personId);
  const existing = await entryByKey(db, `adjust:${input.key}`);
  if (existing) return existing;
  if (input.points > 0) {
    const settings = await getPointsSettings(db);
    const row = await insertLot(db, {
      personId: input.personId,
      kind: 'adjustment',
      points: input.points,
      expiresAt: addDays(input.now, settings.lifetimeDays),
      reason: input.reason,
      key: `adjust:${input.key}`,
      now: input.now,
      actorId: input.actorId,
      source: 'staff',
    });
    if (!row) throw new Error('adjustment not written');
    return row;
  }
  await expirePersonLots(db, input.personId, input.now);
  const balance = await availablePoints(db, input.personId, input.now);
  if (-input.points > balance)
    throw new AppError('VALIDATION_FAILED', `The balance is ${balance} points`, [
      { path: 'points', message: `Cannot take ${-input.points} points: the balance is ${balance}` },
    ]);
  const done = await takeFromLots(db, {
    personId: input.personId,
    kind: 'adjustment',
    points: -input.points,
    reason: input.reason,
    key: `adjust:${input.key}`,
    now: input.now,
    allowShort: false,
    actorId: input.actorId,
    source: 'staff',
  });
  if (!done) throw new Error('adjustment not written');
  return done.entry;
}

/** A ledger entry as the history shows it. */
export function presentEntry(e: EntryRow) {
  return {
    id: e.id,
    kind: e.kind,
    points: e.points,
    remaining: e.remaining,
    expiresAt: e.expiresAt?.toISOString() ?? null,
    orderId: e.orderId,
    orderNumber: e.orderNumber,
    source: e.source,
    reason: e.reason,
    shortfall: e.shortfall,
    createdAt: e.createdAt.toISOString(),
  };
}
export type PresentedEntry = ReturnType<typeof presentEntry>;

const historyCursor = z.tuple([z.string(), z.uuid()]);

/** The person's movements, newest first, keyset pages on (created_at, id). */
export async function pointsHistory(
  db: Db,
  personId: string,
  q: { limit: number; cursor?: string | undefined },
) {
  const where = [eq(loyaltyPointEntries.personId, personId)];
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, historyCursor);
    where.push(
      sql`(${loyaltyPointEntries.createdAt}, ${loyaltyPointEntries.id}) < (${at}::timestamptz, ${id}::uuid)`,
    );
  }
  const rows = await db
    .select()
    .from(loyaltyPointEntries)
    .where(and(...where))
    .orderBy(desc(loyaltyPointEntries.createdAt), desc(loyaltyPointEntries.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, presentEntry, (e) => [e.createdAt.toISOString(), e.id]);
}

/** Whether the person has any lot that is still alive (used by reports and tests). */
export async function hasLiveLots(db: Db, personId: string, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: loyaltyPointEntries.id })
    .from(loyaltyPointEntries)
    .where(
      and(
        eq(loyaltyPointEntries.personId, personId),
        gt(loyaltyPointEntries.remaining, 0),
        gt(loyaltyPointEntries.expiresAt, now),
      ),
    )
    .limit(1);
  return Boolean(row);
}
