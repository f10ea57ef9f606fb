import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { type Db, queryRows } from '../../server/core/db.js';
import { ensureAccount } from './accounts.service.js';
import { loyaltyPointAllocations, loyaltyPointEntries, type PointEntryKind } from './points.tables.js';

/**
 * The ledger's primitives (docs/loyalty.md, "Ledger"): lots are positive entries with what remains and when it
 * burns; a negative entry takes from lots earliest-expiring first and records which (allocations). Every write
 * for a person runs with their `loyalty_accounts` row locked, so two transactions never spend the same points.
 */

export type EntryRow = typeof loyaltyPointEntries.$inferSelect;

/** Opens the person's account if needed and locks its row until the transaction ends. */
export async function lockAccount(tx: Db, personId: string): Promise<void> {
  await ensureAccount(tx, personId);
  await tx.execute(sql`select person_id from loyalty_accounts where person_id = ${personId} for update`);
}

/** The entry with this idempotency key, if written. */
export async function entryByKey(tx: Db, key: string): Promise<EntryRow | null> {
  const [row] = await tx
    .select()
    .from(loyaltyPointEntries)
    .where(eq(loyaltyPointEntries.idempotencyKey, key));
  return row ?? null;
}

/** Points the person can spend at `now`: what remains of lots that have not reached their expiry. */
export async function availablePoints(db: Db, personId: string, now: Date): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select coalesce(sum(remaining), 0)::int as n from loyalty_point_entries
        where person_id = ${personId} and remaining > 0 and expires_at > ${now}`,
  );
  return row?.n ?? 0;
}

/** The ledger sum (what the balance is by definition; lots past expiry count until the expiry job burns them). */
export async function ledgerSum(db: Db, personId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select coalesce(sum(points), 0)::int as n from loyalty_point_entries where person_id = ${personId}`,
  );
  return row?.n ?? 0;
}

export interface NewLot {
  personId: string;
  kind: Extract<PointEntryKind, 'accrual' | 'bonus' | 'adjustment' | 'redemption_reversal'>;
  points: number;
  expiresAt: Date;
  reason: string;
  key: string;
  now: Date;
  orderId?: string | null;
  orderNumber?: string | null;
  source?: string | null;
  actorId?: string | null;
}

/** Writes a lot once per key (the caller holds the account lock); null when the key was already used. */
export async function insertLot(tx: Db, lot: NewLot): Promise<EntryRow | null> {
  if (lot.points <= 0) return null;
  const [row] = await tx
    .insert(loyaltyPointEntries)
    .values({
      id: uuidv7(),
      personId: lot.personId,
      kind: lot.kind,
      points: lot.points,
      remaining: lot.points,
      expiresAt: lot.expiresAt,
      orderId: lot.orderId ?? null,
      orderNumber: lot.orderNumber ?? null,
      source: lot.source ?? null,
      reason: lot.reason,
      actorId: lot.actorId ?? null,
      idempotencyKey: lot.key,
      createdAt: lot.now,
    })
    .onConflictDoNothing({ target: loyaltyPointEntries.idempotencyKey })
    .returning();
  return row ?? null;
}

export interface NewDebit {
  personId: string;
  kind: Extract<PointEntryKind, 'redemption' | 'accrual_reversal' | 'adjustment' | 'expiration'>;
  /** Points wanted (positive). */
  points: number;
  reason: string;
  key: string;
  now: Date;
  /** Take what there is and record the rest as a shortfall (take-backs); otherwise the caller checked. */
  allowShort: boolean;
  /** Lots to take from first (a take-back starts with the order's own accrual). */
  preferLotIds?: string[];
  /** Only these lots (the expiry of one lot). */
  onlyLotIds?: string[];
  orderId?: string | null;
  orderNumber?: string | null;
  source?: string | null;
  actorId?: string | null;
}

/**
 * Takes points from the person's lots, earliest expiry first (preferred lots before the rest), writes the
 * negative entry with its allocations and lowers the lots' remaining. The caller holds the account lock.
 * Returns null when the key was already used; throws when short and `allowShort` is false.
 */
export async function takeFromLots(
  tx: Db,
  debit: NewDebit,
): Promise<{ entry: EntryRow; taken: number; shortfall: number } | null> {
  if (await entryByKey(tx, debit.key)) return null;
  const conditions = [eq(loyaltyPointEntries.personId, debit.personId), gt(loyaltyPointEntries.remaining, 0)];
  if (debit.onlyLotIds) conditions.push(inArray(loyaltyPointEntries.id, debit.onlyLotIds));
  else conditions.push(gt(loyaltyPointEntries.expiresAt, debit.now));
  const lots = await tx
    .select({ id: loyaltyPointEntries.id, remaining: loyaltyPointEntries.remaining })
    .from(loyaltyPointEntries)
    .where(and(...conditions))
    .orderBy(
      asc(loyaltyPointEntries.expiresAt),
      asc(loyaltyPointEntries.createdAt),
      asc(loyaltyPointEntries.id),
    );
  const prefer = new Set(debit.preferLotIds ?? []);
  const ordered = [...lots.filter((l) => prefer.has(l.id)), ...lots.filter((l) => !prefer.has(l.id))];
  const allocations: { lotId: string; points: number }[] = [];
  let left = debit.points;
  for (const lot of ordered) {
    if (left <= 0) break;
    const take = Math.min(left, lot.remaining ?? 0);
    if (take <= 0) continue;
    allocations.push({ lotId: lot.id, points: take });
    left -= take;
  }
  if (left > 0 && !debit.allowShort) throw new Error(`Not enough points: short by ${left}`);
  const taken = debit.points - left;
  if (taken === 0 && left === 0) return null;
  const [entry] = await tx
    .insert(loyaltyPointEntries)
    .values({
      id: uuidv7(),
      personId: debit.personId,
      kind: debit.kind,
      points: -taken,
      remaining: null,
      expiresAt: null,
      orderId: debit.orderId ?? null,
      orderNumber: debit.orderNumber ?? null,
      source: debit.source ?? null,
      reason: debit.reason,
      shortfall: left,
      actorId: debit.actorId ?? null,
      idempotencyKey: debit.key,
      createdAt: debit.now,
    })
    .returning();
  if (!entry) throw new Error('ledger entry not written');
  if (allocations.length > 0) {
    await tx
      .insert(loyaltyPointAllocations)
      .values(
        allocations.map((a) => ({ id: uuidv7(), debitId: entry.id, lotId: a.lotId, points: a.points })),
      );
    for (const a of allocations)
      await tx
        .update(loyaltyPointEntries)
        .set({ remaining: sql`${loyaltyPointEntries.remaining} - ${a.points}` })
        .where(eq(loyaltyPointEntries.id, a.lotId));
  }
  return { entry, taken, shortfall: left };
}

/** Burns what remains of the person's lots past their expiry (the caller holds the lock); returns points burnt. */
export async function expirePersonLots(tx: Db, personId: string, now: Date): Promise<number> {
  const due = await tx
    .select()
    .from(loyaltyPointEntries)
    .where(
      and(
        eq(loyaltyPointEntries.personId, personId),
        gt(loyaltyPointEntries.remaining, 0),
        lte(loyaltyPointEntries.expiresAt, now),
      ),
    )
    .orderBy(asc(loyaltyPointEntries.expiresAt));
  let burnt = 0;
  for (const lot of due) {
    const done = await takeFromLots(tx, {
      personId,
      kind: 'expiration',
      points: lot.remaining ?? 0,
      reason: 'Срок действия баллов истёк',
      key: `expire:${lot.id}`,
      now,
      allowShort: false,
      onlyLotIds: [lot.id],
      orderId: lot.orderId,
      orderNumber: lot.orderNumber,
      source: lot.expiresAt?.toISOString() ?? null,
    });
    burnt += done?.taken ?? 0;
  }
  return burnt;
}

/** People who have lots past their expiry at `now` (the expiry job's work list). */
export async function peopleWithDueLots(db: Db, now: Date, limit = 500): Promise<string[]> {
  const rows = await queryRows<{ person_id: string }>(
    db,
    sql`select distinct person_id from loyalty_point_entries
        where remaining > 0 and expires_at <= ${now} limit ${limit}`,
  );
  return rows.map((r) => r.person_id);
}

/** Allocations of the person's negative entries of an order, with the lots' expiry (exact reversal). */
export async function allocationsOf(tx: Db, debitIds: string[]) {
  if (debitIds.length === 0) return [];
  return queryRows<{ lot_id: string; points: number; expires_at: Date | string }>(
    tx,
    sql`select a.lot_id, a.points, l.expires_at from loyalty_point_allocations a
        join loyalty_point_entries l on l.id = a.lot_id
        where a.debit_id in (${sql.join(
          debitIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
  );
}
