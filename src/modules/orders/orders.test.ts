import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../server/core/db.js';
import { demoPeople, origin } from '../companies/companies.testkit.js';
import { type OrdersTestApp, ordersTestApp } from './orders.testkit.js';

let o: OrdersTestApp;
const me = '/api/v1/me/orders';
const org = (id: string) => `/api/v1/orgs/${id}/orders`;

beforeAll(async () => {
  o = await ordersTestApp();
}, 60_000);
afterAll(async () => o?.k.t.close());

const get = (cookie: string | undefined, url: string) =>
  o.k.t.app.inject({ url, headers: { origin, ...(cookie ? { cookie } : {}) } });
const post = (cookie: string, url: string, payload: object = {}) =>
  o.k.t.app.inject({ method: 'POST', url, payload, headers: { origin, cookie } });

describe('placing a personal order', () => {
  it('needs a signed-in person and an Idempotency-Key', async () => {
    const v = o.variants[0]?.id as string;
    const anonymous = await o.k.t.app.inject({
      method: 'POST',
      url: me,
      payload: o.pickupOrder([{ variantId: v, quantity: 1 }]),
      headers: { origin, 'idempotency-key': 'anonymous-0001' },
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await get(undefined, me)).statusCode).toBe(401);
    const noKey = await o.place(o.customer, me, o.pickupOrder([{ variantId: v, quantity: 1 }]), null);
    expect(noKey.statusCode).toBe(400);
  });

  it('places a confirmed pickup order with a price snapshot, a number, a timeline and a reservation', async () => {
    const v = o.variants[0]?.id as string;
    await o.setStock(v, 5);
    const res = await o.place(o.customer, me, {
      ...o.pickupOrder([{ variantId: v, quantity: 2 }]),
      comment: 'Позвоните',
    });
    expect(res.statusCode).toBe(201);
    const order = res.json();
    expect(order.number).toMatch(/^K-\d{4}-\d{6}$/);
    expect(order).toMatchObject({
      status: 'confirmed',
      paymentMethod: 'cash_on_delivery',
      companyId: null,
      comment: 'Позвоните',
    });
    expect(order.lines).toHaveLength(1);
    expect(order.lines[0].unitPrice).toBeGreaterThan(0);
    expect(order.total).toBe(order.itemsTotal + order.deliveryCost);
    expect(order.delivery.kind).toBe('pickup');
    expect(order.timeline.map((e: { kind: string }) => e.kind)).toEqual(['placed', 'status']);
    expect(order.can).toMatchObject({ cancel: true, pay: false, approve: false });
    expect(await o.stockOf(v)).toEqual({ onHand: 5, reserved: 2 });
    // The answer is built from what placing wrote; the order page read back says the same.
    const page = await o.k.t.app.inject({
      method: 'GET',
      url: `${me}/${order.id}`,
      headers: { cookie: o.customer },
    });
    expect(page.json()).toEqual(order);
  });

  it('history and order pages come from the read cache but show any change at once, whoever made it', async () => {
    const v = o.variants[0]?.id as string;
    await o.setStock(v, 5);
    const order = (await o.place(o.customer, me, o.pickupOrder([{ variantId: v, quantity: 1 }]))).json();
    const get = async (url: string) =>
      (await o.k.t.app.inject({ method: 'GET', url, headers: { cookie: o.customer } })).json();
    const listed = async () =>
      (await get(`${me}?limit=50`)).items.find((i: { id: string }) => i.id === order.id);
    expect((await get(`${me}/${order.id}`)).status).toBe('confirmed');
    expect((await listed()).status).toBe('confirmed');
    // Another process (or psql) moves the order on: the next answers show it.
    await o.k.t.db.execute(sql`update orders set status = 'assembling' where id = ${order.id}`);
    expect((await get(`${me}/${order.id}`)).status).toBe('assembling');
    expect((await listed()).status).toBe('assembling');
    await o.k.t.db.execute(
      sql`insert into order_events (id, order_id, kind, actor_kind, data) values (gen_random_uuid(), ${order.id}, 'comment', 'system', '{}')`,
    );
    expect((await get(`${me}/${order.id}`)).timeline.at(-1).kind).toBe('comment');
    await o.k.t.db.execute(sql`delete from order_events where order_id = ${order.id} and kind = 'comment'`);
    expect((await get(`${me}/${order.id}`)).timeline.at(-1).kind).not.toBe('comment');
  });

  it('refuses lines that break the rules with line paths, and personal orders paid by invoice', async () => {
    const v = o.variants[1]?.id as string;
    const bad = await o.place(
      o.customer,
      me,
      o.pickupOrder([{ variantId: '00000000-0000-7000-8000-000000000000', quantity: 1 }]),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ path: 'lines[0].variantId' })]);
    const invoice = await o.place(o.customer, me, o.pickupOrder([{ variantId: v, quantity: 1 }], 'invoice'));
    expect(invoice.statusCode).toBe(400);
    expect(invoice.json().errors[0].path).toBe('paymentMethod');
  });

  it('enforces pack multiplicity and the minimum order', async () => {
    const v = o.variants[1];
    await o.k.t.db.execute(
      sql`update products set pack_size = 5, min_order_qty = 10 where id = ${v?.product_id}`,
    );
    await o.setStock(v?.id as string, 100);
    const small = await o.place(o.customer, me, o.pickupOrder([{ variantId: v?.id as string, quantity: 5 }]));
    expect(small.statusCode).toBe(400);
    expect(small.json().errors[0]).toMatchObject({ path: 'lines[0].quantity' });
    const odd = await o.place(o.customer, me, o.pickupOrder([{ variantId: v?.id as string, quantity: 12 }]));
    expect(odd.statusCode).toBe(400);
    const ok = await o.place(o.customer, me, o.pickupOrder([{ variantId: v?.id as string, quantity: 15 }]));
    expect(ok.statusCode).toBe(201);
    await o.k.t.db.execute(
      sql`update products set pack_size = 1, min_order_qty = 1 where id = ${v?.product_id}`,
    );
  });

  it('reports every short line with OUT_OF_STOCK and reserves nothing', async () => {
    const [a, b] = [o.variants[2]?.id as string, o.variants[3]?.id as string];
    await o.setStock(a, 1);
    await o.setStock(b, 3);
    const res = await o.place(
      o.customer,
      me,
      o.pickupOrder([
        { variantId: a, quantity: 2 },
        { variantId: b, quantity: 5 },
      ]),
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('OUT_OF_STOCK');
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'lines[0].quantity',
      'lines[1].quantity',
    ]);
    expect(res.json().detail).toContain('available 1');
    expect(await o.stockOf(a)).toEqual({ onHand: 1, reserved: 0 });
  });

  it('a repeated Idempotency-Key returns the same order, also concurrently', async () => {
    const v = o.variants[0]?.id as string;
    await o.setStock(v, 50);
    const body = o.pickupOrder([{ variantId: v, quantity: 1 }]);
    const first = await o.place(o.customer, me, body, 'repeat-key-000001');
    const again = await o.place(o.customer, me, body, 'repeat-key-000001');
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const burst = await Promise.all(
      Array.from({ length: 8 }, () => o.place(o.customer, me, body, 'repeat-key-000002')),
    );
    const ids = new Set(burst.map((r) => r.json().id));
    expect(ids.size).toBe(1);
    expect(burst.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(burst.every((r) => [200, 201].includes(r.statusCode))).toBe(true);
  });

  it('100 concurrent orders for the last 10 units: exactly 10 succeed and stock never goes negative', async () => {
    const v = o.variants[4]?.id as string;
    await o.setStock(v, 10);
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        o.place(o.customer, me, o.pickupOrder([{ variantId: v, quantity: 1 }]), `race-${i}-0000`),
      ),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(10);
    expect(results.filter((r) => r.statusCode === 409 && r.json().code === 'OUT_OF_STOCK')).toHaveLength(90);
    const s = await o.stockOf(v);
    expect(s).toEqual({ onHand: 10, reserved: 10 });
    expect(s.onHand - s.reserved).toBe(0);
  }, 120_000);

  it('cancelling releases the reservation; a cancelled order cannot be cancelled again', async () => {
    const v = o.variants[5]?.id as string;
    await o.setStock(v, 4);
    const order = (await o.place(o.customer, me, o.pickupOrder([{ variantId: v, quantity: 3 }]))).json();
    expect(await o.stockOf(v)).toEqual({ onHand: 4, reserved: 3 });
    const cancelled = await post(o.customer, `${me}/${order.id}/cancel`, { reason: 'Передумал' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: 'Передумал' });
    expect(await o.stockOf(v)).toEqual({ onHand: 4, reserved: 0 });
    expect((await post(o.customer, `${me}/${order.id}/cancel`)).json().code).toBe('ORDER_NOT_CANCELLABLE');
  });
});

describe('card payment', () => {
  it('a card order waits for payment with a confirmation URL; the payment event marks it paid', async () => {
    const v = o.variants[0]?.id as string;
    const res = await o.place(o.customer, me, o.pickupOrder([{ variantId: v, quantity: 1 }], 'card_online'));
    expect(res.statusCode).toBe(201);
    const order = res.json();
    expect(order.status).toBe('awaiting_payment');
    expect(order.payment.confirmationUrl).toContain('/dev-pay/');
    expect(order.can.pay).toBe(true);
    const again = await post(o.customer, `${me}/${order.id}/pay`);
    expect(again.json().confirmationUrl).toBe(order.payment.confirmationUrl);
    // The provider's webhook is another module's test; here the outbox event it writes is enough.
    const event = {
      paymentId: order.payment.id,
      subjectType: 'order',
      subjectId: order.id,
      amount: order.total,
    };
    await o.k.t.db.execute(
      sql`insert into outbox_events (id, topic, payload) values (gen_random_uuid(), 'payments.succeeded', ${JSON.stringify(event)}::jsonb)`,
    );
    await o.k.t.drainJobs();
    const paid = (await get(o.customer, `${me}/${order.id}`)).json();
    expect(paid).toMatchObject({ status: 'paid', paymentState: 'paid', paidAmount: order.total });
  });
});

describe('history', () => {
  it('lists my orders newest first with filters and cursor pages', async () => {
    const all = (await get(o.customer, `${me}?limit=100`)).json();
    expect(all.items.length).toBeGreaterThan(10);
    const page1 = (await get(o.customer, `${me}?limit=3`)).json();
    const page2 = (await get(o.customer, `${me}?limit=3&cursor=${page1.nextCursor}`)).json();
    expect([...page1.items, ...page2.items].map((i: { id: string }) => i.id)).toEqual(
      all.items.slice(0, 6).map((i: { id: string }) => i.id),
    );
    const cancelled = (await get(o.customer, `${me}?status=cancelled`)).json();
    expect(cancelled.items.every((i: { status: string }) => i.status === 'cancelled')).toBe(true);
    expect(cancelled.items.length).toBeGreaterThan(0);
    const one = all.items[0];
    expect(
      (await get(o.customer, `${me}?number=${one.number}`)).json().items.map((i: { id: string }) => i.id),
    ).toEqual([one.id]);
    // A whole number in any case, and a part of one.
    const byNumber = async (n: string) =>
      (await get(o.customer, `${me}?number=${encodeURIComponent(n)}`))
        .json()
        .items.map((i: { id: string }) => i.id);
    expect(await byNumber(one.number.toLowerCase())).toEqual([one.id]);
    expect(await byNumber(one.number.slice(-6))).toContain(one.id);
    const v5 = o.variants[5]?.id as string;
    const byProduct = (await get(o.customer, `${me}?product=${v5}`)).json();
    expect(byProduct.items.length).toBe(1);
    // The product's id finds the same order as its variant's.
    const byProductId = (await get(o.customer, `${me}?product=${o.variants[5]?.product_id}`)).json();
    expect(byProductId.items.map((i: { id: string }) => i.id)).toEqual([byProduct.items[0].id]);
    expect((await get(o.customer, `${me}?minTotal=999999999999`)).json().items).toEqual([]);
    expect((await get(o.customer, `${me}?cursor=garbage`)).statusCode).toBe(400);
    // Another person's order is not found.
    expect((await get(o.buyer, `${me}/${one.id}`)).statusCode).toBe(404);
    expect((await get(o.customer, `${me}/not-a-uuid`)).statusCode).toBe(404);
  });
});

describe('company orders', () => {
  it('a buyer places an invoice order; members list it; 403 for a viewer placing, 404 for another company', async () => {
    const v = o.variants[0]?.id as string;
    const res = await o.place(
      o.buyer,
      org(o.dealerId),
      o.pickupOrder([{ variantId: v, quantity: 1 }], 'invoice'),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'confirmed', companyId: o.dealerId });
    const list = (await get(o.owner, org(o.dealerId))).json();
    expect(list.items[0].id).toBe(res.json().id);
    const placedBy = (await get(o.owner, `${org(o.dealerId)}?placedBy=${res.json().placedBy.id}`)).json();
    expect(placedBy.items.length).toBeGreaterThan(0);
    // Company orders are not personal orders.
    expect((await get(o.buyer, `${me}/${res.json().id}`)).statusCode).toBe(404);
    expect(
      (await o.place(o.customer, org(o.dealerId), o.pickupOrder([{ variantId: v, quantity: 1 }], 'invoice')))
        .statusCode,
    ).toBe(404);
    const client = await o.k.companyIdOf(o.buyer, 'ООО «Чистая вода Урал»').catch(() => null);
    if (client)
      expect(
        (await o.place(o.buyer, org(client), o.pickupOrder([{ variantId: v, quantity: 1 }], 'invoice')))
          .statusCode,
      ).toBe(403);
  });

  it('the company list uses orders_company_created_idx', async () => {
    const plan = await o.k.t.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return queryRows<Record<string, string>>(
        tx,
        sql`explain select * from orders where company_id = ${o.dealerId} order by created_at desc, id desc limit 26`,
      );
    });
    expect(JSON.stringify(plan)).toContain('orders_company_created_idx');
  });

  it('deferred payment over the credit limit is refused with the amounts, or sent to approval by setting', async () => {
    const v = o.variants[0]?.id as string;
    await o.setStock(v, 1000);
    await o.k.t.db.execute(sql`update companies set credit_limit = 100 where id = ${o.dealerId}`);
    const refused = await o.place(
      o.buyer,
      org(o.dealerId),
      o.pickupOrder([{ variantId: v, quantity: 1 }], 'deferred'),
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('CREDIT_LIMIT_EXCEEDED');
    expect(refused.json().errors).toEqual(
      expect.arrayContaining([
        { path: 'credit.limit', message: '100' },
        { path: 'credit.available', message: '100' },
      ]),
    );
    const options = (
      await post(o.buyer, `/api/v1/orgs/${o.dealerId}/checkout/options`, {
        lines: [{ variantId: v, quantity: 1 }],
      })
    ).json();
    expect(options.credit).toEqual({ limit: 100, used: 0, available: 100 });
    expect(options.paymentMethods).not.toContain('deferred');

    // The back office switches the rule (settings.manage; a buyer may not).
    const admin = await o.k.cookieOf(demoPeople.admin.email);
    const settings = '/api/v1/admin/settings/orders';
    const put = (cookie: string, payload: object) =>
      o.k.t.app.inject({ method: 'PUT', url: settings, payload, headers: { origin, cookie } });
    expect((await get(admin, settings)).json()).toEqual({ creditOverLimit: 'refuse' });
    expect((await put(o.buyer, { creditOverLimit: 'approval' })).statusCode).toBe(403);
    expect((await put(admin, { creditOverLimit: 'sometimes' })).statusCode).toBe(400);
    expect((await put(admin, { creditOverLimit: 'approval' })).json()).toEqual({
      creditOverLimit: 'approval',
    });
    const sent = await o.place(
      o.buyer,
      org(o.dealerId),
      o.pickupOrder([{ variantId: v, quantity: 1 }], 'deferred'),
    );
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({ status: 'awaiting_approval', approvalState: 'pending' });
    expect(sent.json().approval.reasons[0]).toMatch(/^credit:/);
    await put(admin, { creditOverLimit: 'refuse' });
    await o.k.t.db.execute(sql`update companies set credit_limit = 50000000 where id = ${o.dealerId}`);
    const within = await o.place(
      o.buyer,
      org(o.dealerId),
      o.pickupOrder([{ variantId: v, quantity: 1 }], 'deferred'),
    );
    expect(within.json().status).toBe('confirmed');
  });

  it('checkout options: addresses, delivery quotes, payment methods, credit', async () => {
    const v = o.variants[0]?.id as string;
    const personal = await post(o.customer, '/api/v1/me/checkout/options', {
      lines: [{ variantId: v, quantity: 1 }],
    });
    expect(personal.statusCode).toBe(200);
    expect(personal.json()).toMatchObject({
      credit: null,
      approvalExpected: false,
      paymentMethods: ['card_online', 'cash_on_delivery', 'card_on_delivery'],
    });
    expect(personal.json().deliveryQuotes.some((q: { methodId: string }) => q.methodId === o.pickup.id)).toBe(
      true,
    );
    expect(personal.json().cart.itemsTotal).toBeGreaterThan(0);
    const company = (
      await post(o.buyer, `/api/v1/orgs/${o.dealerId}/checkout/options`, {
        lines: [{ variantId: v, quantity: 1 }],
      })
    ).json();
    expect(company.paymentMethods).toEqual(['invoice', 'deferred', 'card_online']);
    expect(company.credit.limit).toBe(50_000_000);
  });
});

describe('status notifications of a busy order flow', () => {
  it('gives each buyer one notification and one mail per order, when the jobs run as a batch', async () => {
    const v = o.variants[1]?.id as string;
    await o.setStock(v, 10);
    await o.k.t.drainJobs();
    const placed = [];
    for (let i = 0; i < 3; i++)
      placed.push((await o.place(o.customer, me, o.pickupOrder([{ variantId: v, quantity: 1 }]))).json());
    // The three orders' notify jobs are claimed together by one drain.
    await o.k.t.drainJobs();
    const notes = await queryRows<{ data: { orderId: string; status: string }; title_ru: string }>(
      o.k.t.db,
      sql`select data, title_ru from notifications where kind = 'order.status'
          and data->>'orderId' in (${sql.join(
            placed.map((p) => sql`${p.id}`),
            sql`, `,
          )})`,
    );
    expect(notes.map((n) => n.data.orderId).sort()).toEqual(placed.map((p) => p.id).sort());
    for (const p of placed)
      expect(notes.find((n) => n.data.orderId === p.id)?.title_ru).toBe(`Заказ ${p.number}: подтверждён`);
    const mails = await queryRows<{ subject: string }>(
      o.k.t.db,
      sql`select subject from dev_mailbox where "to" = ${demoPeople.customer.email}`,
    );
    for (const p of placed) expect(mails.filter((m) => m.subject.includes(p.number))).toHaveLength(1);
  });
});
