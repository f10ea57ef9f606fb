import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../server/core/db.js';
import { businessDay } from '../../shared/business-day.js';
import { createCompany } from '../companies/companies.service.js';
import { createAccount } from '../exchange1c/exchange1c.accounts.js';
import {
  type AftercareTestApp,
  aftercareTestApp,
  createTestOrder,
  demoCompanies,
  demoPeople,
  stockedProducts,
  type TestProduct,
} from '../orders/aftercare.testkit.js';

let k: AftercareTestApp;
let admin: ReturnType<AftercareTestApp['as']>;
let owner: ReturnType<AftercareTestApp['as']>;
let ownerCookie: string;
let dealerId: string;
let buyerId: string;
let p: TestProduct[];
let integration: string;
let innSeq = 0;

beforeAll(async () => {
  k = await aftercareTestApp();
  admin = k.as(await k.cookieOf(demoPeople.admin.email));
  ownerCookie = await k.cookieOf(demoPeople.owner.email);
  owner = k.as(ownerCookie);
  dealerId = await k.companyIdOf(ownerCookie, demoCompanies.dealer.name);
  buyerId = await k.personIdOf(demoPeople.buyer.email);
  p = await stockedProducts(k.t.db, 2, 1000);
  const { password } = await createAccount(k.t.db, { login: 'erp', name: 'ERP' }, 'test');
  integration = `Basic ${Buffer.from(`erp:${password}`).toString('base64')}`;
}, 60_000);
afterAll(async () => k?.t.close());

/** A deferred order of the company (1 000 ₽ × qty of product 0), shipped in full through the back office. */
async function shippedDeferredOrder(companyId: string, quantity = 1) {
  const order = await createTestOrder(k.t.db, {
    personId: buyerId,
    companyId,
    status: 'assembling',
    paymentMethod: 'deferred',
    paymentState: 'unpaid',
    lines: [{ product: p[0] as TestProduct, quantity }],
  });
  const res = await admin('POST', `/api/v1/admin/orders/${order.id}/shipments`, {
    lines: [{ lineId: order.lineIds[0], quantity }],
  });
  expect(res.statusCode, res.body).toBe(201);
  await k.t.drainJobs();
  return order;
}

async function freshCompany() {
  const n = `${Date.now()}`.slice(-7) + String(++innSeq).padStart(3, '0');
  return createCompany(k.t.db, {
    name: `ООО Маршруты ${n}`,
    legalName: `ООО «Маршруты ${n}»`,
    kinds: ['client'],
    inn: n,
    kpp: '770101001',
    creditLimit: 10_000_000,
    paymentTermDays: 14,
  });
}
const innOf = async (companyId: string) =>
  (await queryRows<{ inn: string }>(k.t.db, sql`select inn from companies where id = ${companyId}`))[0]
    ?.inn as string;
const statusOf = async (documentId: string) =>
  (await queryRows<{ status: string }>(k.t.db, sql`select status from documents where id = ${documentId}`))[0]
    ?.status;

describe('company finance routes', () => {
  it('show the owner the summary, schedule, payments and debt history; a buyer without finance.read gets 403', async () => {
    const before = (await owner('GET', `/api/v1/orgs/${dealerId}/finance/summary`)).json();
    const order = await shippedDeferredOrder(dealerId);
    const summary = await owner('GET', `/api/v1/orgs/${dealerId}/finance/summary`);
    expect(summary.statusCode).toBe(200);
    expect(summary.json().balance - before.balance).toBe(100_000);
    expect(summary.json().receivable - before.receivable).toBe(100_000);

    const schedule = (await owner('GET', `/api/v1/orgs/${dealerId}/finance/schedule`)).json();
    expect(schedule.items.find((i: { orderId: string }) => i.orderId === order.id)).toMatchObject({
      number: order.number,
      amountDue: 100_000,
      shippedOn: businessDay(),
    });

    const history = await owner('GET', `/api/v1/orgs/${dealerId}/finance/debt-history`);
    expect(history.statusCode).toBe(200);
    expect(history.json()).toMatchObject({ to: businessDay(), step: 'day' });
    expect(history.json().points).toHaveLength(90);
    expect(history.json().points.at(-1).balance).toBe(summary.json().balance);
    const year = (
      await owner('GET', `/api/v1/orgs/${dealerId}/finance/debt-history?from=2025-12-01&to=2026-11-30`)
    ).json();
    expect(year.step).toBe('week');

    const buyer = k.as(await k.cookieOf(demoPeople.buyer.email));
    expect((await buyer('GET', `/api/v1/orgs/${dealerId}/finance/summary`)).statusCode).toBe(403);
    expect((await k.as(undefined)('GET', `/api/v1/orgs/${dealerId}/finance/payments`)).statusCode).toBe(401);
  });

  it('refuses a bad debt-history period with 400', async () => {
    for (const q of [
      'from=2026-13-01',
      'from=yesterday',
      'from=2026-05-02&to=2026-05-01',
      'from=2020-01-01&to=2026-01-01',
      'step=month',
    ]) {
      const res = await owner('GET', `/api/v1/orgs/${dealerId}/finance/debt-history?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    const paging = await owner('GET', `/api/v1/orgs/${dealerId}/finance/payments?cursor=nonsense`);
    expect(paging.statusCode).toBe(400);
  });
});

describe('back-office payments', () => {
  it('need finance.manage to record: 401 anonymous, 403 support, 400 bad body, 404 unknown company', async () => {
    const c = await freshCompany();
    const url = `/api/v1/admin/companies/${c}/payments`;
    const body = { amount: 10_000, paidOn: businessDay() };
    expect((await k.as(undefined)('POST', url, body)).statusCode).toBe(401);
    const support = k.as(await k.cookieOf(demoPeople.support.email));
    expect((await support('POST', url, body)).statusCode).toBe(403);
    expect((await support('GET', url)).statusCode).toBe(200);
    for (const bad of [
      { amount: 0, paidOn: businessDay() },
      { amount: 10.5, paidOn: businessDay() },
      { amount: 100, paidOn: '01.12.2026' },
      { amount: 100, paidOn: businessDay(), orderId: 'x' },
    ]) {
      const res = await admin('POST', url, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    const missing = await admin(
      'POST',
      '/api/v1/admin/companies/0190e2a4-0000-7000-8000-000000000000/payments',
      body,
    );
    expect(missing.statusCode).toBe(404);
    expect((await admin('GET', url)).json().items).toEqual([]);
  });

  it('records a payment with an audit entry, allocates it, lowers the debt and marks the order’s invoice paid', async () => {
    const c = await freshCompany();
    const order = await shippedDeferredOrder(c, 2); // 2 000 ₽
    const [invoice] = await queryRows<{ id: string }>(
      k.t.db,
      sql`insert into documents (id, company_id, kind, number, doc_date, order_id, amount, status, source,
            storage_key, file_name, size, created_by)
          values (gen_random_uuid(), ${c}, 'invoice', 'СЧ-ROUTE-1', ${businessDay()}, ${order.id}, 200000,
            'issued', 'generated', 'none', 'invoice.pdf', 1, 'test') returning id`,
    );
    const url = `/api/v1/admin/companies/${c}/payments`;
    const part = await admin('POST', url, {
      amount: 150_000,
      paidOn: businessDay(),
      number: '45',
      payer: 'ООО',
    });
    expect(part.statusCode, part.body).toBe(201);
    expect(part.json()).toMatchObject({
      amount: 150_000,
      allocated: 150_000,
      source: 'backoffice',
      allocations: [{ orderId: order.id, orderNumber: order.number, amount: 150_000 }],
    });
    expect(await statusOf(invoice?.id as string)).toBe('issued');
    const [audit] = await queryRows<{ action: string; details: { amount: number } }>(
      k.t.db,
      sql`select action, details from audit_log where subject = ${part.json().id}`,
    );
    expect(audit).toMatchObject({ action: 'finance.payment_recorded', details: { amount: 150_000 } });

    const rest = await admin('POST', url, {
      amount: 80_000,
      paidOn: businessDay(),
      number: '46',
      externalId: 'bank-46',
    });
    expect(rest.json()).toMatchObject({ allocated: 50_000, unallocated: 30_000 });
    expect(await statusOf(invoice?.id as string)).toBe('paid');
    const again = await admin('POST', url, { amount: 80_000, paidOn: businessDay(), externalId: 'bank-46' });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(rest.json().id);

    const summary = (await admin('GET', `/api/v1/admin/companies/${c}/finance/summary`)).json();
    expect(summary).toMatchObject({ balance: -30_000, receivable: 0, unallocatedCredit: 30_000 });
    const page = (await admin('GET', `${url}?limit=1`)).json();
    expect(page.items).toHaveLength(1);
    const next = (await admin('GET', `${url}?limit=1&cursor=${page.nextCursor}`)).json();
    expect(next.items).toHaveLength(1);
    expect(next.items[0].id).not.toBe(page.items[0].id);
  });

  it('marks a free-amount invoice paid only when allocations cover it', async () => {
    const c = await freshCompany();
    const [invoice] = await queryRows<{ id: string }>(
      k.t.db,
      sql`insert into documents (id, company_id, kind, number, doc_date, amount, status, source,
            storage_key, file_name, size, created_by)
          values (gen_random_uuid(), ${c}, 'invoice', 'СЧ-FREE-1', ${businessDay()}, 50000,
            'issued', 'generated', 'none', 'invoice.pdf', 1, 'test') returning id`,
    );
    const id = invoice?.id as string;
    const url = `/api/v1/admin/companies/${c}/payments`;
    const first = await admin('POST', url, { amount: 20_000, paidOn: businessDay(), invoiceId: id });
    expect(first.json().allocations).toEqual([
      { orderId: null, orderNumber: null, documentId: id, documentNumber: 'СЧ-FREE-1', amount: 20_000 },
    ]);
    expect(await statusOf(id)).toBe('issued');
    await admin('POST', url, { amount: 40_000, paidOn: businessDay(), invoiceId: id });
    expect(await statusOf(id)).toBe('paid');
  });
});

describe('REST import from an ERP', () => {
  const send = (url: string, body: object, authorization: string | undefined = integration) =>
    k.t.app.inject({ method: 'POST', url, payload: body, headers: authorization ? { authorization } : {} });

  it('needs an integration account', async () => {
    const body = { payments: [] };
    expect((await send('/api/v1/import/payments', body, '')).statusCode).toBe(401);
    const wrong = `Basic ${Buffer.from('erp:wrong').toString('base64')}`;
    expect((await send('/api/v1/import/balances', { balances: [] }, wrong)).statusCode).toBe(401);
    const staff = await admin('POST', '/api/v1/import/payments', body);
    expect(staff.statusCode).toBe(401);
  });

  it('imports payments once: created, then unchanged; allocates to the named order', async () => {
    const c = await freshCompany();
    const inn = await innOf(c);
    const order = await shippedDeferredOrder(c);
    const batch = {
      payments: [
        {
          externalId: 'erp-p-1',
          company: { inn },
          amount: 100_000,
          paidOn: businessDay(),
          number: '101',
          orderNumber: order.number,
        },
        { externalId: 'erp-p-2', company: { inn, kpp: '770101001' }, amount: 5_000, paidOn: '2026-01-15' },
      ],
    };
    const first = await send('/api/v1/import/payments', batch);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ created: 2, unchanged: 0 });
    const again = await send('/api/v1/import/payments', batch);
    expect(again.json()).toMatchObject({
      created: 0,
      unchanged: 2,
      items: [
        { index: 0, externalId: 'erp-p-1', result: 'unchanged', id: first.json().items[0].id },
        { index: 1, externalId: 'erp-p-2', result: 'unchanged' },
      ],
    });
    const summary = (await admin('GET', `/api/v1/admin/companies/${c}/finance/summary`)).json();
    expect(summary).toMatchObject({ balance: -5_000, receivable: 0, unallocatedCredit: 5_000 });
    const list = (await admin('GET', `/api/v1/admin/companies/${c}/payments`)).json();
    expect(list.items.map((i: { source: string }) => i.source)).toEqual(['import', 'import']);
  });

  it('refuses the whole batch when any item is bad, naming each item and field', async () => {
    const c = await freshCompany();
    const inn = await innOf(c);
    const good = { externalId: 'erp-ok', company: { inn }, amount: 1_000, paidOn: businessDay() };
    const fields = await send('/api/v1/import/payments', {
      payments: [good, { ...good, externalId: 'erp-bad', amount: -1, paidOn: '2026-02-30' }],
    });
    expect(fields.statusCode).toBe(400);
    const paths = fields.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toContain('body.payments.1.amount');
    expect(paths).toContain('body.payments.1.paidOn');

    const lookups = await send('/api/v1/import/payments', {
      payments: [
        good,
        { ...good, externalId: 'erp-x1', company: { inn: '0000000000' } },
        { ...good, externalId: 'erp-x2', orderNumber: 'K-0000-000000' },
        { ...good, externalId: 'erp-x3', invoiceNumber: 'НЕТ' },
        good,
      ],
    });
    expect(lookups.statusCode).toBe(400);
    expect(lookups.json().errors).toEqual([
      { path: 'body.payments.4.externalId', message: 'Repeated in this batch' },
      { path: 'body.payments.1.company', message: 'No company with this ИНН (and КПП)' },
      { path: 'body.payments.2.orderNumber', message: 'No order of this company has this number' },
      { path: 'body.payments.3.invoiceNumber', message: 'No invoice of this company has this number' },
    ]);
    expect((await admin('GET', `/api/v1/admin/companies/${c}/payments`)).json().items).toEqual([]);

    await send('/api/v1/import/payments', { payments: [good] });
    const changed = await send('/api/v1/import/payments', { payments: [{ ...good, amount: 2_000 }] });
    expect(changed.statusCode).toBe(400);
    expect(changed.json().errors[0].path).toBe('body.payments.0.externalId');
    const tooMany = await send('/api/v1/import/payments', {
      payments: Array.from({ length: 1001 }, (_, i) => ({ ...good, externalId: `m${i}` })),
    });
    expect(tooMany.statusCode).toBe(400);
  });

  it('imports opening balances once, refusing a changed repeat and an unknown company', async () => {
    const c = await freshCompany();
    const inn = await innOf(c);
    const item = { externalId: 'erp-b-1', company: { inn }, asOf: '2025-12-31', balance: 250_000 };
    const first = await send('/api/v1/import/balances', { balances: [item] });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ created: 1, unchanged: 0 });
    expect((await send('/api/v1/import/balances', { balances: [item] })).json()).toMatchObject({
      created: 0,
      unchanged: 1,
    });
    const summary = (await admin('GET', `/api/v1/admin/companies/${c}/finance/summary`)).json();
    expect(summary.balance).toBe(250_000);
    const bad = await send('/api/v1/import/balances', {
      balances: [
        { ...item, balance: 1 },
        { ...item, externalId: 'erp-b-2', company: { inn, kpp: '999999999' } },
        { ...item, externalId: 'erp-b-3', balance: 1.5 },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.balances.2.balance']);
    const lookups = await send('/api/v1/import/balances', {
      balances: [
        { ...item, balance: 1 },
        { ...item, externalId: 'erp-b-2', company: { inn, kpp: '999999999' } },
      ],
    });
    expect(lookups.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'body.balances.0.externalId',
      'body.balances.1.company',
    ]);
    expect((await admin('GET', `/api/v1/admin/companies/${c}/finance/summary`)).json().balance).toBe(250_000);
  });
});
