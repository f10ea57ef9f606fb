import type { Db } from '../../../../server/core/db.js';
import type { TransferKind } from '../transfer.columns.js';
import type { ExportSource } from '../transfer.export.js';
import type { KindPlanner, PlanItem } from '../transfer.plan.js';
import { applyPrices, planPrices, pricesSource } from './prices.js';
import { applyProducts, planProducts, productsSource } from './products.js';
import { applyStock, planStock, stockSource } from './stock.js';

/** What each kind of file does: validate and plan, write the plan, and read the catalog for an export. */
export interface KindHandlers {
  plan: KindPlanner<PlanItem>;
  apply(tx: Db, items: PlanItem[], onProgress: (fraction: number) => Promise<void>): Promise<void>;
  source: ExportSource;
}

// The planner of a kind returns that kind's items and the writer takes them back: the casts only erase the
// item type between the two halves of the same kind.
export const kindHandlers: Record<TransferKind, KindHandlers> = {
  products: {
    plan: planProducts as KindPlanner<PlanItem>,
    apply: applyProducts as KindHandlers['apply'],
    source: productsSource,
  },
  prices: {
    plan: planPrices as KindPlanner<PlanItem>,
    apply: applyPrices as KindHandlers['apply'],
    source: pricesSource,
  },
  stock: {
    plan: planStock as KindPlanner<PlanItem>,
    apply: applyStock as KindHandlers['apply'],
    source: stockSource,
  },
};
