import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { orgRoles } from '../../../shared/permissions';
import { ApiError, api, type Problem } from '../../app/api';
import { useMe } from '../../app/contexts';
import { sessionQuery } from '../../app/portal';

/**
 * Client half of the carts API (src/modules/carts). Three places keep carts: a guest's (`/api/v1/public/cart`,
 * found by an httpOnly cookie), a person's own (`/api/v1/me/carts/{id}`) and a company's
 * (`/api/v1/orgs/{orgId}/carts/{id}`, several named carts per company). Money is integer kopecks.
 */

export type CartProblem = 'unavailable' | 'no_price' | 'below_minimum' | 'not_multiple' | 'not_enough_stock';

export interface CartLine {
  variantId: string;
  productId: string;
  sku: string;
  name: string;
  variantName: string;
  unit: string;
  packSize: number;
  minOrderQty: number;
  imageUrl: string | null;
  stockLevel: 'in_stock' | 'few_left' | 'on_order';
  available: number | null;
  quantity: number;
  unitPrice: number | null;
  lineTotal: number | null;
  priceChanged: { was: number; now: number } | null;
  problems: CartProblem[];
}

export interface CartSummary {
  id: string;
  kind: 'personal' | 'company' | 'guest';
  name: string | null;
  shared: boolean;
  isDefault: boolean;
  mine: boolean;
  createdBy: { id: string; name: string } | null;
  lineCount: number;
  updatedAt: string;
}

export interface Cart extends CartSummary {
  currency: string;
  lines: CartLine[];
  totals: { items: number; quantity: number; sum: number; weight: number | null };
  maxLines: number;
}

export interface Correction {
  variantId: string;
  asked: number;
  set: number;
  reason: 'minimum' | 'multiple';
}

export interface ChangeResult {
  added: number;
  corrected: Correction[];
  unavailable: Array<{ variantId: string; reason: 'unavailable' | 'no_price' }>;
  cart: Cart;
}

export interface QuickOrderPreview {
  matched: Array<{
    line: number;
    sku: string;
    variantId: string;
    name: string;
    unit: string;
    asked: number;
    quantity: number;
    reason: 'minimum' | 'multiple' | null;
    unitPrice: number;
    lineTotal: number;
  }>;
  unknown: Array<{ line: number; sku: string }>;
  unavailable: Array<{ line: number; sku: string; name: string }>;
  bad: Array<{ line: number; text: string; reason: 'format' | 'quantity' }>;
  total: number;
  currency: string;
}

/** Where a cart lives: a guest's, the person's own, or a company's. */
export type CartPlace = { kind: 'guest' } | { kind: 'me' } | { kind: 'org'; orgId: string };

/** API base of one cart (`cartId` is ignored for a guest, who has only one). */
export function cartBase(place: CartPlace, cartId: string | null): string {
  if (place.kind === 'guest') return '/api/v1/public/cart';
  const id = encodeURIComponent(cartId ?? '');
  if (place.kind === 'me') return `/api/v1/me/carts/${id}`;
  return `/api/v1/orgs/${encodeURIComponent(place.orgId)}/carts/${id}`;
}

const placeKey = (place: CartPlace) => ['carts', place.kind, place.kind === 'org' ? place.orgId : ''];

/** The carts of a place: the person's own, or the member's and the shared ones in a company. */
export const cartListQuery = (place: CartPlace) =>
  queryOptions({
    queryKey: [...placeKey(place), 'list'],
    queryFn: async (): Promise<CartSummary[]> => {
      if (place.kind === 'guest') {
        const { cart } = await api<{ cart: Cart | null }>('/api/v1/public/cart');
        return cart ? [cart] : [];
      }
      const url =
        place.kind === 'me' ? '/api/v1/me/carts' : `/api/v1/orgs/${encodeURIComponent(place.orgId)}/carts`;
      return (await api<{ items: CartSummary[] }>(url)).items;
    },
    // A person's or a company's carts are dropped on sign-out, not refetched into a 401.
    meta: { needsPerson: place.kind !== 'guest' },
  });

/** One cart, re-priced live (a guest's is null until something is added). */
export const cartQuery = (place: CartPlace, cartId: string | null) =>
  queryOptions({
    queryKey: [...placeKey(place), 'cart', cartId ?? ''],
    queryFn: async (): Promise<Cart | null> => {
      if (place.kind === 'guest') return (await api<{ cart: Cart | null }>('/api/v1/public/cart')).cart;
      return api<Cart>(cartBase(place, cartId));
    },
    enabled: place.kind === 'guest' || Boolean(cartId),
    meta: { needsPerson: place.kind !== 'guest' },
  });

/** The place of the current page's context: a company in the URL, else the signed-in person, else a guest. */
export function useCartPlace(orgId: string | null): { place: CartPlace; pending: boolean } {
  const session = useQuery(sessionQuery);
  if (orgId) return { place: { kind: 'org', orgId }, pending: false };
  if (session.isPending) return { place: { kind: 'guest' }, pending: true };
  return { place: session.data?.user ? { kind: 'me' } : { kind: 'guest' }, pending: false };
}

/** The cart "add to cart" goes to: the guest's, the personal one, or the member's default company cart. */
export function useDefaultCartId(place: CartPlace, enabled = true): string | null {
  const list = useQuery({ ...cartListQuery(place), enabled: enabled && place.kind !== 'guest' });
  if (place.kind === 'guest') return 'guest';
  return list.data?.find((c) => c.isDefault && c.mine)?.id ?? list.data?.[0]?.id ?? null;
}

/** Whether the person may change carts in the place (company roles need `orders.place`). */
export function useCanEditCarts(place: CartPlace): boolean {
  const me = useMe();
  if (place.kind !== 'org') return true;
  const role = me.data?.contexts.companies.find((c) => c.id === place.orgId)?.role;
  if (!role) return false;
  const known = orgRoles[role as keyof typeof orgRoles] as readonly string[] | undefined;
  return known ? known.includes('orders.place') : true;
}

/** Writes to one cart; every cart query of the place is refreshed with the answer. */
export function useCartMutation<I>(place: CartPlace, send: (input: I) => Promise<ChangeResult>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async (result) => {
      const cartId = place.kind === 'guest' ? null : result.cart.id;
      client.setQueryData(cartQuery(place, cartId).queryKey, result.cart);
      await client.invalidateQueries({ queryKey: placeKey(place) });
    },
  });
}

/** Adds lines to a cart. */
export const addLines = (
  place: CartPlace,
  cartId: string | null,
  lines: Array<{ variantId: string; quantity: number }>,
) => api<ChangeResult>(`${cartBase(place, cartId)}/lines`, { method: 'POST', json: { lines } });

/** Quick-order preview of pasted text. */
export const previewText = (place: CartPlace, cartId: string | null, text: string) =>
  api<QuickOrderPreview>(`${cartBase(place, cartId)}/quick-order`, { method: 'POST', json: { text } });

/** Quick-order preview of an XLSX or CSV file. */
export async function previewFile(
  place: CartPlace,
  cartId: string | null,
  file: File,
): Promise<QuickOrderPreview> {
  const body = new FormData();
  body.append('file', file);
  let response: Response;
  try {
    response = await fetch(`${cartBase(place, cartId)}/quick-order/file`, {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { Accept: 'application/json, application/problem+json' },
    });
  } catch (error) {
    throw new ApiError(0, { title: error instanceof Error ? error.message : 'Network error' });
  }
  if (!response.ok) {
    throw new ApiError(response.status, (await response.json().catch(() => ({}))) as Problem);
  }
  return (await response.json()) as QuickOrderPreview;
}

/** Where checkout of a cart starts (the orders module's page). */
export function checkoutPath(place: CartPlace, cartId: string): string {
  const q = `?cart=${encodeURIComponent(cartId)}`;
  return place.kind === 'org' ? `/orgs/${encodeURIComponent(place.orgId)}/checkout${q}` : `/checkout${q}`;
}
