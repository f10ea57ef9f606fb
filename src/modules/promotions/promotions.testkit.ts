import { expect } from 'vitest';
import { origin } from '../companies/companies.testkit.js';
import { ordersTestApp } from '../orders/orders.testkit.js';

/** The orders test app, plus helpers to create promotions as staff and to preview discounts. */
export async function promotionsTestApp() {
  const o = await ordersTestApp();
  const call = (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    o.k.t.app.inject({ method, url, ...(payload ? { payload } : {}), headers: { origin, cookie } });

  let seq = 0;
  /** Creates a promotion through the back office with a fresh public code; returns it with the code. */
  async function promotion(terms: Record<string, unknown> = {}) {
    const code = `T${Date.now().toString(36).toUpperCase()}${++seq}`;
    const res = await call(o.k.operator, 'POST', '/api/v1/admin/promotions', {
      name: `Test ${code}`,
      kind: 'percent',
      value: 1000,
      publicCode: code,
      ...terms,
    });
    expect(res.statusCode, res.body).toBe(201);
    return { ...(res.json() as { id: string }), code };
  }

  /** Previews discounts for lines in a scope (`/api/v1/me` or `/api/v1/orgs/:id`). */
  const preview = (cookie: string, base: string, body: object) =>
    call(cookie, 'POST', `${base}/checkout/discounts`, body);

  /** The reason word of a promo-code refusal. */
  const reasonOf = (res: { statusCode: number; json(): unknown }) => {
    const body = res.json() as { errors?: { path: string; message: string }[] };
    return body.errors?.find((e) => e.path === 'promoCode')?.message.split(':')[0];
  };

  return { ...o, call, promotion, preview, reasonOf };
}

export type PromotionsTestApp = Awaited<ReturnType<typeof promotionsTestApp>>;
