import { sql } from 'drizzle-orm';
import type { Db } from '../../server/core/db.js';
import { queryRows } from '../../server/core/db.js';

/**
 * The next request number, `S-2026-000123`. One sequence for all years: concurrent requests never race for a
 * counter row, and the year in front only tells people when it was filed.
 */
export async function nextTicketNumber(db: Db, now = new Date()): Promise<string> {
  const [row] = await queryRows<{ n: string }>(
    db,
    sql`select nextval('support_ticket_number_seq')::text as n`,
  );
  return `S-${now.getUTCFullYear()}-${String(row?.n ?? '0').padStart(6, '0')}`;
}
