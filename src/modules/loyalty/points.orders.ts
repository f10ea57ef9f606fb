import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../server/core/db.js';
import { loadOrderDetailRows, orderableVariants } from '../orders/index.js';
import { allocationsOf, entryByKey, insertLot, lockAccount, takeFromLots } from './points.ledger.js';
import { addDays, grantWelcome } from './points.service.js';
import { getPointsSettings, type PointsSettings } from './points.settings.js';
import { loyaltyPointEntries } from './points.tables.js';
import { tierOf } from './tiers.service.js';

/**
 * How orders move points (docs/loyalty.md, "Orders"): accrual when a personal order is first paid, delivered or
 * completed; on cancellation spent points come back and accrued ones are taken back; a refunded return does both
 * in proportion to the returned lines' net value. Every write has a key, so a redelivered event changes nothing.
 */

/** Statuses on which a personal order earns its points (the first one reached). */
export const accrualStatuses = ['paid', 'delivered', 'completed'];

/** The multiplier of a product's category path: the deepest category that has one, else ×1 (10000 bp). */
export function multiplierOf(path: readonly string[], settings: PointsSettings): number {
  const byId = new Map(settings.categoryMultipliers.map((m) => [m.categoryId, m.multiplierBp]));
  for (let i = path.length - 1; i >= 0; i--) {
    const found = byId.get(path[i] as string);
    if (found !== undefined) return found;
  }
  return 10_000;
}

/**
 * Points earned by lines: Σ (line total − its discount share) × rate × multiplier, in points of `pointValue`
 * kopecks, rounded down once for the whole order. Delivery earns nothing (it is not a line).
 */
export function accrualPoints(
  lines: readonly { net: number; multiplierBp: number }[],
  rateBp: number,
  pointValue: number,
): number {
  let sum = 0n;
  for (const l of lines) sum += BigInt(Math.max(0, l.net)) * BigInt(rateBp) * BigInt(l.multiplierBp);
  return Number(sum / (100_000_000n * BigInt(pointValue)));
}

/** Writes the order's number onto its entries that were written before the order row existed (the redemption). */
export async function noteOrderNumber(db: Db, orderId: string, number: string): Promise<void> {
  await db
    .update(loyaltyPointEntries)
    .set({ orderNumber: number })
    .where(and(eq(loyaltyPointEntries.orderId, orderId), isNull(loyaltyPointEntries.orderNumber)));
}

/** Accrues the order's points once (key `order-accrual:<id>`); a company or cancelled order earns nothing. */
export async function accrueOrder(tx: Db, orderId: string, now: Date): Promise<number> {
  const key = `order-accrual:${orderId}`;
  if (await entryByKey(tx, key)) return 0;
  const rows = await loadOrderDetailRows(tx, orderId).catch(() => null);
  const order = rows?.order;
  if (!rows || !order || order.companyId || order.status === 'cancelled') return 0;
  await grantWelcome(tx, order.personId, now);
  await lockAccount(tx, order.personId);
  if (await entryByKey(tx, key)) return 0;
  const settings = await getPointsSettings(tx);
  const tier = await tierOf(tx, order.personId);
  const rate = tier?.accrualBp ?? settings.baseAccrualBp;
  const variants = await orderableVariants(
    tx,
    rows.lines.map((l) => l.variantId),
    null,
  );
  const earned = accrualPoints(
    rows.lines.map((l) => ({
      net: l.lineTotal - l.discount,
      multiplierBp: multiplierOf(variants.get(l.variantId)?.categoryPath ?? [], settings),
    })),
    rate,
    settings.pointValue,
  );
  if (earned <= 0) return 0;
  await insertLot(tx, {
    personId: order.personId,
    kind: 'accrual',
    points: earned,
    expiresAt: addDays(now, settings.lifetimeDays),
    reason: tier
      ? `Начисление за заказ ${order.number} (${tier.name})`
      : `Начисление за заказ ${order.number}`,
    key,
    now,
    orderId,
    orderNumber: order.number,
    source: tier?.code ?? null,
  });
  return earned;
}

async function orderEntries(tx: Db, orderId: string) {
  return tx.select().from(loyaltyPointEntries).where(eq(loyaltyPointEntries.orderId, orderId));
}

/**
 * Gives back up to `points` of what the order spent (all that is left when `points` is null): new lots that keep
 * the expiry of the lots the points came from, latest expiry first, one per expiry moment and key base.
 */
async function giveBackSpent(
  tx: Db,
  personId: string,
  orderId: string,
  orderNumber: string | null,
  points: number | null,
  keyBase: string,
  reason: string,
  now: Date,
): Promise<number> {
  const entries = await orderEntries(tx, orderId);
  const redemptions = entries.filter((e) => e.kind === 'redemption');
  if (redemptions.length === 0) return 0;
  const allocations = await allocationsOf(
    tx,
    redemptions.map((r) => r.id),
  );
  const spentByExpiry = new Map<number, number>();
  for (const a of allocations) {
    const at = new Date(a.expires_at).getTime();
    spentByExpiry.set(at, (spentByExpiry.get(at) ?? 0) + a.points);
  }
  for (const e of entries)
    if (e.kind === 'redemption_reversal' && e.expiresAt) {
      const at = e.expiresAt.getTime();
      spentByExpiry.set(at, (spentByExpiry.get(at) ?? 0) - e.points);
    }
  let left = points ?? Number.POSITIVE_INFINITY;
  let given = 0;
  for (const [at, open] of [...spentByExpiry.entries()].sort((a, b) => b[0] - a[0])) {
    if (left <= 0) break;
    const give = Math.min(open, left);
    if (give <= 0) continue;
    const row = await insertLot(tx, {
      personId,
      kind: 'redemption_reversal',
      points: give,
      expiresAt: new Date(at),
      reason,
      key: `${keyBase}:spent:${new Date(at).toISOString()}`,
      now,
      orderId,
      orderNumber,
    });
    if (row) {
      given += give;
      left -= give;
    }
  }
  return given;
}

/** Takes back up to `points` of what the order accrued (all that is left when null); short balance → shortfall. */
async function takeBackAccrued(
  tx: Db,
  personId: string,
  orderId: string,
  orderNumber: string | null,
  points: number | null,
  key: string,
  reason: string,
  now: Date,
): Promise<number> {
  const entries = await orderEntries(tx, orderId);
  const accrual = entries.find((e) => e.kind === 'accrual');
  if (!accrual) return 0;
  const takenBefore = entries
    .filter((e) => e.kind === 'accrual_reversal')
    .reduce((sum, e) => sum - e.points + e.shortfall, 0);
  const open = accrual.points - takenBefore;
  const want = Math.min(open, points ?? open);
  if (want <= 0) return 0;
  const done = await takeFromLots(tx, {
    personId,
    kind: 'accrual_reversal',
    points: want,
    reason,
    key,
    now,
    allowShort: true,
    preferLotIds: [accrual.id],
    orderId,
    orderNumber,
  });
  return done?.taken ?? 0;
}

/** Cancellation: every spent point comes back (original expiry), every accrued point is taken back. */
export async function reverseCancelledOrder(
  tx: Db,
  order: { id: string; personId: string; number: string | null },
  now: Date,
) {
  await lockAccount(tx, order.personId);
  const returned = await giveBackSpent(
    tx,
    order.personId,
    order.id,
    order.number,
    null,
    `cancel:${order.id}`,
    `Возврат баллов: заказ ${order.number ?? ''} отменён`.trim(),
    now,
  );
  const takenBack = await takeBackAccrued(
    tx,
    order.personId,
    order.id,
    order.number,
    null,
    `cancel:${order.id}:accrual`,
    `Списание начисленных баллов: заказ ${order.number ?? ''} отменён`.trim(),
    now,
  );
  return { returned, takenBack };
}

export interface ReturnRefundedEvent {
  returnId: string;
  orderId: string;
  personId: string;
  companyId: string | null;
  lines: { lineId: string; quantity: number }[];
}

/**
 * A refunded return: the share of the order's net item value it returned decides how many accrued points are
 * taken back and how many spent points come back (rounded to whole points, never more than what is left).
 */
export async function reverseReturnedLines(tx: Db, event: ReturnRefundedEvent, now: Date) {
  if (event.companyId) return { returned: 0, takenBack: 0 };
  const rows = await loadOrderDetailRows(tx, event.orderId).catch(() => null);
  if (!rows || rows.order.companyId) return { returned: 0, takenBack: 0 };
  const { order, lines } = rows;
  const itemsNet = lines.reduce((sum, l) => sum + (l.lineTotal - l.discount), 0);
  if (itemsNet <= 0) return { returned: 0, takenBack: 0 };
  const byId = new Map(lines.map((l) => [l.id, l]));
  let returnedNet = 0;
  for (const r of event.lines) {
    const line = byId.get(r.lineId);
    if (!line || Number(line.quantity) <= 0) continue;
    const share = Math.min(1, Number(r.quantity) / Number(line.quantity));
    returnedNet += (line.lineTotal - line.discount) * share;
  }
  const fraction = Math.min(1, returnedNet / itemsNet);
  await lockAccount(tx, order.personId);
  const entries = await orderEntries(tx, order.id);
  const accrued = entries.find((e) => e.kind === 'accrual')?.points ?? 0;
  const spent = -entries.filter((e) => e.kind === 'redemption').reduce((sum, e) => sum + e.points, 0);
  const returned = await giveBackSpent(
    tx,
    order.personId,
    order.id,
    order.number,
    Math.round(spent * fraction),
    `return:${event.returnId}`,
    `Возврат баллов за возвращённый товар, заказ ${order.number}`,
    now,
  );
  const takenBack = await takeBackAccrued(
    tx,
    order.personId,
    order.id,
    order.number,
    Math.round(accrued * fraction),
    `return:${event.returnId}:accrual`,
    `Списание баллов за возвращённый товар, заказ ${order.number}`,
    now,
  );
  return { returned, takenBack };
}

/** The handler of `orders.status_changed`: number the order's entries, accrue or reverse. */
export async function onOrderStatusChanged(db: Db, event: Record<string, unknown>, now: Date): Promise<void> {
  const orderId = String(event.orderId ?? '');
  const personId = String(event.personId ?? '');
  if (!orderId || !personId || event.companyId) return;
  const to = String(event.to ?? '');
  await db.transaction(async (tx) => {
    if (typeof event.number === 'string') await noteOrderNumber(tx, orderId, event.number);
    if (accrualStatuses.includes(to)) await accrueOrder(tx, orderId, now);
    if (to === 'cancelled') {
      const has = await tx
        .select({ id: loyaltyPointEntries.id })
        .from(loyaltyPointEntries)
        .where(
          and(
            eq(loyaltyPointEntries.orderId, orderId),
            inArray(loyaltyPointEntries.kind, ['redemption', 'accrual']),
          ),
        )
        .limit(1);
      if (has.length > 0)
        await reverseCancelledOrder(
          tx,
          { id: orderId, personId, number: typeof event.number === 'string' ? event.number : null },
          now,
        );
    }
  });
}

/** The ledger invariant of a person: the entries' sum and what remains of the lots (equal by construction). */
export async function ledgerConsistent(
  db: Db,
  personId: string,
): Promise<{ sum: number; remaining: number }> {
  const [row] = await db
    .select({
      sum: sql<number>`coalesce(sum(${loyaltyPointEntries.points}), 0)::int`,
      remaining: sql<number>`coalesce(sum(${loyaltyPointEntries.remaining}), 0)::int`,
    })
    .from(loyaltyPointEntries)
    .where(eq(loyaltyPointEntries.personId, personId));
  return { sum: row?.sum ?? 0, remaining: row?.remaining ?? 0 };
}
