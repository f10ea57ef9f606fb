import type { CatalogScope } from '../pricing/pricing-context.js';
import type { CatalogStock } from './browse.schema.js';

/**
 * How stock is shown to shoppers (docs/catalog.md, "Stock"). Retail customers (public and me) see a level, never
 * quantities; company members (org) also see what is available per warehouse.
 */

/** At most this many units available in all warehouses together is "few left" (more is "in stock"). */
export const fewLeftThreshold = 5;

/** Delivery estimate in days for an item no warehouse has: it is ordered from the supplier first. */
export const onOrderDeliveryDays = 14;

/** Available stock of one product (or variant) at one active warehouse. */
export interface WarehouseStock {
  warehouseId: string;
  name: string;
  available: number;
  deliveryDays: number;
  position: number;
}

/** The stock answer for a scope from the per-warehouse rows of one product or variant. */
export function presentStock(rows: WarehouseStock[], scope: CatalogScope): CatalogStock {
  const held = rows.filter((r) => r.available > 0);
  const total = held.reduce((sum, r) => sum + r.available, 0);
  const level = total <= 0 ? 'on_order' : total <= fewLeftThreshold ? 'few_left' : 'in_stock';
  const deliveryDays = held.length > 0 ? Math.min(...held.map((r) => r.deliveryDays)) : onOrderDeliveryDays;
  if (scope !== 'org') return { level, deliveryDays, available: null, warehouses: null };
  return {
    level,
    deliveryDays,
    available: roundQty(Math.max(total, 0)),
    warehouses: [...rows]
      .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name))
      .map((r) => ({
        warehouseId: r.warehouseId,
        name: r.name,
        available: roundQty(Math.max(r.available, 0)),
        deliveryDays: r.deliveryDays,
      })),
  };
}

/** Quantities carry three decimals; sums of floats must not show 2.9999999. */
function roundQty(n: number): number {
  return Math.round(n * 1000) / 1000;
}
