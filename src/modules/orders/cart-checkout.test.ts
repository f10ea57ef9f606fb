import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { origin } from '../companies/companies.testkit.js';
import { type OrdersTestApp, ordersTestApp } from './orders.testkit.js';

let o: OrdersTestApp;

beforeAll(async () => {
  o = await ordersTestApp();
}, 60_000);
afterAll(async () => o?.k.t.close());

const call = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  o.k.t.app.inject({ method, url, ...(payload ? { payload } : {}), headers: { origin, cookie } });

/** The person's (or member's default company) cart with these lines. */
async function cartWith(cookie: string, base: string, lines: { variantId: string; quantity: number }[]) {
  const carts = (await call(cookie, 'GET', `${base}/carts`)).json();
  const cartId = (carts.items ?? carts)[0].id as string;
  const added = await call(cookie, 'POST', `${base}/carts/${cartId}/lines`, { lines });
  expect(added.statusCode, added.body).toBe(200);
  return cartId;
}

describe('checkout from a cart, and repeating an order', () => {
  it('orders the cart’s lines and empties the cart in the same transaction', async () => {
    const [a, b] = o.variants;
    await o.setStock(a?.id as string, 10);
    await o.setStock(b?.id as string, 10);
    const cartId = await cartWith(o.customer, '/api/v1/me', [
      { variantId: a?.id as string, quantity: 2 },
      { variantId: b?.id as string, quantity: 1 },
    ]);
    const options = await call(o.customer, 'POST', '/api/v1/me/checkout/options', { cartId });
    expect(options.statusCode, options.body).toBe(200);
    expect(options.json().cart.lines).toHaveLength(2);

    const placed = await o.place(o.customer, '/api/v1/me/orders', {
      cartId,
      delivery: { methodId: o.pickup.id },
      paymentMethod: 'cash_on_delivery',
    });
    expect(placed.statusCode, placed.body).toBe(201);
    const order = placed.json();
    expect(order.lines.map((l: { quantity: number }) => l.quantity).sort()).toEqual([1, 2]);
    expect(order.can.repeat).toBe(true);
    const cart = (await call(o.customer, 'GET', `/api/v1/me/carts/${cartId}`)).json();
    expect(cart.lines).toHaveLength(0);

    // An empty cart cannot be ordered.
    const again = await o.place(o.customer, '/api/v1/me/orders', {
      cartId,
      delivery: { methodId: o.pickup.id },
      paymentMethod: 'cash_on_delivery',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CART_EMPTY');

    // Repeat: the lines go back into the cart, re-priced; a product no longer sold is reported.
    await o.k.t.db.execute(
      (await import('drizzle-orm'))
        .sql`update product_variants set status = 'archived' where id = ${b?.id}::uuid`,
    );
    const repeated = await call(o.customer, 'POST', `/api/v1/me/orders/${order.id}/repeat`, {});
    expect(repeated.statusCode, repeated.body).toBe(200);
    expect(repeated.json()).toMatchObject({
      cartId,
      added: 1,
      unavailable: [{ variantId: b?.id, reason: 'unavailable' }],
    });
    const refilled = (await call(o.customer, 'GET', `/api/v1/me/carts/${cartId}`)).json();
    expect(
      refilled.lines.map((l: { variantId: string; quantity: number }) => [l.variantId, l.quantity]),
    ).toEqual([[a?.id, 2]]);
    await o.k.t.db.execute(
      (await import('drizzle-orm'))
        .sql`update product_variants set status = 'active' where id = ${b?.id}::uuid`,
    );
  });

  it('refuses another person’s cart and another company’s order', async () => {
    const [a] = o.variants;
    const buyersCart = await cartWith(o.buyer, `/api/v1/orgs/${o.dealerId}`, [
      { variantId: a?.id as string, quantity: 1 },
    ]);
    const stolen = await o.place(o.customer, '/api/v1/me/orders', {
      cartId: buyersCart,
      delivery: { methodId: o.pickup.id },
      paymentMethod: 'cash_on_delivery',
    });
    expect(stolen.statusCode).toBe(404);
    const mine = await o.place(o.customer, '/api/v1/me/orders', {
      lines: [{ variantId: a?.id as string, quantity: 1 }],
      delivery: { methodId: o.pickup.id },
      paymentMethod: 'cash_on_delivery',
    });
    expect(mine.statusCode, mine.body).toBe(201);
    const repeatOthers = await call(o.buyer, 'POST', `/api/v1/me/orders/${mine.json().id}/repeat`, {});
    expect(repeatOthers.statusCode).toBe(404);
    const anonymous = await o.k.t.app.inject({
      method: 'POST',
      url: `/api/v1/me/orders/${mine.json().id}/repeat`,
      payload: {},
      headers: { origin },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('repeats a company order into the member’s default company cart', async () => {
    const [, , c] = o.variants;
    await o.setStock(c?.id as string, 5);
    const placed = await o.place(o.buyer, `/api/v1/orgs/${o.dealerId}/orders`, {
      ...o.pickupOrder([{ variantId: c?.id as string, quantity: 1 }], 'invoice'),
    });
    expect(placed.statusCode, placed.body).toBe(201);
    const repeated = await call(
      o.buyer,
      'POST',
      `/api/v1/orgs/${o.dealerId}/orders/${placed.json().id}/repeat`,
      {},
    );
    expect(repeated.statusCode, repeated.body).toBe(200);
    const cart = (
      await call(o.buyer, 'GET', `/api/v1/orgs/${o.dealerId}/carts/${repeated.json().cartId}`)
    ).json();
    expect(cart.lines.some((l: { variantId: string }) => l.variantId === c?.id)).toBe(true);
  });
});
