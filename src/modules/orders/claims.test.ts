import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureMember } from '../companies/companies.service.js';
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

let k: AftercareTestApp;
let admin: ReturnType<AftercareTestApp['as']>;
let support: ReturnType<AftercareTestApp['as']>;
let buyerCookie: string;
let buyer: ReturnType<AftercareTestApp['as']>;
let buyerId: string;
let dealerId: string;
let clientId: string;
let a: TestProduct;
let b: TestProduct;

/** A dealer order shipped in one shipment (line A fully, line B not at all). */
async function shippedOrder() {
  const order = await createTestOrder(k.t.db, {
    personId: buyerId,
    companyId: dealerId,
    status: 'assembling',
    lines: [
      { product: a, quantity: 3 },
      { product: b, quantity: 1 },
    ],
  });
  const shipment = await admin('POST', `/api/v1/admin/orders/${order.id}/shipments`, {
    trackingNumber: `CL-${order.number}`,
    lines: [{ lineId: order.lineIds[0], quantity: 3 }],
  });
  expect(shipment.statusCode).toBe(201);
  return { ...order, shipmentId: shipment.json().id as string };
}
const file = (
  orderId: string,
  data: unknown,
  files = [testFiles.png()],
  cookie = buyerCookie,
  orgId = dealerId,
) => k.multipart(cookie, `/api/v1/orgs/${orgId}/orders/${orderId}/claims`, data, files);

beforeAll(async () => {
  k = await aftercareTestApp();
  admin = k.as(await k.cookieOf(demoPeople.admin.email));
  support = k.as(await k.cookieOf(demoPeople.support.email));
  buyerCookie = await k.cookieOf(demoPeople.buyer.email);
  buyer = k.as(buyerCookie);
  buyerId = await k.personIdOf(demoPeople.buyer.email);
  dealerId = await k.companyIdOf(buyerCookie, demoCompanies.dealer.name);
  clientId = await k.companyIdOf(buyerCookie, demoCompanies.client.name);
  [a, b] = (await stockedProducts(k.t.db, 2)) as [TestProduct, TestProduct];
}, 60_000);
afterAll(async () => k?.t.close());

describe('filing a claim', () => {
  it('takes a claim with a photo and a PDF on shipped lines of a shipment, numbered <order>-C1', async () => {
    const order = await shippedOrder();
    const res = await file(
      order.id,
      {
        kind: 'damage',
        shipmentId: order.shipmentId,
        description: 'Коробки помяты, два фильтра треснули',
        requestedResolution: 'Замена',
        lines: [{ lineId: order.lineIds[0], quantity: 2 }],
      },
      [testFiles.png(), testFiles.pdf()],
    );
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      number: `${order.number}-C1`,
      status: 'submitted',
      kind: 'damage',
      shipmentId: order.shipmentId,
      lines: [{ sku: a.sku, quantity: 2 }],
    });
    expect(c.attachments.map((f: { contentType: string }) => f.contentType)).toEqual([
      'image/png',
      'application/pdf',
    ]);
    const pdf = await buyer('GET', c.attachments[1].url);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const list = (await buyer('GET', `/api/v1/orgs/${dealerId}/claims`)).json();
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([c.id]);
    expect((await buyer('GET', `/api/v1/orgs/${dealerId}/claims/${c.id}`)).json().number).toBe(c.number);
    expect((await buyer('GET', `/api/v1/orgs/${clientId}/claims/${c.id}`)).statusCode).toBe(404);
    expect((await buyer('GET', `/api/v1/orgs/${clientId}/claims`)).json().items).toEqual([]);
    const detail = (await admin('GET', `/api/v1/admin/orders/${order.id}`)).json();
    expect(detail.claims[0].id).toBe(c.id);
    expect(detail.timeline.at(-1)).toMatchObject({ kind: 'claim' });
  });

  it('refuses unshipped goods, other orders’ shipments, other companies and members without orders.place', async () => {
    const order = await shippedOrder();
    const unshipped = await file(order.id, {
      kind: 'shortage',
      description: 'Не пришёл фильтр',
      lines: [{ lineId: order.lineIds[1], quantity: 1 }],
    });
    expect(unshipped.statusCode).toBe(409);
    expect(unshipped.json()).toMatchObject({
      code: 'CLAIM_NOT_ALLOWED',
      errors: [{ path: 'data.lines.0.quantity' }],
    });
    const other = await shippedOrder();
    const foreignShipment = await file(order.id, {
      kind: 'defect',
      shipmentId: other.shipmentId,
      description: 'x',
    });
    expect(foreignShipment.statusCode).toBe(400);
    const fresh = await createTestOrder(k.t.db, {
      personId: buyerId,
      companyId: dealerId,
      lines: [{ product: a, quantity: 1 }],
    });
    expect((await file(fresh.id, { kind: 'defect', description: 'x' })).statusCode).toBe(409);
    // The buyer may only read in the client company: placing there is refused before anything is looked up.
    expect(
      (await file(order.id, { kind: 'defect', description: 'x' }, [], buyerCookie, clientId)).statusCode,
    ).toBe(403);
    expect((await file(order.id, { kind: 'defect', description: 'x' }, [], '')).statusCode).toBe(401);
    const viewerCookie = k.cookie;
    await ensureMember(k.t.db, dealerId, k.personId, 'viewer');
    expect((await file(order.id, { kind: 'defect', description: 'x' }, [], viewerCookie)).statusCode).toBe(
      403,
    );
    expect((await k.as(viewerCookie)('GET', `/api/v1/orgs/${dealerId}/claims`)).statusCode).toBe(200);
    expect((await file(order.id, { kind: 'unknown', description: 'x' })).statusCode).toBe(400);
    const exe = { field: 'files', name: 'act.exe', type: 'application/pdf', data: Buffer.from('MZ\x90\x00') };
    expect((await file(order.id, { kind: 'defect', description: 'x' }, [exe])).statusCode).toBe(415);
    const eleven = Array.from({ length: 11 }, () => testFiles.pdf());
    expect((await file(order.id, { kind: 'defect', description: 'x' }, eleven)).statusCode).toBe(400);
  });
});

describe('handling claims in the back office', () => {
  it('needs orders.manage and follows submitted → in_review → accepted → resolved, mailing the company', async () => {
    const order = await shippedOrder();
    const c = (await file(order.id, { kind: 'wrong_item', description: 'Прислали не тот артикул' })).json();
    await k.t.drainJobs();
    expect((await support('GET', '/api/v1/admin/claims')).statusCode).toBe(403);
    expect((await k.as(undefined)('GET', '/api/v1/admin/claims')).statusCode).toBe(401);
    const queue = (await admin('GET', '/api/v1/admin/claims?status=submitted')).json();
    expect(queue.items.map((x: { id: string }) => x.id)).toContain(c.id);
    const move = (status: string, managerAnswer?: string) =>
      admin('POST', `/api/v1/admin/claims/${c.id}/status`, {
        status,
        ...(managerAnswer ? { managerAnswer } : {}),
      });
    expect((await move('accepted')).statusCode).toBe(409);
    expect((await move('in_review')).json().status).toBe('in_review');
    await k.t.drainJobs();
    const accepted = await move('accepted', 'Отправим правильный артикул за наш счёт');
    expect(accepted.json()).toMatchObject({
      status: 'accepted',
      managerAnswer: 'Отправим правильный артикул за наш счёт',
    });
    expect((await k.latestMailTo(demoPeople.buyer.email))?.text).toContain('Отправим правильный артикул');
    expect((await move('resolved')).json().status).toBe('resolved');
    expect((await move('in_review')).statusCode).toBe(409);
    const seen = (await buyer('GET', `/api/v1/orgs/${dealerId}/claims/${c.id}`)).json();
    expect(seen).toMatchObject({
      status: 'resolved',
      managerAnswer: 'Отправим правильный артикул за наш счёт',
    });
    const o = (await admin('GET', `/api/v1/admin/orders/${order.id}`)).json();
    expect(o.timeline.filter((e: { kind: string }) => e.kind === 'claim')).toHaveLength(4);
  });
});
