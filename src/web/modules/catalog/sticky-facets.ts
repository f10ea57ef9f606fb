import { useState } from 'react';
import type { Facets } from './api';

/**
 * Facets merged over the answers for one category and search: the server counts them for the current filter, so
 * ticking a brand would otherwise make the other brands vanish and the choice could not be widened again. Counts
 * are the latest known; a new category or search (`key`) starts over.
 */
export function useStickyFacets(key: string, latest: Facets | undefined): Facets | undefined {
  const [state, setState] = useState<{ key: string; facets: Facets | undefined; seen: Facets | undefined }>({
    key,
    facets: undefined,
    seen: undefined,
  });
  if (latest !== state.seen || key !== state.key) {
    const base = key === state.key ? state.facets : undefined;
    const merged = latest ? merge(base, latest) : base;
    setState({ key, facets: merged, seen: latest });
    return merged;
  }
  return state.facets;
}

function merge(old: Facets | undefined, latest: Facets): Facets {
  if (!old) return latest;
  const brands = new Map(old.brands.map((b) => [b.brand, b]));
  for (const b of latest.brands) brands.set(b.brand, b);
  const properties = new Map(old.properties.map((p) => [p.propertyId, p]));
  for (const p of latest.properties) {
    const before = properties.get(p.propertyId);
    const options = new Map((before?.options ?? []).map((o) => [o.optionId, o]));
    for (const o of p.options) options.set(o.optionId, o);
    properties.set(p.propertyId, { ...p, options: [...options.values()] });
  }
  return {
    brands: [...brands.values()],
    price: old.price ?? latest.price,
    properties: [...properties.values()],
  };
}
