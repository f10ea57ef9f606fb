import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AftercareTestApp,
  aftercareTestApp,
  createTestOrder,
  demoCompanies,
  demoPeople,
  stockedProducts,
  type TestProduct,
  testFiles,
} from './aftercare.testkit.js';
import { orders } from './orders.tables.js';
import { returnWindowDays } from './returns.service.js';

let k: AftercareTestApp;
let admin: ReturnType<AftercareTestApp['as']>;
let support: ReturnType<AftercareTestApp['as']>;
let customer: ReturnType<AftercareTestApp['as']>;
let buyerCookie: string;
let buyerId: string;
let dealerId: string;
let a: TestProduct;
let b: TestProduct;

const delivered = (extra: Partial<Parameters<typeof createTestOrder>[1]> = {}) =>
  createTestOrder(k.t.db, {
    personId: k.personId,
    status: 'delivered',
    lines: [
      { product: a, quantity: 2 },
      { product: b, quantity: 1 },
    ],
    ...extra,
  });
const ask = (
  orderId: string,
  data: unknown,
  files = [testFiles.png()],
  cookie: string | undefined = k.cookie,
) => k.multipart(cookie, `/api/v1/me/orders/${orderId}/returns`, data, files);

beforeAll(async () => {
  k = await aftercareTestApp();
  admin = k.as(await k.cookieOf(demoPeople.admin.email));
  support = k.as(await k.cookieOf(demoPeople.support.email));
  customer = k.as(k.cookie);
  buyerCookie = await k.cookieOf(demoPeople.buyer.email);
  buyerId = await k.personIdOf(demoPeople.buyer.email);
  dealerId = await k.companyIdOf(buyerCookie, demoCompanies.dealer.name);
  [a, b] = (await stockedProducts(k.t.db, 2)) as [TestProduct, TestProduct];
}, 60_000);
afterAll(async () => k?.t.close());

describe('filing a return', () => {
  it('takes a request with a photo for a delivered order, numbered <order>-R1, and mails the customer', async () => {
    const order = await delivered();
    const res = await ask(order.id, {
      kind: 'refund',
      reason: 'Не подошёл размер',
      lines: [{ lineId: order.lineIds[0], quantity: 1 }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({
      number: `${order.number}-R1`,
      status: 'requested',
      amount: a.price,
      orderNumber: order.number,
      lines: [{ sku: a.sku, quantity: 1 }],
    });
    expect(r.attachments).toHaveLength(1);
    const file = await customer('GET', r.attachments[0].url);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(testFiles.png().data)).toBe(true);
    expect((await k.as(buyerCookie)('GET', r.attachments[0].url)).statusCode).toBe(404);
    expect((await k.as(buyerCookie)('GET', `/api/v1/me/returns/${r.id}`)).statusCode).toBe(404);
    expect((await k.as(undefined)('GET', `/api/v1/me/returns/${r.id}`)).statusCode).toBe(401);
    const mine = (await customer('GET', '/api/v1/me/returns')).json();
    expect(mine.items.map((x: { id: string }) => x.id)).toContain(r.id);
    expect((await customer('GET', `/api/v1/me/returns/${r.id}`)).json().number).toBe(r.number);
    const mail = await k.latestMailTo(demoPeople.customer.email);
    expect(mail?.subject).toContain(r.number);
    const detail = (await admin('GET', `/api/v1/admin/orders/${order.id}`)).json();
    expect(detail.timeline.at(-1)).toMatchObject({ kind: 'return' });
    expect(detail.returns[0].id).toBe(r.id);
  });

  it('allows at most delivered minus already returned, within the window, on delivered orders only', async () => {
    const order = await delivered();
    const [lineA] = order.lineIds;
    const tooMany = await ask(order.id, { reason: 'x', lines: [{ lineId: lineA, quantity: 3 }] });
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json()).toMatchObject({
      code: 'RETURN_NOT_ALLOWED',
      errors: [{ path: 'data.lines.0.quantity' }],
    });
    expect((await ask(order.id, { reason: 'x', lines: [{ lineId: lineA, quantity: 2 }] })).statusCode).toBe(
      201,
    );
    expect((await ask(order.id, { reason: 'x', lines: [{ lineId: lineA, quantity: 1 }] })).statusCode).toBe(
      409,
    );

    const old = await delivered({ deliveredAt: new Date(Date.now() - (returnWindowDays + 1) * 86_400_000) });
    const late = await ask(old.id, { reason: 'x', lines: [{ lineId: old.lineIds[0], quantity: 1 }] });
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toContain(`${returnWindowDays} days`);

    const fresh = await createTestOrder(k.t.db, {
      personId: k.personId,
      lines: [{ product: a, quantity: 1 }],
    });
    expect(
      (await ask(fresh.id, { reason: 'x', lines: [{ lineId: fresh.lineIds[0], quantity: 1 }] })).statusCode,
    ).toBe(409);

    const company = await delivered({ personId: buyerId, companyId: dealerId });
    const body = { reason: 'x', lines: [{ lineId: company.lineIds[0], quantity: 1 }] };
    expect((await ask(company.id, body, [], buyerCookie)).statusCode).toBe(404);
    expect((await ask(order.id, body, [], buyerCookie)).statusCode).toBe(404);
    expect((await ask(order.id, body, [], '')).statusCode).toBe(401);
  });

  it('refuses files that are not photos, too large or too many, and bad data, with a clear error', async () => {
    const order = await delivered();
    const data = { reason: 'Брак', lines: [{ lineId: order.lineIds[1], quantity: 1 }] };
    const fake = await ask(order.id, data, [testFiles.fakePng()]);
    expect(fake.statusCode).toBe(415);
    expect(fake.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', errors: [{ path: 'files.0' }] });
    expect(fake.json().detail).toContain('virus.png');
    const pdf = await ask(order.id, data, [testFiles.pdf()]);
    expect(pdf.statusCode).toBe(415);
    const big = testFiles.png();
    big.data = Buffer.concat([big.data, Buffer.alloc(10 * 1024 * 1024, 1)]);
    const huge = await ask(order.id, data, [big]);
    expect(huge.statusCode).toBe(413);
    expect(huge.json().detail).toContain('10 MB');
    const six = await ask(
      order.id,
      data,
      Array.from({ length: 6 }, () => testFiles.png()),
    );
    expect(six.statusCode).toBe(400);
    expect((await ask(order.id, '{not json', [])).statusCode).toBe(400);
    const invalid = await ask(order.id, { reason: '', lines: [] }, []);
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().errors.map((e: { path: string }) => e.path)).toEqual(['data.reason', 'data.lines']);
    expect((await customer('POST', `/api/v1/me/orders/${order.id}/returns`, data)).statusCode).toBe(415);
    // Nothing was stored by the refusals.
    expect((await ask(order.id, data, [])).json().number).toBe(`${order.number}-R1`);
  });
});

describe('handling returns in the back office', () => {
  it('needs orders.manage and follows requested → approved → received → refunded → closed', async () => {
    const order = await delivered({ paymentMethod: 'card_online' });
    const payment = await k.paidPayment(order.id, order.total);
    await k.t.db
      .update(orders)
      .set({ paymentId: payment.id, paidAmount: order.total })
      .where(eq(orders.id, order.id));
    const r = (
      await ask(order.id, { reason: 'Брак', lines: [{ lineId: order.lineIds[1], quantity: 1 }] })
    ).json();
    await k.t.drainJobs();
    expect((await support('GET', '/api/v1/admin/returns')).statusCode).toBe(403);
    expect((await k.as(undefined)('GET', '/api/v1/admin/returns')).statusCode).toBe(401);
    const queue = (await admin('GET', '/api/v1/admin/returns?status=requested')).json();
    expect(queue.items.map((x: { id: string }) => x.id)).toContain(r.id);
    const move = (status: string, managerComment?: string) =>
      admin('POST', `/api/v1/admin/returns/${r.id}/status`, {
        status,
        ...(managerComment ? { managerComment } : {}),
      });
    expect((await move('received')).statusCode).toBe(409);
    expect((await move('approved', 'Привезите в пункт выдачи')).json()).toMatchObject({
      status: 'approved',
      managerComment: 'Привезите в пункт выдачи',
    });
    expect((await k.latestMailTo(demoPeople.customer.email))?.text).toContain('Привезите в пункт выдачи');
    await move('received');
    const refunded = await move('refunded');
    expect(refunded.statusCode, refunded.body).toBe(200);
    expect(refunded.json()).toMatchObject({ status: 'refunded', refundedAmount: b.price });
    const o = (await admin('GET', `/api/v1/admin/orders/${order.id}`)).json();
    expect(o).toMatchObject({ refundedAmount: b.price, paymentState: 'partially_refunded' });
    expect(o.timeline.filter((e: { kind: string }) => e.kind === 'return')).toHaveLength(4);
    expect((await move('closed')).json().status).toBe('closed');
    expect(
      (
        await admin('POST', '/api/v1/admin/returns/0190e2a4-0000-7000-8000-000000000000/status', {
          status: 'closed',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('records the refund of an order not paid by card without the provider', async () => {
    const order = await delivered();
    const r = (
      await ask(order.id, { reason: 'Брак', lines: [{ lineId: order.lineIds[0], quantity: 2 }] })
    ).json();
    for (const status of ['approved', 'received', 'refunded']) {
      await admin('POST', `/api/v1/admin/returns/${r.id}/status`, { status });
    }
    const done = (await admin('GET', `/api/v1/admin/returns/${r.id}`)).json();
    expect(done).toMatchObject({ status: 'refunded', refundedAmount: a.price * 2 });
  });
});
