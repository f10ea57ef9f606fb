import { useMemo } from 'react';

/** One line to check out. */
export interface CheckoutLine {
  variantId: string;
  quantity: number;
}

/** Parses `<variantId>:<qty>,<variantId>:<qty>` (the URL form the checkout reads until carts arrive). */
export function parseLines(value: string | null): CheckoutLine[] {
  if (!value) return [];
  return value
    .split(',')
    .map((part) => part.split(':'))
    .filter(([id, q]) => id && /^[0-9a-f-]{36}$/i.test(id) && Number(q) > 0)
    .map(([id, q]) => ({ variantId: id as string, quantity: Number(q) }));
}

/**
 * The lines the checkout places. TODO(carts): the lead switches this to the cart (`?cart=`); for now it reads
 * `?lines=<variantId>:<qty>,...` from the URL.
 */
export function useCheckoutLines(): CheckoutLine[] {
  const search = typeof window === 'undefined' ? '' : window.location.search;
  return useMemo(() => parseLines(new URLSearchParams(search).get('lines')), [search]);
}
