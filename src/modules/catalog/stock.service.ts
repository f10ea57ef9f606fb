import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../server/core/db.js';
import { preparedRows } from '../../server/core/prepared.js';

/** One line to reserve: `key` comes back on its allocations (the orders module passes the line id). */
export interface StockRequest {
  key: string;
  variantId: string;
  quantity: number;
}

/** Stock taken from one warehouse for one line. */
export interface StockAllocation {
  key: string;
  variantId: string;
  warehouseId: string;
  quantity: number;
}

export interface StockShortage {
  variantId: string;
  requested: number;
  available: number;
}

export interface ReserveOptions {
  preferredWarehouseId?: string | null;
  onlyWarehouseId?: string | null;
}

/** Allocations decided and their rows locked; `write` (run in the same transaction) reserves them. */
export type PlannedReservation =
  | { ok: true; allocations: StockAllocation[]; write: SQL | null }
  | { ok: false; shortages: StockShortage[] };

export type ReserveResult =
  | { ok: true; allocations: StockAllocation[] }
  | { ok: false; shortages: StockShortage[] };

/** Quantities have three decimals: count in thousandths so sums never drift. */
const milli = (q: number) => Math.round(q * 1000);
const fromMilli = (m: number) => m / 1000;

/** A stock row as `lockStockSql` returns it. */
export interface LockedStockRow {
  variant_id: string;
  warehouse_id: string;
  available: string;
  /** The warehouse's place in the back office's order: position, then name. */
  position: number;
  warehouse_name: string;
}

/**
 * The select that locks the stock rows of these variants in one fixed order (variant, warehouse), so concurrent
 * reservations and releases queue on the rows instead of deadlocking, and returns what each warehouse has free.
 * Placing runs it inside its one read statement (`planFromLockedStock` then decides).
 */
export function lockStockSql(variantIds: readonly string[]): SQL {
  const ids = [...new Set(variantIds)];
  return sql`
    select s.variant_id, s.warehouse_id, (s.on_hand - s.reserved)::text as available,
      w.position, w.name as warehouse_name
    from stock s join warehouses w on w.id = s.warehouse_id
    where s.variant_id = any(${`{${ids.join(',')}}`}::uuid[]) and w.is_active
    order by s.variant_id, s.warehouse_id
    for update of s`;
}

async function lockStock(tx: Db, variantIds: string[]): Promise<LockedStockRow[]> {
  return preparedRows<LockedStockRow>(tx, 'lock_stock', lockStockSql(variantIds));
}

/** The update that moves `reserved` (and, for a shipment, `on hand`) by the allocations, as one statement. */
function deltaSql(allocations: readonly StockAllocation[], column: 'reserved' | 'ship', sign: 1 | -1): SQL {
  const variants = `{${allocations.map((a) => a.variantId).join(',')}}`;
  const warehouses = `{${allocations.map((a) => a.warehouseId).join(',')}}`;
  const quantities = `{${allocations.map((a) => fromMilli(milli(a.quantity))).join(',')}}`;
  const onHand = column === 'ship' ? sql`on_hand = s.on_hand - v.q,` : sql``;
  return sql`
    update stock s set ${onHand} reserved = greatest(s.reserved + ${sign}::numeric * v.q, 0), updated_at = now()
    from (
      select variant_id, warehouse_id, sum(q) as q
      from unnest(${variants}::uuid[], ${warehouses}::uuid[], ${quantities}::numeric[]) as u(variant_id, warehouse_id, q)
      group by variant_id, warehouse_id
    ) v
    where s.variant_id = v.variant_id and s.warehouse_id = v.warehouse_id`;
}

async function applyDelta(
  tx: Db,
  allocations: readonly StockAllocation[],
  column: 'reserved' | 'ship',
  sign: 1 | -1,
): Promise<void> {
  if (allocations.length === 0) return;
  await preparedRows(tx, `stock_${column}`, deltaSql(allocations, column, sign));
}

/**
 * Reserves stock for the lines inside the caller's transaction, or reports every shortage and changes
 * nothing. A line takes from the preferred warehouse first (a pickup point), then from the others in the
 * back office's order, splitting across warehouses when one has too little. Rows are locked, so two
 * transactions can never both take the last units.
 */
export async function reserveStock(
  tx: Db,
  lines: readonly StockRequest[],
  options: ReserveOptions = {},
): Promise<ReserveResult> {
  if (lines.length === 0) return { ok: true, allocations: [] };
  const rows = await lockStock(
    tx,
    lines.map((l) => l.variantId),
  );
  const planned = planFromLockedStock(rows, lines, options);
  if (planned.ok) await applyDelta(tx, planned.allocations, 'reserved', 1);
  return planned.ok ? { ok: true, allocations: planned.allocations } : planned;
}

/**
 * Decides the allocations from stock rows locked by `lockStockSql` in the caller's transaction, like
 * `reserveStock`, but leaves the write to the caller: `write` is the update that reserves them, to run in the
 * same transaction (placing runs the lock in its one read statement and the write in its one write statement).
 * Until it runs nothing is reserved.
 */
export function planFromLockedStock(
  rows: readonly LockedStockRow[],
  lines: readonly StockRequest[],
  options: ReserveOptions = {},
): PlannedReservation {
  if (lines.length === 0) return { ok: true, allocations: [], write: null };
  // The few warehouses are ranked once, not the variant × warehouse rows (localeCompare is costly).
  const warehouses = new Map(rows.map((r) => [r.warehouse_id, r]));
  const positions = new Map(
    [...warehouses.values()]
      .sort((a, b) => a.position - b.position || a.warehouse_name.localeCompare(b.warehouse_name))
      .map((r, i) => [r.warehouse_id, i]),
  );
  const free = new Map<string, { warehouseId: string; milli: number }[]>();
  for (const r of rows) {
    if (options.onlyWarehouseId && r.warehouse_id !== options.onlyWarehouseId) continue;
    const list = free.get(r.variant_id) ?? [];
    list.push({ warehouseId: r.warehouse_id, milli: Math.max(0, milli(Number(r.available))) });
    free.set(r.variant_id, list);
  }
  const rank = (id: string) => (id === options.preferredWarehouseId ? -1 : (positions.get(id) ?? 1e9));
  for (const list of free.values()) list.sort((a, b) => rank(a.warehouseId) - rank(b.warehouseId));

  const allocations: StockAllocation[] = [];
  const short = new Map<string, StockShortage>();
  for (const line of lines) {
    let need = milli(line.quantity);
    const requested = need;
    for (const slot of free.get(line.variantId) ?? []) {
      if (need === 0) break;
      const take = Math.min(need, slot.milli);
      if (take === 0) continue;
      slot.milli -= take;
      need -= take;
      allocations.push({
        key: line.key,
        variantId: line.variantId,
        warehouseId: slot.warehouseId,
        quantity: fromMilli(take),
      });
    }
    if (need > 0) {
      const prev = short.get(line.variantId);
      const availableLeft = requested - need;
      short.set(line.variantId, {
        variantId: line.variantId,
        requested: fromMilli((prev ? milli(prev.requested) : 0) + requested),
        available: fromMilli((prev ? milli(prev.available) : 0) + availableLeft),
      });
    }
  }
  if (short.size > 0) return { ok: false, shortages: [...short.values()] };
  return {
    ok: true,
    allocations,
    write: allocations.length > 0 ? deltaSql(allocations, 'reserved', 1) : null,
  };
}

/** Gives reserved stock back (a cancelled or expired order). */
export async function releaseStock(tx: Db, allocations: readonly StockAllocation[]): Promise<void> {
  if (allocations.length === 0) return;
  await lockStock(
    tx,
    allocations.map((a) => a.variantId),
  );
  await applyDelta(tx, allocations, 'reserved', -1);
}

/** Reserved stock leaves the warehouse (a shipment): on hand and reserved both go down. */
export async function shipStock(tx: Db, allocations: readonly StockAllocation[]): Promise<void> {
  if (allocations.length === 0) return;
  await lockStock(
    tx,
    allocations.map((a) => a.variantId),
  );
  await applyDelta(tx, allocations, 'ship', -1);
}
