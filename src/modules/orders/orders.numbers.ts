import { and, eq, ilike, inArray } from 'drizzle-orm';
import type { Db } from '../../server/core/db.js';
import { orders } from './orders.tables.js';

/** `%` and `_` typed by a person are literal characters, not patterns. */
const literal = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Ids of the company's orders whose number contains `text` (case-insensitive), at most `limit`: other
 * modules filter their own rows by an order number a person typed (the documents list).
 */
export async function companyOrderIdsByNumber(db: Db, companyId: string, text: string, limit = 500) {
  const rows = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.companyId, companyId), ilike(orders.number, `%${literal(text.trim())}%`)))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** The numbers of the company's orders by id; ids of other companies' orders are absent. */
export async function companyOrderNumbers(db: Db, companyId: string, ids: readonly (string | null)[]) {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  if (unique.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: orders.id, number: orders.number })
    .from(orders)
    .where(and(eq(orders.companyId, companyId), inArray(orders.id, unique)));
  return new Map(rows.map((r) => [r.id, r.number]));
}
