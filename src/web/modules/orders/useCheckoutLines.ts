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

/** What goes to checkout: a cart (`?cart=<id>`, the cart page's button) or explicit lines. */
export interface CheckoutSource {
  cartId: string | null;
  lines: CheckoutLine[];
}

/** The request fields naming the source: `{cartId}` or `{lines}`. */
export const sourceBody = (source: CheckoutSource) =>
  source.cartId ? { cartId: source.cartId } : { lines: source.lines };

/**
 * What the checkout places: the cart in `?cart=<id>`, else `?lines=<variantId>:<qty>,...` (links from
 * elsewhere, such as "buy now").
 */
export function useCheckoutSource(): CheckoutSource {
  const search = typeof window === 'undefined' ? '' : window.location.search;
  return useMemo(() => {
    const params = new URLSearchParams(search);
    const cart = params.get('cart');
    return {
      cartId: cart && /^[0-9a-f-]{36}$/i.test(cart) ? cart : null,
      lines: parseLines(params.get('lines')),
    };
  }, [search]);
}
