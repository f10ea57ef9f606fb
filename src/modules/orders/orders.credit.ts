import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../server/core/db.js';
import { getCompany } from '../companies/companies.service.js';

/** A company's deferred-payment credit: kopecks. */
export interface Credit {
  limit: number;
  used: number;
  available: number;
}

/**
 * The company's credit: `used` is what its non-cancelled deferred orders still owe (total − paid). A company
 * without a credit limit (null) has no deferred payment at all: null comes back (docs/orders.md, "Credit").
 * With `lock`, the company row is locked first, so two deferred orders of one company are checked one after
 * the other and cannot both squeeze under the limit.
 */
export async function creditOf(
  db: Db,
  companyId: string,
  options: { lock?: boolean } = {},
): Promise<Credit | null> {
  if (options.lock) await db.execute(sql`select id from companies where id = ${companyId} for update`);
  const company = await getCompany(db, companyId);
  if (!company || company.creditLimit === null) return null;
  const [row] = await queryRows<{ used: string }>(
    db,
    sql`select coalesce(sum(total - paid_amount), 0)::text as used from orders
        where company_id = ${companyId} and payment_method = 'deferred' and status <> 'cancelled'
          and paid_amount < total`,
  );
  const used = Number(row?.used ?? 0);
  return { limit: company.creditLimit, used, available: Math.max(0, company.creditLimit - used) };
}
