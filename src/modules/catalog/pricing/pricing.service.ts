import type { Db } from '../../../server/core/db.js';
import { loadCandidates } from './pricing.loader.js';
import { type PricingCandidates, resolveLines, type VariantFacts } from './pricing.resolver.js';
import type { PricedLine, PriceLine, PricingContext } from './pricing.types.js';

/**
 * Prices lines for a context: one answer per line, in the same order; null when no price list of the context
 * prices the variant. A fixed four queries for any number of lines (pricing.loader.ts), then the pure rule
 * (pricing.resolver.ts), so a catalog page is priced at once. The rule in plain words: docs/pricing.md.
 */
export async function priceLines(
  db: Db,
  ctx: PricingContext,
  lines: PriceLine[],
  options: { facts?: VariantFacts[]; candidates?: Omit<PricingCandidates, 'variants'> } = {},
): Promise<Array<PricedLine | null>> {
  if (lines.length === 0) return [];
  // Placing an order read the candidates with its other facts (orders/orders.place-read.ts).
  const candidates =
    options.facts && options.candidates
      ? { ...options.candidates, variants: options.facts }
      : await loadCandidates(
          db,
          ctx,
          lines.map((l) => l.variantId),
          options.facts,
        );
  return resolveLines(ctx, lines, candidates);
}
