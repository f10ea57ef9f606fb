import { and, eq, type SQL, sql } from 'drizzle-orm';
import { type Db, rowsFromJson } from '../../server/core/db.js';
import { preparedRows } from '../../server/core/prepared.js';
import {
  type AddressOwner,
  type CheckoutAddress,
  checkoutAddressOf,
  checkoutAddressQuery,
} from '../addresses/addresses.service.js';
import { deliveryAddresses } from '../addresses/addresses.tables.js';
import { candidateQueries, candidatesFromJson } from '../catalog/pricing/pricing.loader.js';
import type { PricingCandidates } from '../catalog/pricing/pricing.resolver.js';
import type { PricingContext } from '../catalog/pricing/pricing.types.js';
import { type LockedStockRow, lockStockSql } from '../catalog/stock.service.js';
import { activeRulesQuery } from './approvals.service.js';
import type { OrderRow } from './orders.lifecycle.js';
import {
  type OrderableVariant,
  type OrderableVariantRow,
  orderableVariantsOf,
  orderableVariantsSql,
} from './orders.products.js';
import { approvalRules, orders } from './orders.tables.js';

export interface PlacementFacts {
  variants: Map<string, OrderableVariant>;
  /** The pricing candidates but the variants' facts, which come with `variants`. */
  candidates: Omit<PricingCandidates, 'variants'>;
  /** Undefined when no address was asked for; null when the book has no such address. */
  address: CheckoutAddress | null | undefined;
  approvalRules: (typeof approvalRules.$inferSelect)[];
  /** The variants' stock rows, locked (`lockStockSql`). */
  stock: LockedStockRow[];
  /** The person's order already placed with this idempotency key, if any. */
  existing: OrderRow | null;
}

const rowsOf = (query: SQL | { getSQL(): SQL }) =>
  sql`(select coalesce(jsonb_agg(to_jsonb(x)), '[]'::jsonb) from (${query}) x)`;

/**
 * Everything placing an order reads, in ONE statement: an order already placed with the idempotency key, the
 * variants with their ordering rules and pricing facts, the three pricing candidate reads (list prices,
 * discounts, promotions), the delivery address, the company's approval rules, and the variants' stock rows,
 * locked for the reservation. Each part is the same query its module runs on its own, here as a JSON sub-select;
 * eight round trips become one (docs/performance.md). Only the stock part locks, in its fixed order.
 */
export async function readPlacementFacts(
  tx: Db,
  input: {
    variantIds: readonly string[];
    pricing: PricingContext;
    address: { owner: AddressOwner; id: string } | null;
    companyId: string | null;
    idempotency: { personId: string; key: string };
  },
): Promise<PlacementFacts> {
  const ids = [...new Set(input.variantIds)];
  const pricing = candidateQueries(tx, input.pricing, ids);
  const addressQuery = input.address ? checkoutAddressQuery(tx, input.address.owner, input.address.id) : null;
  const rulesQuery = input.companyId ? activeRulesQuery(tx, input.companyId) : null;
  const none = sql`'[]'::jsonb`;
  const existingQuery = tx
    .select()
    .from(orders)
    .where(
      and(eq(orders.personId, input.idempotency.personId), eq(orders.idempotencyKey, input.idempotency.key)),
    );
  const [row] = await preparedRows<{
    variants: OrderableVariantRow[];
    list_prices: unknown[];
    discounts: unknown[];
    promos: unknown[];
    address: unknown[];
    rules: unknown[];
    stock: LockedStockRow[];
    existing: unknown[];
  }>(
    tx,
    'placement_facts',
    sql`with locked as (${lockStockSql(ids)})
      select ${rowsOf(existingQuery)} as existing,
      (select coalesce(jsonb_agg(to_jsonb(l)), '[]'::jsonb) from locked l) as stock,
      ${rowsOf(orderableVariantsSql(ids, input.pricing.customerGroupId))} as variants,
      ${rowsOf(pricing.listPrices.query)} as list_prices,
      ${pricing.discounts ? rowsOf(pricing.discounts.query) : none} as discounts,
      ${rowsOf(pricing.promos.query)} as promos,
      ${addressQuery ? rowsOf(addressQuery) : none} as address,
      ${rulesQuery ? rowsOf(rulesQuery) : none} as rules`,
  );
  if (!row) throw new Error('placement facts: no row');
  const [address] = rowsFromJson(deliveryAddresses, row.address as Record<string, unknown>[]);
  const [existing] = rowsFromJson(orders, row.existing as Record<string, unknown>[]);
  return {
    existing: existing ?? null,
    stock: row.stock,
    variants: orderableVariantsOf(row.variants),
    candidates: candidatesFromJson(pricing, {
      listPrices: row.list_prices,
      discounts: row.discounts,
      promos: row.promos,
    }),
    address: input.address ? (address ? checkoutAddressOf(address) : null) : undefined,
    // Oldest first, as the rules query orders them (an aggregate need not keep a sub-select's order).
    approvalRules: rowsFromJson(approvalRules, row.rules as Record<string, unknown>[]).sort(
      (a, b) => a.createdAt.getTime() - b.createdAt.getTime(),
    ),
  };
}
