import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSellerRequisites } from '../../db/seed/demo-data.js';
import { storageFor } from '../../server/core/storage.js';
import {
  type CompaniesTestApp,
  companiesTestApp,
  demoCompanies,
  demoPeople,
  origin,
} from '../companies/companies.testkit.js';
import { createAccount } from '../exchange1c/exchange1c.accounts.js';
import { createTestOrder, stockedProducts, type TestProduct } from '../orders/aftercare.testkit.js';
import { orderLines } from '../orders/orders.tables.js';
import { users } from '../people/people.tables.js';
import { documents } from './documents.tables.js';
import { pdfText } from './testkit/pdf-text.js';
import { retryFailedUpds, updForShipmentJob } from './upd.generate.js';

let k: CompaniesTestApp;
let buyer: string;
let dealerId: string;
let supplierId: string;
let personId: string;
let products: TestProduct[];
let integration: string;

const seller = '/api/v1/admin/settings/seller';
const docsOf = (orgId: string, query = '') => `/api/v1/orgs/${orgId}/documents${query}`;
const silent = { warn: () => undefined };

/** An assembling order of the dealer: 2 × p0 and 1 × p1 at 20 % VAT, delivery 350 ₽. */
async function assemblingOrder(companyId = dealerId) {
  const [p0, p1] = products as [TestProduct, TestProduct];
  const order = await createTestOrder(k.t.db, {
    personId,
    companyId,
    status: 'assembling',
    deliveryCost: 350_00,
    lines: [
      { product: p0, quantity: 2 },
      { product: p1, quantity: 1 },
    ],
  });
  await k.t.db.update(orderLines).set({ vatRate: 20 }).where(eq(orderLines.orderId, order.id));
  return order;
}

async function ship(orderId: string, lines: { lineId: string; quantity: number }[]) {
  const res = await k.as(k.operator)('POST', `/api/v1/admin/orders/${orderId}/shipments`, { lines });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function updsOf(shipmentId: string) {
  return k.t.db
    .select()
    .from(documents)
    .where(and(eq(documents.shipmentId, shipmentId), eq(documents.kind, 'upd')));
}

async function fileText(orgId: string, documentId: string, cookie = buyer) {
  const res = await k.as(cookie)('GET', `${docsOf(orgId)}/${documentId}/file`);
  expect(res.statusCode, res.body).toBe(200);
  return (await pdfText(res.rawPayload)).text;
}

const vat20 = (amount: number) => Math.round((amount * 20) / 120);

beforeAll(async () => {
  k = await companiesTestApp();
  buyer = await k.cookieOf(demoPeople.buyer.email);
  dealerId = await k.companyIdOf(buyer, demoCompanies.dealer.name);
  const supplierOwner = await k.cookieOf(demoPeople.supplier.email);
  supplierId = await k.companyIdOf(supplierOwner, demoCompanies.supplier.name);
  const [person] = await k.t.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, demoPeople.buyer.email));
  personId = person?.id as string;
  products = await stockedProducts(k.t.db, 2);
  const { password } = await createAccount(k.t.db, { login: 'erp', name: 'ERP' }, 'test');
  integration = `Basic ${Buffer.from(`erp:${password}`).toString('base64')}`;
});
afterAll(async () => k?.t.close());

describe('УПД of a shipment', () => {
  it('is generated once per shipment by the job: numbered, with the shipped lines, delivery on the first', async () => {
    const [p0, p1] = products as [TestProduct, TestProduct];
    const order = await assemblingOrder();
    const first = await ship(order.id, [{ lineId: order.lineIds[0] as string, quantity: 1 }]);
    await k.t.drainJobs();
    const [upd, ...more] = await updsOf(first);
    expect(more).toEqual([]);
    expect(upd).toMatchObject({ number: '1', orderId: order.id, status: 'issued', source: 'generated' });
    expect(upd?.amount).toBe(p0.price + 350_00);
    expect(upd?.vatAmount).toBe(vat20(p0.price) + vat20(350_00));
    // A repeated job (the event delivered twice) does nothing.
    expect(await updForShipmentJob(k.t.db, storageFor(k.t.app.kabinet.config), first, silent)).toBe('exists');
    expect(await updsOf(first)).toHaveLength(1);

    const text = await fileText(dealerId, upd?.id as string);
    expect(text).toContain('Универсальный передаточный документ');
    expect(text).toContain('Счет-фактура № 1 от');
    expect(text).toContain(`Заказ № ${order.number}`);
    expect(text).toContain(`Отгрузка № ${order.number}/1`);
    expect(text).toContain('ООО «ВодоСервис»');
    expect(text).toContain(p0.name);
    expect(text).toContain('Доставка (Курьер)');
    expect(text).not.toContain(p1.name);

    const second = await ship(order.id, [
      { lineId: order.lineIds[0] as string, quantity: 1 },
      { lineId: order.lineIds[1] as string, quantity: 1 },
    ]);
    await k.t.drainJobs();
    const [upd2] = await updsOf(second);
    expect(upd2).toMatchObject({ number: '2', amount: p0.price + p1.price });
    const list = await k.as(buyer)('GET', docsOf(dealerId, `?kind=upd&orderId=${order.id}`));
    expect(
      list
        .json()
        .items.map((d: { shipmentId: string }) => d.shipmentId)
        .sort(),
    ).toEqual([first, second].sort());
  });

  it('records missing requisites instead of failing, and is generated by the retry once they are filled', async () => {
    const cleared = await k.as(k.operator)('PUT', seller, {
      ...demoSellerRequisites,
      signatories: { ...demoSellerRequisites.signatories, accountant: { name: '' } },
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    const order = await assemblingOrder();
    const shipment = await ship(order.id, [{ lineId: order.lineIds[1] as string, quantity: 1 }]);
    await k.t.drainJobs();
    expect(await updsOf(shipment)).toEqual([]);
    const failures = await k.as(k.operator)('GET', '/api/v1/admin/documents/failures');
    expect(failures.statusCode).toBe(200);
    const failure = failures.json().items.find((f: { subjectId: string }) => f.subjectId === shipment);
    expect(failure).toMatchObject({ kind: 'upd', companyId: dealerId, orderId: order.id });
    expect(failure.fields).toContain('sellerSignatories.accountant');
    // The staff route says the same as a 400, and still numbers nothing.
    const staff = await k.as(k.operator)('POST', `/api/v1/admin/shipments/${shipment}/upd`, {});
    expect(staff.statusCode, staff.body).toBe(400);
    expect(staff.json().code).toBe('MISSING_REQUISITES');
    expect(staff.json().detail).toContain("the chief accountant's name");

    expect((await k.as(k.operator)('PUT', seller, demoSellerRequisites)).statusCode).toBe(200);
    expect(await retryFailedUpds(k.t.db, storageFor(k.t.app.kabinet.config), silent)).toBeGreaterThanOrEqual(
      1,
    );
    const [upd] = await updsOf(shipment);
    expect(upd?.number).toBe('3');
    const after = await k.as(k.operator)('GET', '/api/v1/admin/documents/failures');
    expect(after.json().items.map((f: { subjectId: string }) => f.subjectId)).not.toContain(shipment);
  });

  it('is returned or replaced on a staff request, and needs orders.manage', async () => {
    const order = await assemblingOrder();
    const shipment = await ship(order.id, [{ lineId: order.lineIds[0] as string, quantity: 2 }]);
    await k.t.drainJobs();
    const url = `/api/v1/admin/shipments/${shipment}/upd`;
    const again = await k.as(k.operator)('POST', url, {});
    expect(again.statusCode, again.body).toBe(200);
    const replaced = await k.as(k.operator)('POST', url, { replace: true });
    expect(replaced.statusCode, replaced.body).toBe(201);
    expect(replaced.json().number).not.toBe(again.json().number);
    const rows = await updsOf(shipment);
    expect(rows.map((r) => r.status).sort()).toEqual(['cancelled', 'issued']);
    expect((await k.as(buyer)('POST', url, {})).statusCode).toBe(403);
    const unknown = await k.as(k.operator)(
      'POST',
      '/api/v1/admin/shipments/0190e2a4-0000-7000-8000-000000000000/upd',
      {},
    );
    expect(unknown.statusCode).toBe(404);
  });
});

describe('service act', () => {
  it('is issued by staff for a company: numbered, stored, with the lines and VAT', async () => {
    const url = `/api/v1/admin/companies/${dealerId}/documents/acts`;
    const res = await k.as(k.operator)('POST', url, {
      basis: 'Договор № 5 от 01.01.2025',
      lines: [
        { name: 'Монтаж системы водоочистки', quantity: 1, unit: 'усл', price: 12_000_00 },
        { name: 'Выезд инженера', quantity: 2, price: 1_500_00, vatRate: null },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'act', number: '1', amount: 15_000_00, vatAmount: 2_000_00 });
    const text = await fileText(dealerId, res.json().id);
    expect(text).toContain('Акт № 1 от');
    expect(text).toContain('Монтаж системы водоочистки');
    expect(text).toContain('Договор № 5 от 01.01.2025');
    expect(text).toContain('Итого: 15 000,00');
    const second = await k.as(k.operator)('POST', url, {
      lines: [{ name: 'Консультация', quantity: 1, price: 100 }],
    });
    expect(second.json().number).toBe('2');
    const bad = await k.as(k.operator)('POST', url, { lines: [] });
    expect(bad.statusCode).toBe(400);
    expect(
      (await k.as(buyer)('POST', url, { lines: [{ name: 'x', quantity: 1, price: 1 }] })).statusCode,
    ).toBe(403);
  });
});

describe('order confirmation', () => {
  const url = () => `/api/v1/orgs/${dealerId}/documents/order-confirmations`;

  it('is issued once per order, in Russian or English, and refused for an unconfirmed order', async () => {
    const order = await assemblingOrder();
    const res = await k.as(buyer)('POST', url(), { orderId: order.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'order_confirmation', number: '1', orderId: order.id });
    const repeat = await k.as(buyer)('POST', url(), { orderId: order.id, language: 'en' });
    expect(repeat.statusCode).toBe(200);
    expect(repeat.json().id).toBe(res.json().id);
    const ru = await fileText(dealerId, res.json().id);
    expect(ru).toContain('Подтверждение заказа № 1 от');
    expect(ru).toContain(`к заказу № ${order.number}`);
    expect(ru).toContain('Доставка (Курьер)');

    const other = await assemblingOrder();
    const en = await k.as(buyer)('POST', url(), { orderId: other.id, language: 'en' });
    expect(en.statusCode, en.body).toBe(201);
    const text = await fileText(dealerId, en.json().id);
    expect(text).toContain('Order confirmation No. 2 of');
    expect(text).toContain(`for order No. ${other.number}`);

    const fresh = await createTestOrder(k.t.db, {
      personId,
      companyId: dealerId,
      status: 'new',
      lines: [{ product: products[0] as TestProduct, quantity: 1 }],
    });
    const refused = await k.as(buyer)('POST', url(), { orderId: fresh.id });
    expect(refused.statusCode).toBe(409);
    const foreign = await assemblingOrder(supplierId);
    expect((await k.as(buyer)('POST', url(), { orderId: foreign.id })).statusCode).toBe(404);
    expect((await k.as(buyer)('POST', url(), { orderId: 'nope' })).statusCode).toBe(400);
  });
});

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);

function upload(companyId: string, data: object | string, file: { name: string; body: Buffer }) {
  const boundary = `----kabinet${Date.now()}`;
  const json = typeof data === 'string' ? data : JSON.stringify(data);
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${json}\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    file.body,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return k.t.app.inject({
    method: 'POST',
    url: `/api/v1/admin/companies/${companyId}/documents/upload`,
    payload,
    headers: { origin, cookie: k.operator, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

describe('staff upload', () => {
  const fields = { kind: 'upd', number: 'ВС-17', date: '2026-03-02', amount: 5_000_00, vatAmount: 833_33 };

  it('stores a PDF for the company, visible to it, once per kind, number and date', async () => {
    const res = await upload(dealerId, fields, { name: 'upd-17.pdf', body: pdf('upd 17') });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ source: 'upload', kind: 'upd', number: 'ВС-17', amount: 5_000_00 });
    const file = await k.as(buyer)('GET', `${docsOf(dealerId)}/${res.json().id}/file`);
    expect(file.rawPayload.equals(pdf('upd 17'))).toBe(true);
    const twice = await upload(dealerId, fields, { name: 'upd-17.pdf', body: pdf('upd 17') });
    expect(twice.statusCode).toBe(409);
  });

  it('refuses what is not a PDF, too large, or with bad fields', async () => {
    const png = await upload(dealerId, fields, {
      name: 'scan.pdf',
      body: Buffer.from('\x89PNG\r\n\x1a\n0000'),
    });
    expect(png.statusCode).toBe(415);
    const big = Buffer.concat([pdf('big'), Buffer.alloc(10 * 1024 * 1024 + 1)]);
    expect((await upload(dealerId, fields, { name: 'big.pdf', body: big })).statusCode).toBe(413);
    const badDate = await upload(
      dealerId,
      { ...fields, date: '2026-02-30' },
      { name: 'a.pdf', body: pdf('a') },
    );
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().errors[0].path).toBe('data.date');
    const noOrder = await upload(
      dealerId,
      { ...fields, number: 'ВС-18', orderNumber: 'K-0000' },
      {
        name: 'a.pdf',
        body: pdf('a'),
      },
    );
    expect(noOrder.statusCode).toBe(400);
    expect(noOrder.json().errors[0].path).toBe('data.orderNumber');
  });
});

describe('REST import of documents', () => {
  const url = '/api/v1/import/documents';
  const send = (body: object, authorization: string | undefined = integration) =>
    k.t.app.inject({
      method: 'POST',
      url,
      payload: body,
      headers: authorization ? { authorization } : {},
    });
  const dealer = { inn: demoCompanies.dealer.inn, kpp: demoCompanies.dealer.kpp };
  const item = (externalId: string, extra: object = {}) => ({
    externalId,
    company: dealer,
    kind: 'invoice',
    number: `1С-${externalId}`,
    date: '2026-03-10',
    amount: 1_200_00,
    vatAmount: 200_00,
    ...extra,
  });

  it('needs an integration account', async () => {
    expect((await send({ documents: [item('x')] }, '')).statusCode).toBe(401);
    const wrong = `Basic ${Buffer.from('erp:wrong').toString('base64')}`;
    expect((await send({ documents: [item('x')] }, wrong)).statusCode).toBe(401);
    const asStaff = await k.as(k.operator)('POST', url, { documents: [item('x')] });
    expect(asStaff.statusCode).toBe(401);
  });

  it('creates, then reports unchanged on a repeat, and updates only what changed', async () => {
    const order = await assemblingOrder();
    const batch = {
      documents: [
        item('a-1', {
          file: pdf('a-1').toString('base64'),
          fileName: 'Счет 1.pdf',
          orderNumber: order.number,
        }),
        item('a-2', { kind: 'act' }),
      ],
    };
    const first = await send(batch);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const [withFile, withoutFile] = first.json().items;
    const doc = await k.as(buyer)('GET', `${docsOf(dealerId)}/${withFile.id}`);
    expect(doc.json()).toMatchObject({
      source: '1c',
      orderId: order.id,
      hasFile: true,
      fileName: 'Счет 1.pdf',
    });
    const file = await k.as(buyer)('GET', `${docsOf(dealerId)}/${withFile.id}/file`);
    expect(file.rawPayload.equals(pdf('a-1'))).toBe(true);
    expect((await k.as(buyer)('GET', `${docsOf(dealerId)}/${withoutFile.id}/file`)).statusCode).toBe(404);

    const repeat = await send(batch);
    expect(repeat.json()).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const changed = await send({
      documents: [batch.documents[0], { ...batch.documents[1], amount: 1_300_00, status: 'paid' }],
    });
    expect(changed.json()).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect(changed.json().items[1]).toMatchObject({ id: withoutFile.id, result: 'updated' });
    const [row] = await k.t.db.select().from(documents).where(eq(documents.id, withoutFile.id));
    expect(row).toMatchObject({ amount: 1_300_00, status: 'paid', seq: null });
  });

  it('refuses a batch with any bad item, naming each item and field, and changes nothing', async () => {
    const before = await k.t.db.select().from(documents);
    const res = await send({
      documents: [
        item('b-1'),
        item('b-2', { company: { inn: '7707083893' } }),
        item('b-3', { file: Buffer.from('not a pdf').toString('base64') }),
        item('b-4', { orderNumber: 'K-2026-999999' }),
        item('b-1', { number: 'другой' }),
        item('b-6', { number: '1С-a-1', kind: 'invoice' }),
      ],
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual([
      'body.documents.1.company',
      'body.documents.2.file',
      'body.documents.3.orderNumber',
      'body.documents.4.externalId',
      'body.documents.5.number',
    ]);
    const schema = await send({ documents: [item('c-1'), item('c-2', { date: '2026-13-01', amount: 1.5 })] });
    expect(schema.statusCode).toBe(400);
    expect(
      schema
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.documents.1.amount', 'body.documents.1.date']);
    expect(await k.t.db.select().from(documents)).toEqual(before);
  });
});
