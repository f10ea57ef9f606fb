import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSellerRequisites } from '../../db/seed/demo-data.js';
import { companyMembers } from '../companies/companies.tables.js';
import {
  type CompaniesTestApp,
  companiesTestApp,
  demoCompanies,
  demoPeople,
} from '../companies/companies.testkit.js';
import { createTestOrder, stockedProducts, type TestProduct } from '../orders/aftercare.testkit.js';
import { orderLines } from '../orders/orders.tables.js';
import { users } from '../people/people.tables.js';
import { amountInWords } from './ru/amount-in-words.js';
import { pdfText } from './testkit/pdf-text.js';

let k: CompaniesTestApp;
let buyer: string;
let dealerId: string;
let clientId: string;
let supplierId: string;
let orders: { id: string; number: string }[];
let otherCompanyOrder: { id: string };
let products: TestProduct[];

const seller = '/api/v1/admin/settings/seller';
const invoices = (orgId: string) => `/api/v1/orgs/${orgId}/documents/invoices`;

beforeAll(async () => {
  k = await companiesTestApp();
  buyer = await k.cookieOf(demoPeople.buyer.email);
  dealerId = await k.companyIdOf(buyer, demoCompanies.dealer.name);
  clientId = await k.companyIdOf(buyer, demoCompanies.client.name);
  const supplierOwner = await k.cookieOf(demoPeople.supplier.email);
  supplierId = await k.companyIdOf(supplierOwner, demoCompanies.supplier.name);
  const [person] = await k.t.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, demoPeople.buyer.email));
  const personId = person?.id as string;
  products = await stockedProducts(k.t.db, 2);
  const [p0, p1] = products as [TestProduct, TestProduct];
  orders = [];
  for (let i = 0; i < 3; i++) {
    orders.push(
      await createTestOrder(k.t.db, {
        personId,
        companyId: dealerId,
        status: 'confirmed',
        deliveryCost: 350_00,
        lines: [
          { product: p0, quantity: 2 },
          { product: p1, quantity: 1 },
        ],
      }),
    );
  }
  await k.t.db.update(orderLines).set({ vatRate: 20 });
  otherCompanyOrder = await createTestOrder(k.t.db, {
    personId,
    companyId: supplierId,
    status: 'confirmed',
    lines: [{ product: p0, quantity: 1 }],
  });
});
afterAll(async () => k?.t.close());

describe('seller requisites', () => {
  it('are read and written by staff with settings.manage, with checksums checked', async () => {
    const get = await k.as(k.operator)('GET', seller);
    expect(get.statusCode).toBe(200);
    expect(get.json()).toMatchObject({ inn: demoSellerRequisites.inn, bank: { bic: '044525225' } });
    const bad = await k.as(k.operator)('PUT', seller, {
      ...demoSellerRequisites,
      inn: '7707083890',
      bank: { ...demoSellerRequisites.bank, bic: '123', account: '40702810938000000002' },
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.inn', 'body.bank.bic', 'body.bank.account']));
    const asBuyer = await k.as(buyer)('GET', seller);
    expect(asBuyer.statusCode).toBe(403);
  });
});

describe('invoices', () => {
  it('refuses to issue without the seller’s BIC, names the field and consumes no number', async () => {
    const cleared = await k.as(k.operator)('PUT', seller, {
      ...demoSellerRequisites,
      bank: { ...demoSellerRequisites.bank, bic: '', corrAccount: '', account: '' },
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    const res = await k.as(buyer)('POST', invoices(dealerId), { orderId: orders[0]?.id });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().code).toBe('MISSING_REQUISITES');
    expect(res.json().detail).toContain("the seller's bank BIC");
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('seller.bank.bic');
    const restored = await k.as(k.operator)('PUT', seller, demoSellerRequisites);
    expect(restored.statusCode).toBe(200);
  });

  it('issues an invoice for an order: numbered 1, stored, downloadable with the order’s lines', async () => {
    const order = orders[0] as { id: string; number: string };
    const res = await k.as(buyer)('POST', invoices(dealerId), { orderId: order.id });
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json();
    const [p0, p1] = products as [TestProduct, TestProduct];
    const total = p0.price * 2 + p1.price + 350_00;
    expect(doc).toMatchObject({
      kind: 'invoice',
      number: '1',
      orderId: order.id,
      amount: total,
      status: 'issued',
    });
    expect(doc.vatAmount).toBe(
      Math.round((p0.price * 2 * 20) / 120) +
        Math.round((p1.price * 20) / 120) +
        Math.round((350_00 * 20) / 120),
    );
    const file = await k.as(buyer)('GET', doc.url);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''/);
    const { text } = await pdfText(file.rawPayload);
    expect(text).toContain('Счет на оплату № 1');
    expect(text).toContain(demoCompanies.dealer.inn);
    expect(text).toContain(p0.name);
    expect(text).toContain(amountInWords(total));
    expect(text).toContain(`Заказ № ${order.number}`);
    // A reprint is the same file.
    const again = await k.as(buyer)('GET', doc.url);
    expect(again.rawPayload.equals(file.rawPayload)).toBe(true);
    const card = await k.as(buyer)('GET', `/api/v1/orgs/${dealerId}/documents/${doc.id}`);
    expect(card.json()).toEqual(doc);
  });

  it('returns the same invoice for a repeated request, and the next order gets number 2', async () => {
    const first = await k.as(buyer)('POST', invoices(dealerId), { orderId: orders[0]?.id });
    expect(first.statusCode).toBe(200);
    expect(first.json().number).toBe('1');
    const next = await k.as(buyer)('POST', invoices(dealerId), { orderId: orders[1]?.id });
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json().number).toBe('2');
  });

  it('issues an invoice for a free amount with its purpose', async () => {
    const res = await k.as(buyer)('POST', invoices(dealerId), {
      amount: 12_345_67,
      purpose: 'Предоплата по договору',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ number: '3', orderId: null, amount: 12_345_67 });
    const { text } = await pdfText((await k.as(buyer)('GET', res.json().url)).rawPayload);
    expect(text).toContain('Предоплата по договору');
  });

  it('refuses bad bodies, another company’s order, and members without documents.request', async () => {
    for (const body of [
      {},
      { amount: 100 },
      { orderId: 'x' },
      { orderId: orders[2]?.id, amount: 1, purpose: 'x' },
    ]) {
      const res = await k.as(buyer)('POST', invoices(dealerId), body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    const foreign = await k.as(buyer)('POST', invoices(dealerId), { orderId: otherCompanyOrder.id });
    expect(foreign.statusCode).toBe(404);
    // The buyer is a viewer in the client company.
    const viewer = await k.as(buyer)('POST', invoices(clientId), { amount: 100, purpose: 'x' });
    expect(viewer.statusCode).toBe(403);
    const viewerList = await k.as(buyer)('GET', `/api/v1/orgs/${clientId}/documents`);
    expect(viewerList.statusCode).toBe(200);
    expect(viewerList.json().items).toEqual([]);
  });

  it('lists the company’s documents newest first, filtered by kind and order, in pages', async () => {
    const base = `/api/v1/orgs/${dealerId}/documents`;
    const all = await k.as(buyer)('GET', base);
    expect(all.statusCode).toBe(200);
    expect(all.json().items.map((d: { number: string }) => d.number)).toEqual(['3', '2', '1']);
    const byOrder = await k.as(buyer)('GET', `${base}?orderId=${orders[1]?.id}`);
    expect(byOrder.json().items.map((d: { number: string }) => d.number)).toEqual(['2']);
    const acts = await k.as(buyer)('GET', `${base}?kind=act`);
    expect(acts.json().items).toEqual([]);
    const page1 = await k.as(buyer)('GET', `${base}?kind=invoice&limit=2`);
    expect(page1.json().items).toHaveLength(2);
    const page2 = await k.as(buyer)('GET', `${base}?kind=invoice&limit=2&cursor=${page1.json().nextCursor}`);
    expect(page2.json().items.map((d: { number: string }) => d.number)).toEqual(['1']);
    expect(page2.json().nextCursor).toBeNull();
    const badCursor = await k.as(buyer)('GET', `${base}?cursor=nonsense`);
    expect(badCursor.statusCode).toBe(400);
    const other = await k.as(buyer)('GET', `${base}/${'01900000-0000-7000-8000-000000000000'}`);
    expect(other.statusCode).toBe(404);
  });

  it('numbers invoices requested at the same time without gaps or repeats, and one invoice per order', async () => {
    const free = Array.from({ length: 5 }, (_, i) =>
      k.as(buyer)('POST', invoices(dealerId), { amount: 100 + i, purpose: `Параллельно ${i}` }),
    );
    const sameOrder = Array.from({ length: 3 }, () =>
      k.as(buyer)('POST', invoices(dealerId), { orderId: orders[2]?.id }),
    );
    const [freeRes, orderRes] = await Promise.all([Promise.all(free), Promise.all(sameOrder)]);
    for (const r of [...freeRes, ...orderRes]) expect([200, 201], r.body).toContain(r.statusCode);
    expect(new Set(orderRes.map((r) => r.json().id)).size).toBe(1);
    const numbers = [...freeRes.map((r) => Number(r.json().number)), Number(orderRes[0]?.json().number)];
    expect(numbers.sort((a, b) => a - b)).toEqual([4, 5, 6, 7, 8, 9]);
  });

  it('lets a company accountant request an invoice (a viewer may not)', async () => {
    const body = { amount: 500_00, purpose: 'Оплата по договору поставки' };
    expect((await k.as(buyer)('POST', invoices(clientId), body)).statusCode).toBe(403);
    const [person] = await k.t.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, demoPeople.buyer.email));
    await k.t.db
      .update(companyMembers)
      .set({ role: 'accountant' })
      .where(and(eq(companyMembers.companyId, clientId), eq(companyMembers.userId, person?.id ?? '')));
    const res = await k.as(buyer)('POST', invoices(clientId), body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'invoice', amount: 500_00, status: 'issued' });
  });
});
