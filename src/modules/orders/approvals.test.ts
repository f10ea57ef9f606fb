import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../server/core/db.js';
import { demoPeople, origin } from '../companies/companies.testkit.js';
import { releaseExpiredHolds } from './approvals.service.js';
import { type OrdersTestApp, ordersTestApp } from './orders.testkit.js';

let o: OrdersTestApp;
let rules: string;
let orders: string;

beforeAll(async () => {
  o = await ordersTestApp();
  rules = `/api/v1/orgs/${o.dealerId}/approval-rules`;
  orders = `/api/v1/orgs/${o.dealerId}/orders`;
}, 60_000);
afterAll(async () => o?.k.t.close());

const req = (
  cookie: string | undefined,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
) =>
  o.k.t.app.inject({
    method,
    url,
    ...(payload ? { payload } : {}),
    headers: { origin, ...(cookie ? { cookie } : {}) },
  });

async function clearRules() {
  const list = (await req(o.owner, 'GET', rules)).json();
  for (const r of list.items) await req(o.owner, 'DELETE', `${rules}/${r.id}`);
}

describe('approval rules and settings', () => {
  it('company admins manage rules; buyers get 403; strangers 401', async () => {
    expect((await req(undefined, 'GET', rules)).statusCode).toBe(401);
    expect((await req(o.buyer, 'GET', rules)).statusCode).toBe(403);
    expect((await req(o.buyer, 'POST', rules, { name: 'x' })).statusCode).toBe(403);
    const created = await req(o.owner, 'POST', rules, { name: 'Больше 1000 ₽', amountOver: 100_000 });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'Больше 1000 ₽',
      amountOver: 100_000,
      categoryIds: [],
      roles: [],
      isActive: true,
    });
    const patched = await req(o.owner, 'PATCH', `${rules}/${created.json().id}`, { isActive: false });
    // A PATCH changes only what it sends: the amount stays (zod would fill the create body's defaults).
    expect(patched.json()).toMatchObject({ isActive: false, amountOver: 100_000 });
    expect((await req(o.owner, 'PATCH', `${rules}/not-a-rule`, { isActive: false })).statusCode).toBe(404);
    expect((await req(o.owner, 'DELETE', `${rules}/${created.json().id}`)).statusCode).toBe(204);
    expect((await req(o.owner, 'GET', rules)).json().items).toEqual([]);
  });

  it('hold hours: 48 by default, saved by the admin, checked', async () => {
    const url = `/api/v1/orgs/${o.dealerId}/approval-settings`;
    expect((await req(o.owner, 'GET', url)).json()).toEqual({ holdHours: 48 });
    expect((await req(o.owner, 'PUT', url, { holdHours: 0 })).statusCode).toBe(400);
    expect((await req(o.owner, 'PUT', url, { holdHours: 24 })).json()).toEqual({ holdHours: 24 });
    expect((await req(o.buyer, 'PUT', url, { holdHours: 5 })).statusCode).toBe(403);
  });
});

describe('orders going to approval', () => {
  it('a rule by amount sends a big order to the approver, who approves it; both sides are mailed', async () => {
    await clearRules();
    await req(o.owner, 'POST', rules, { name: 'Крупные заказы', amountOver: 1 });
    const v = o.variants[0]?.id as string;
    await o.setStock(v, 10);
    const placed = await o.place(o.buyer, orders, o.pickupOrder([{ variantId: v, quantity: 2 }], 'invoice'));
    expect(placed.statusCode).toBe(201);
    const order = placed.json();
    expect(order).toMatchObject({ status: 'awaiting_approval', approvalState: 'pending' });
    expect(order.approval.reasons[0]).toContain('Крупные заказы');
    expect(order.approval.reservedUntil).not.toBeNull();
    expect(await o.stockOf(v)).toEqual({ onHand: 10, reserved: 2 });
    const mail = await o.k.latestMailTo(demoPeople.owner.email);
    expect(mail?.subject).toContain(order.number);

    const inbox = (await req(o.owner, 'GET', `/api/v1/orgs/${o.dealerId}/approvals`)).json();
    expect(inbox.items.map((i: { id: string }) => i.id)).toContain(order.id);
    expect((await req(o.buyer, 'GET', `/api/v1/orgs/${o.dealerId}/approvals`)).statusCode).toBe(403);
    expect((await req(o.buyer, 'POST', `${orders}/${order.id}/approve`, {})).statusCode).toBe(403);
    const detail = (await req(o.owner, 'GET', `${orders}/${order.id}`)).json();
    expect(detail.can.approve).toBe(true);

    const approved = await req(o.owner, 'POST', `${orders}/${order.id}/approve`, { comment: 'Ок' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'confirmed', approvalState: 'approved' });
    expect(approved.json().approval).toMatchObject({
      state: 'approved',
      comment: 'Ок',
      decidedBy: demoPeople.owner.name,
    });
    expect((await req(o.owner, 'POST', `${orders}/${order.id}/approve`, {})).json().code).toBe(
      'APPROVAL_NOT_PENDING',
    );
    const buyerMail = await o.k.latestMailTo(demoPeople.buyer.email);
    expect(buyerMail?.subject).toContain(order.number);
  });

  it('a rule by category covers its subcategories; small orders outside it go through', async () => {
    await clearRules();
    const v = o.variants[1];
    const [cat] = await queryRows<{ path: string[] }>(
      o.k.t.db,
      sql`select c.path::text[] as path from categories c join products p on p.category_id = c.id where p.id = ${v?.product_id}`,
    );
    const root = cat?.path[0] as string;
    await req(o.owner, 'POST', rules, { name: 'Категория', categoryIds: [root] });
    await o.setStock(v?.id as string, 10);
    const inCategory = await o.place(
      o.buyer,
      orders,
      o.pickupOrder([{ variantId: v?.id as string, quantity: 1 }], 'invoice'),
    );
    expect(inCategory.json().status).toBe('awaiting_approval');
    const other = (
      await queryRows<{ id: string }>(
        o.k.t.db,
        sql`select v.id from product_variants v join products p on p.id = v.product_id left join categories c on c.id = p.category_id
            where not (coalesce(c.path, '{}') @> array[${root}::uuid]) and v.id = any(${`{${o.variants.map((x) => x.id).join(',')}}`}::uuid[]) limit 1`,
      )
    )[0];
    if (other) {
      await o.setStock(other.id, 10);
      const outside = await o.place(
        o.buyer,
        orders,
        o.pickupOrder([{ variantId: other.id, quantity: 1 }], 'invoice'),
      );
      expect(outside.json().status).toBe('confirmed');
    }
    // The owner can approve orders: a rule without roles does not apply to them.
    const byOwner = await o.place(
      o.owner,
      orders,
      o.pickupOrder([{ variantId: v?.id as string, quantity: 1 }], 'invoice'),
    );
    expect(byOwner.json().status).toBe('confirmed');
  });

  it('reject needs a comment, cancels the order and frees the stock', async () => {
    await clearRules();
    await req(o.owner, 'POST', rules, { name: 'Все', amountOver: 0 });
    const v = o.variants[2]?.id as string;
    await o.setStock(v, 5);
    const order = (
      await o.place(o.buyer, orders, o.pickupOrder([{ variantId: v, quantity: 3 }], 'invoice'))
    ).json();
    expect(order.status).toBe('awaiting_approval');
    const noComment = await req(o.owner, 'POST', `${orders}/${order.id}/reject`, {});
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().errors[0].path).toBe('body.comment');
    const rejected = await req(o.owner, 'POST', `${orders}/${order.id}/reject`, { comment: 'Не по бюджету' });
    expect(rejected.json()).toMatchObject({ status: 'cancelled', approvalState: 'rejected' });
    expect(await o.stockOf(v)).toEqual({ onHand: 5, reserved: 0 });
  });

  it('an expired hold frees the stock; approving later takes it again or fails with OUT_OF_STOCK', async () => {
    const v = o.variants[3]?.id as string;
    await o.setStock(v, 4);
    const first = (
      await o.place(o.buyer, orders, o.pickupOrder([{ variantId: v, quantity: 3 }], 'invoice'))
    ).json();
    const second = (
      await o.place(o.buyer, orders, o.pickupOrder([{ variantId: v, quantity: 1 }], 'invoice'))
    ).json();
    await o.k.t.db.execute(
      sql`update orders set reserved_until = now() - interval '1 minute' where id in (${first.id}, ${second.id})`,
    );
    expect(await releaseExpiredHolds(o.k.t.db)).toBe(2);
    expect(await o.stockOf(v)).toEqual({ onHand: 4, reserved: 0 });
    const lapsed = (await req(o.owner, 'GET', `${orders}/${first.id}`)).json();
    expect(lapsed.approval).toMatchObject({ state: 'pending', reservedUntil: null });
    expect(lapsed.timeline.at(-1).kind).toBe('approval');
    // Someone else buys 2 of the 4 meanwhile: the first (3) no longer fits, the second (1) does.
    await o.place(o.customer, '/api/v1/me/orders', o.pickupOrder([{ variantId: v, quantity: 2 }]));
    const fails = await req(o.owner, 'POST', `${orders}/${first.id}/approve`, {});
    expect(fails.statusCode).toBe(409);
    expect(fails.json().code).toBe('OUT_OF_STOCK');
    const ok = await req(o.owner, 'POST', `${orders}/${second.id}/approve`, {});
    expect(ok.json().status).toBe('confirmed');
    expect(await o.stockOf(v)).toEqual({ onHand: 4, reserved: 3 });
  });

  it('a card order approved goes to payment', async () => {
    await clearRules();
    await req(o.owner, 'POST', rules, { name: 'Все', amountOver: 0 });
    const v = o.variants[0]?.id as string;
    const order = (
      await o.place(o.buyer, orders, o.pickupOrder([{ variantId: v, quantity: 1 }], 'card_online'))
    ).json();
    expect(order.status).toBe('awaiting_approval');
    expect(order.payment).toBeNull();
    const approved = (await req(o.owner, 'POST', `${orders}/${order.id}/approve`, {})).json();
    expect(approved.status).toBe('awaiting_payment');
    expect(approved.payment.confirmationUrl).toContain('/dev-pay/');
  });
});
