import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../audit/audit.service.js';
import { stock } from '../catalog/catalog.tables.js';
import { companies } from '../companies/companies.tables.js';
import {
  type AftercareTestApp,
  aftercareTestApp,
  createTestOrder,
  demoCompanies,
  demoPeople,
  stockedProducts,
  type TestProduct,
} from './aftercare.testkit.js';

let k: AftercareTestApp;
let admin: ReturnType<AftercareTestApp['as']>;
let support: ReturnType<AftercareTestApp['as']>;
let buyer: ReturnType<AftercareTestApp['as']>;
let customer: ReturnType<AftercareTestApp['as']>;
let adminId: string;
let customerId: string;
let buyerId: string;
let dealerId: string;
let clientId: string;
let p: TestProduct[];
const missing = '0190e2a4-0000-7000-8000-000000000000';

const stockOf = async (variantId: string) => {
  const [row] = await k.t.db.select().from(stock).where(eq(stock.variantId, variantId));
  return { onHand: row?.onHand, reserved: row?.reserved };
};
const detail = async (id: string) => (await admin('GET', `/api/v1/admin/orders/${id}`)).json();

beforeAll(async () => {
  k = await aftercareTestApp();
  admin = k.as(await k.cookieOf(demoPeople.admin.email));
  support = k.as(await k.cookieOf(demoPeople.support.email));
  const buyerCookie = await k.cookieOf(demoPeople.buyer.email);
  buyer = k.as(buyerCookie);
  customer = k.as(k.cookie);
  adminId = await k.personIdOf(demoPeople.admin.email);
  customerId = k.personId;
  buyerId = await k.personIdOf(demoPeople.buyer.email);
  dealerId = await k.companyIdOf(buyerCookie, demoCompanies.dealer.name);
  clientId = await k.companyIdOf(buyerCookie, demoCompanies.client.name);
  p = await stockedProducts(k.t.db, 3);
}, 60_000);
afterAll(async () => k?.t.close());

describe('back-office access', () => {
  it('needs orders.manage: 401 anonymous, 403 support, 404 for a missing order', async () => {
    const feed = [{ trackingNumber: 'X', status: 'in_transit', at: '2026-12-07T08:00:00Z' }];
    for (const [method, url, body] of [
      ['GET', '/api/v1/admin/orders', undefined],
      ['GET', `/api/v1/admin/orders/${missing}`, undefined],
      ['POST', `/api/v1/admin/orders/${missing}/status`, { status: 'confirmed' }],
      ['PATCH', `/api/v1/admin/orders/${missing}`, { comment: 'x' }],
      ['POST', `/api/v1/admin/orders/${missing}/shipments`, { lines: [{ lineId: missing, quantity: 1 }] }],
      ['POST', `/api/v1/admin/shipments/${missing}/events`, { status: 'in_transit' }],
      ['POST', '/api/v1/admin/shipments/tracking-feed', feed],
      ['POST', `/api/v1/admin/orders/${missing}/refunds`, { amount: 1, reason: 'x' }],
    ] as const) {
      expect((await k.as(undefined)(method, url, body)).statusCode, url).toBe(401);
      expect((await support(method, url, body)).statusCode, url).toBe(403);
      if (url !== '/api/v1/admin/orders' && !url.endsWith('tracking-feed')) {
        expect((await admin(method, url, body)).statusCode, url).toBe(404);
      }
    }
    expect((await admin('GET', `/api/v1/admin/orders/${missing}`)).statusCode).toBe(404);
    expect(
      (await admin('POST', `/api/v1/admin/orders/${missing}/status`, { status: 'confirmed' })).statusCode,
    ).toBe(404);
    expect((await admin('GET', '/api/v1/admin/orders?status=bogus')).statusCode).toBe(400);
  });
});

describe('order list', () => {
  it('filters, paginates by keyset and puts my companies first', async () => {
    await k.t.db.update(companies).set({ managerId: null });
    await k.t.db.update(companies).set({ managerId: adminId }).where(eq(companies.id, clientId));
    const mineOrder = await createTestOrder(k.t.db, {
      personId: buyerId,
      companyId: clientId,
      lines: [{ product: p[2] as TestProduct, quantity: 1 }],
      createdAt: new Date('2026-01-01T10:00:00Z'),
    });
    const dealerOrder = await createTestOrder(k.t.db, {
      personId: buyerId,
      companyId: dealerId,
      lines: [{ product: p[0] as TestProduct, quantity: 2 }],
    });
    const personal = await createTestOrder(k.t.db, {
      personId: customerId,
      lines: [{ product: p[1] as TestProduct, quantity: 1 }],
    });
    const allRes = await admin('GET', '/api/v1/admin/orders?limit=100');
    expect(allRes.statusCode, allRes.body).toBe(200);
    const all = allRes.json();
    expect(all.items[0].id).toBe(personal.id);
    const mineRes = await admin('GET', '/api/v1/admin/orders?mine=1&limit=1');
    expect(mineRes.statusCode, mineRes.body).toBe(200);
    const mine = mineRes.json();
    expect(mine.items[0]).toMatchObject({
      id: mineOrder.id,
      companyName: demoCompanies.client.name,
      managerId: adminId,
    });
    const next = (await admin('GET', `/api/v1/admin/orders?mine=1&limit=1&cursor=${mine.nextCursor}`)).json();
    expect(next.items[0].id).toBe(personal.id);
    const byCompany = (await admin('GET', `/api/v1/admin/orders?companyId=${dealerId}`)).json();
    expect(byCompany.items.map((o: { id: string }) => o.id)).toEqual([dealerOrder.id]);
    const byProduct = (await admin('GET', `/api/v1/admin/orders?product=${p[1]?.productId}`)).json();
    expect(byProduct.items.map((o: { id: string }) => o.id)).toEqual([personal.id]);
    const byNumber = (
      await admin('GET', `/api/v1/admin/orders?number=${dealerOrder.number.slice(-6)}`)
    ).json();
    expect(byNumber.items.map((o: { id: string }) => o.id)).toEqual([dealerOrder.id]);
    const byPerson = (await admin('GET', `/api/v1/admin/orders?personId=${customerId}&status=new`)).json();
    expect(byPerson.items.map((o: { id: string }) => o.id)).toEqual([personal.id]);
    const byAmount = (await admin('GET', '/api/v1/admin/orders?minTotal=300000&maxTotal=300000')).json();
    expect(byAmount.items.map((o: { id: string }) => o.id)).toEqual([mineOrder.id]);
    const byPeriod = (await admin('GET', '/api/v1/admin/orders?from=2026-01-01&to=2026-01-01')).json();
    expect(byPeriod.items.map((o: { id: string }) => o.id)).toEqual([mineOrder.id]);
    const one = await detail(personal.id);
    expect(one).toMatchObject({
      number: personal.number,
      customerEmail: demoPeople.customer.email,
      companyName: null,
    });
  });
});

describe('status and editing', () => {
  it('edits before confirmation only: quantities, removal, a new priced line, delivery; stock follows', async () => {
    const [a, b, c] = p as [TestProduct, TestProduct, TestProduct];
    const before = { a: await stockOf(a.variantId), c: await stockOf(c.variantId) };
    const order = await createTestOrder(k.t.db, {
      personId: customerId,
      lines: [
        { product: a, quantity: 3 },
        { product: b, quantity: 1 },
      ],
    });
    const [lineA, lineB] = order.lineIds;
    const edited = await admin('PATCH', `/api/v1/admin/orders/${order.id}`, {
      lines: [
        { lineId: lineA, quantity: 5 },
        { lineId: lineB, quantity: 0 },
      ],
      // By SKU, as a manager types it (any case).
      addLines: [{ sku: c.sku.toLowerCase(), quantity: 2 }],
      deliveryCost: 500_00,
      comment: 'Позвонить заранее',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const o = edited.json();
    expect(o.lines.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity])).toEqual([
      [a.sku, 5],
      [c.sku, 2],
    ]);
    expect(o).toMatchObject({
      itemsTotal: a.price * 5 + c.price * 2,
      deliveryCost: 500_00,
      total: a.price * 5 + c.price * 2 + 500_00,
      lineCount: 2,
      comment: 'Позвонить заранее',
    });
    expect(o.timeline.at(-1)).toMatchObject({ kind: 'edit', actor: { kind: 'staff' } });
    expect((await stockOf(a.variantId)).reserved).toBe((before.a.reserved ?? 0) + 5);
    expect((await stockOf(c.variantId)).reserved).toBe((before.c.reserved ?? 0) + 2);
    const mail = await k.latestMailTo(demoPeople.customer.email);
    expect(mail?.subject).toContain(order.number);

    const unknownSku = await admin('PATCH', `/api/v1/admin/orders/${order.id}`, {
      addLines: [{ sku: 'NO-SUCH-SKU', quantity: 1 }],
    });
    expect(unknownSku.statusCode).toBe(400);
    expect(unknownSku.json().errors).toEqual([
      { path: 'addLines.0.sku', message: 'No product with this SKU' },
    ]);
    const both = await admin('PATCH', `/api/v1/admin/orders/${order.id}`, {
      addLines: [{ sku: c.sku, variantId: c.variantId, quantity: 1 }],
    });
    expect(both.statusCode).toBe(400);
    const tooMuch = await admin('PATCH', `/api/v1/admin/orders/${order.id}`, {
      lines: [{ lineId: lineA, quantity: 100_000 }],
    });
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json().code).toBe('OUT_OF_STOCK');

    const confirmed = await admin('POST', `/api/v1/admin/orders/${order.id}/status`, { status: 'confirmed' });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const late = await admin('PATCH', `/api/v1/admin/orders/${order.id}`, { comment: 'Поздно' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('ORDER_NOT_EDITABLE');
  });

  it('checks the lifecycle, refuses shipped without a shipment, audits and releases stock on cancel', async () => {
    const [a] = p as [TestProduct];
    const order = await createTestOrder(k.t.db, {
      personId: customerId,
      lines: [{ product: a, quantity: 1 }],
    });
    const reserved = (await stockOf(a.variantId)).reserved ?? 0;
    expect(
      (await admin('POST', `/api/v1/admin/orders/${order.id}/status`, { status: 'delivered' })).statusCode,
    ).toBe(409);
    const shipped = await admin('POST', `/api/v1/admin/orders/${order.id}/status`, { status: 'shipped' });
    expect(shipped.json().code).toBe('ORDER_STATUS_CONFLICT');
    const cancel = await admin('POST', `/api/v1/admin/orders/${order.id}/status`, {
      status: 'cancelled',
      note: 'Клиент передумал',
    });
    expect(cancel.json()).toMatchObject({ status: 'cancelled', cancelReason: 'Клиент передумал' });
    expect((await stockOf(a.variantId)).reserved).toBe(reserved - 1);
    const audit = await listAudit(k.t.db, { limit: 10, action: 'orders.status' });
    expect(audit.items.some((e: { subject: string | null }) => e.subject === order.id)).toBe(true);
  });
});

describe('shipments and tracking', () => {
  it('ships in two shipments, refuses more than is left, and delivers when both arrive', async () => {
    const [a, b] = p as [TestProduct, TestProduct];
    const order = await createTestOrder(k.t.db, {
      personId: customerId,
      status: 'assembling',
      lines: [
        { product: a, quantity: 4 },
        { product: b, quantity: 2 },
      ],
    });
    const [lineA, lineB] = order.lineIds;
    const onHand = (await stockOf(a.variantId)).onHand ?? 0;
    const first = await admin('POST', `/api/v1/admin/orders/${order.id}/shipments`, {
      carrier: 'СДЭК',
      trackingNumber: 'CDEK-1',
      expectedDate: '2026-12-20',
      lines: [{ lineId: lineA, quantity: 4 }],
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      number: `${order.number}/1`,
      status: 'handed_over',
      trackingNumber: 'CDEK-1',
    });
    expect((await stockOf(a.variantId)).onHand).toBe(onHand - 4);
    expect((await detail(order.id)).status).toBe('shipped');
    const tooLarge = await admin('POST', `/api/v1/admin/orders/${order.id}/shipments`, {
      lines: [{ lineId: lineA, quantity: 1 }],
    });
    expect(tooLarge.statusCode).toBe(409);
    expect(tooLarge.json()).toMatchObject({
      code: 'SHIPMENT_TOO_LARGE',
      errors: [{ path: 'lines.0.quantity' }],
    });
    const second = await admin('POST', `/api/v1/admin/orders/${order.id}/shipments`, {
      carrier: 'ПЭК',
      trackingNumber: 'PEK-2',
      lines: [{ lineId: lineB, quantity: 2 }],
    });
    expect(second.json().number).toBe(`${order.number}/2`);

    const s1 = first.json().id;
    const moving = await admin('POST', `/api/v1/admin/shipments/${s1}/events`, {
      status: 'in_transit',
      location: 'Тверь',
      lat: 56.86,
      lon: 35.9,
    });
    expect(moving.statusCode, moving.body).toBe(201);
    expect(moving.json()).toMatchObject({
      status: 'in_transit',
      lastLocation: { name: 'Тверь', lat: 56.86 },
    });
    expect(
      (await admin('POST', `/api/v1/admin/shipments/${s1}/events`, { status: 'in_transit', lat: 1 }))
        .statusCode,
    ).toBe(400);
    await admin('POST', `/api/v1/admin/shipments/${s1}/events`, {
      status: 'delivered',
      location: 'Москва',
      lat: 55.75,
      lon: 37.62,
    });
    expect((await detail(order.id)).status).toBe('shipped');
    await admin('POST', `/api/v1/admin/shipments/${second.json().id}/events`, { status: 'delivered' });
    const done = await detail(order.id);
    expect(done.status).toBe('delivered');
    expect(done.holdsStock).toBeUndefined();
    expect(done.lines.map((l: { shippedQuantity: number }) => l.shippedQuantity)).toEqual([4, 2]);

    const tracking = await customer('GET', `/api/v1/me/orders/${order.id}/tracking`);
    expect(tracking.statusCode).toBe(200);
    expect(tracking.json().shipments[0].events.map((e: { status: string }) => e.status)).toEqual([
      'handed_over',
      'in_transit',
      'delivered',
    ]);
    expect((await buyer('GET', `/api/v1/me/orders/${order.id}/tracking`)).statusCode).toBe(404);
    expect((await buyer('GET', `/api/v1/orgs/${dealerId}/orders/${order.id}/tracking`)).statusCode).toBe(404);
    expect((await k.as(undefined)('GET', `/api/v1/me/orders/${order.id}/tracking`)).statusCode).toBe(401);
  });

  it('applies a carrier feed idempotently and shows company tracking to the company only', async () => {
    const [a] = p as [TestProduct];
    const order = await createTestOrder(k.t.db, {
      personId: buyerId,
      companyId: dealerId,
      status: 'assembling',
      lines: [{ product: a, quantity: 1 }],
    });
    const shipment = await admin('POST', `/api/v1/admin/orders/${order.id}/shipments`, {
      trackingNumber: 'FEED-7',
      lines: [{ lineId: order.lineIds[0], quantity: 1 }],
    });
    expect(shipment.statusCode).toBe(201);
    const feed = [
      {
        trackingNumber: 'FEED-7',
        status: 'in_transit',
        at: '2026-12-07T08:00:00Z',
        location: 'Казань',
        lat: 55.79,
        lon: 49.12,
      },
      {
        trackingNumber: 'FEED-7',
        status: 'at_pickup_point',
        at: '2026-12-08T08:00:00+03:00',
        location: 'Самара',
        lat: 53.2,
        lon: 50.15,
      },
      { trackingNumber: 'UNKNOWN-1', status: 'in_transit', at: '2026-12-07T08:00:00Z' },
    ];
    const once = await admin('POST', '/api/v1/admin/shipments/tracking-feed', feed);
    expect(once.statusCode, once.body).toBe(200);
    expect(once.json()).toEqual({ applied: 2, duplicates: 0, unknown: ['UNKNOWN-1'] });
    const twice = await admin('POST', '/api/v1/admin/shipments/tracking-feed', feed);
    expect(twice.json()).toEqual({ applied: 0, duplicates: 2, unknown: ['UNKNOWN-1'] });
    const tracking = await buyer('GET', `/api/v1/orgs/${dealerId}/orders/${order.id}/tracking`);
    expect(tracking.statusCode).toBe(200);
    const [s] = tracking.json().shipments;
    expect(s.events).toHaveLength(3);
    expect(s).toMatchObject({
      status: 'at_pickup_point',
      lastLocation: { name: 'Самара', lat: 53.2, lon: 50.15 },
    });
    expect((await buyer('GET', `/api/v1/orgs/${clientId}/orders/${order.id}/tracking`)).statusCode).toBe(404);
    expect((await customer('GET', `/api/v1/me/orders/${order.id}/tracking`)).statusCode).toBe(404);
  });
});

describe('refunds', () => {
  it('refunds a card order through the dev provider and refuses others', async () => {
    const [a] = p as [TestProduct];
    const order = await createTestOrder(k.t.db, {
      personId: customerId,
      status: 'paid',
      paymentMethod: 'card_online',
      lines: [{ product: a, quantity: 1 }],
    });
    const payment = await k.paidPayment(order.id, order.total);
    expect(payment.status).toBe('succeeded');
    const { orders } = await import('./orders.tables.js');
    await k.t.db
      .update(orders)
      .set({ paymentId: payment.id, paidAmount: order.total })
      .where(and(eq(orders.id, order.id)));
    const refund = await admin('POST', `/api/v1/admin/orders/${order.id}/refunds`, {
      amount: 300_00,
      reason: 'Скидка за задержку',
    });
    expect(refund.statusCode, refund.body).toBe(201);
    expect(refund.json()).toMatchObject({ amount: 300_00, status: 'succeeded' });
    expect(await detail(order.id)).toMatchObject({
      refundedAmount: 300_00,
      paymentState: 'partially_refunded',
    });
    const tooMuch = await admin('POST', `/api/v1/admin/orders/${order.id}/refunds`, {
      amount: order.total,
      reason: 'Всё',
    });
    expect(tooMuch.json().code).toBe('REFUND_TOO_LARGE');
    const cash = await createTestOrder(k.t.db, {
      personId: customerId,
      lines: [{ product: a, quantity: 1 }],
    });
    const refused = await admin('POST', `/api/v1/admin/orders/${cash.id}/refunds`, {
      amount: 100,
      reason: 'x',
    });
    expect(refused.json().code).toBe('ORDER_NOT_REFUNDABLE');
  });

  it('sends back by itself, once, a card payment that succeeds after the order was cancelled', async () => {
    const [a] = p as [TestProduct];
    const order = await createTestOrder(k.t.db, {
      personId: customerId,
      status: 'cancelled',
      paymentMethod: 'card_online',
      lines: [{ product: a, quantity: 1 }],
    });
    // The customer still had the provider's page open and paid there.
    const payment = await k.paidPayment(order.id, order.total, { linked: true });
    await k.t.drainJobs();
    const after = await detail(order.id);
    expect(after).toMatchObject({
      status: 'cancelled',
      paidAmount: order.total,
      refundedAmount: order.total,
      paymentState: 'refunded',
    });
    expect(after.timeline.filter((e: { note: string | null }) => e.note?.startsWith('refund'))).toHaveLength(
      1,
    );
    const { paymentOf } = await import('../payments/payments.service.js');
    expect((await paymentOf(k.t.db, payment.id)).refundedAmount).toBe(order.total);
  });
});
