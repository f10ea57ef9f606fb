import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSellerRequisites } from '../../db/seed/demo-data.js';
import { businessDay } from '../../shared/business-day.js';
import { listAudit } from '../audit/audit.service.js';
import { createCompany, ensureMember } from '../companies/companies.service.js';
import { formatRub } from '../documents/ru/money-format.js';
import { pdfText, plain } from '../documents/testkit/pdf-text.js';
import {
  type AftercareTestApp,
  aftercareTestApp,
  createTestOrder,
  demoCompanies,
  demoPeople,
  stockedProducts,
  type TestProduct,
} from '../orders/aftercare.testkit.js';
import { financeSystemActor, importOpeningBalance, recordCompanyPayment } from './index.js';
import { quarterPeriod } from './reconciliation.service.js';
import { reconciliationRequests } from './reconciliation.tables.js';

let k: AftercareTestApp;
let admin: ReturnType<AftercareTestApp['as']>;
let owner: ReturnType<AftercareTestApp['as']>;
let ownerId: string;
let adminId: string;
let p: TestProduct[];
let innSeq = 0;

const today = businessDay();
const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const base = (orgId: string) => `/api/v1/orgs/${orgId}/finance/reconciliations`;

/** A valid 10-digit INN (the check digit of a legal entity's INN). */
function inn(): string {
  const body = `77${`${Date.now()}`.slice(-4)}${String(++innSeq).padStart(3, '0')}`;
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const sum = weights.reduce((s, w, i) => s + w * Number(body[i]), 0);
  return `${body}${(sum % 11) % 10}`;
}

/** A fresh company the dealer's owner owns, managed by the demo admin, so each test has its own account. */
async function company() {
  const n = inn();
  const id = await createCompany(k.t.db, {
    name: `ООО Сверка ${n}`,
    legalName: `ООО «Сверка ${n}»`,
    kinds: ['client'],
    inn: n,
    kpp: '770101001',
    legalAddress: 'г. Москва, ул. Сверочная, д. 1',
    creditLimit: 100_000_000,
    paymentTermDays: 10,
    managerId: adminId,
  });
  await ensureMember(k.t.db, id, ownerId, 'owner');
  return id;
}

/** Ships a deferred order of one line (product `i`) and runs the reactions. */
async function shippedOrder(companyId: string, i: number) {
  const order = await createTestOrder(k.t.db, {
    personId: ownerId,
    companyId,
    status: 'assembling',
    paymentMethod: 'deferred',
    paymentState: 'unpaid',
    lines: [{ product: p[i] as TestProduct, quantity: 1 }],
  });
  const res = await admin('POST', `/api/v1/admin/orders/${order.id}/shipments`, {
    lines: [{ lineId: order.lineIds[0], quantity: 1 }],
  });
  expect(res.statusCode).toBe(201);
  await k.t.drainJobs();
}

/** A company with an opening balance, two shipments and a payment inside the last 30 days. */
async function companyWithAccount() {
  const c = await company();
  await importOpeningBalance(k.t.db, {
    companyId: c,
    asOf: addDays(today, -40),
    balance: 5_000_000,
    externalId: `open-${c}`,
  });
  await shippedOrder(c, 0); // 1 000 ₽
  await shippedOrder(c, 1); // 2 000 ₽
  await recordCompanyPayment(
    k.t.db,
    {
      companyId: c,
      amount: 120_000,
      paidOn: addDays(today, -5),
      number: '77',
      source: 'import',
      externalId: `pay-${c}`,
    },
    financeSystemActor,
  );
  return c;
}

/** Asks for an act of the last 30 days and runs the job. */
async function readyAct(c: string) {
  const res = await owner('POST', base(c), { from: addDays(today, -30), to: today });
  expect(res.statusCode).toBe(202);
  await k.t.drainJobs();
  const act = await owner('GET', `${base(c)}/${res.json().id}`);
  expect(act.json().status).toBe('ready');
  return act.json();
}

beforeAll(async () => {
  k = await aftercareTestApp();
  admin = k.as(await k.cookieOf(demoPeople.admin.email));
  owner = k.as(await k.cookieOf(demoPeople.owner.email));
  ownerId = await k.personIdOf(demoPeople.owner.email);
  adminId = await k.personIdOf(demoPeople.admin.email);
  p = await stockedProducts(k.t.db, 2, 1000);
}, 60_000);
afterAll(async () => k?.t.close());

describe('reconciliation acts', () => {
  it('draws up the act in the background: opening, turnovers and closing from the account, printed and stored', async () => {
    const c = await companyWithAccount();
    const first = await owner('POST', base(c), { from: addDays(today, -30), to: today });
    expect(first.statusCode).toBe(202);
    expect(first.json()).toMatchObject({ status: 'queued', progress: 0, documentUrl: null });
    // A repeat while it is in the making returns the same request.
    const again = await owner('POST', base(c), { from: addDays(today, -30), to: today });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);

    await k.t.drainJobs();
    const act = (await owner('GET', `${base(c)}/${first.json().id}`)).json();
    expect(act).toMatchObject({
      status: 'ready',
      progress: 100,
      error: null,
      opening: 5_000_000,
      debit: 300_000,
      credit: 120_000,
      closing: 5_180_000,
    });
    expect(act.lines).toEqual([
      expect.objectContaining({ lineId: 1, date: addDays(today, -5), debit: 0, credit: 120_000 }),
      expect.objectContaining({ lineId: 2, date: today, debit: 100_000, credit: 0 }),
      expect.objectContaining({ lineId: 3, date: today, debit: 200_000, credit: 0 }),
    ]);
    expect(act.lines[0].description).toContain('п/п № 77');

    const file = await owner('GET', act.documentUrl);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    const text = plain((await pdfText(file.rawPayload)).text);
    expect(text).toContain('Акт сверки');
    for (const sum of [5_000_000, 300_000, 120_000, 5_180_000]) expect(text).toContain(plain(formatRub(sum)));

    const docs = (await owner('GET', `/api/v1/orgs/${c}/documents?kind=reconciliation`)).json();
    expect(docs.items).toEqual([expect.objectContaining({ id: act.documentId, kind: 'reconciliation' })]);
    const list = (await owner('GET', base(c))).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([act.id]);

    const mail = await k.latestMailTo(demoPeople.owner.email);
    expect(mail?.subject).toContain('Акт сверки');
    expect(mail?.text).toContain(`/orgs/${c}/reconciliations/${act.id}`);
  });

  it('takes a quarter, and refuses bad periods', async () => {
    expect(quarterPeriod('2026-Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(quarterPeriod('2025-Q4')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    const c = await company();
    const last = Number(today.slice(0, 4)) - 1;
    const quarter = await owner('POST', base(c), { quarter: `${last}-Q4` });
    expect(quarter.statusCode).toBe(202);
    expect(quarter.json()).toMatchObject({ from: `${last}-10-01`, to: `${last}-12-31` });
    await k.t.drainJobs();
    expect((await owner('GET', `${base(c)}/${quarter.json().id}`)).json()).toMatchObject({
      status: 'ready',
      opening: 0,
      closing: 0,
      lines: [],
    });
    for (const body of [
      { from: today, to: addDays(today, -1) },
      { from: today, to: addDays(today, 1) },
      { from: addDays(today, -1200), to: today },
      { quarter: '2026-Q5' },
      { from: 'yesterday', to: today },
      {},
    ]) {
      const res = await owner('POST', base(c), body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
  });

  it('the company disputes lines once while ready, the manager hears of it, staff answer every line', async () => {
    const c = await companyWithAccount();
    const act = await readyAct(c);
    const disputes = `${base(c)}/${act.id}/disputes`;
    expect((await owner('POST', disputes, { lines: [{ lineId: 9, comment: 'Нет такой' }] })).statusCode).toBe(
      400,
    );
    expect(
      (
        await owner('POST', disputes, {
          lines: [
            { lineId: 2, comment: 'Раз' },
            { lineId: 2, comment: 'Два' },
          ],
        })
      ).statusCode,
    ).toBe(400);
    expect((await owner('POST', disputes, { lines: [] })).statusCode).toBe(400);

    const filed = await owner('POST', disputes, {
      lines: [
        { lineId: 1, comment: 'Оплатили больше', theirAmount: 150_000 },
        { lineId: 3, comment: 'Не получали' },
      ],
    });
    expect(filed.statusCode).toBe(200);
    expect(filed.json().status).toBe('disputed');
    expect(filed.json().disputes).toEqual([
      expect.objectContaining({ lineId: 1, comment: 'Оплатили больше', theirAmount: 150_000, answer: null }),
      expect.objectContaining({ lineId: 3, comment: 'Не получали', theirAmount: null }),
    ]);
    // Once: no second round and no confirmation of a disputed act.
    expect((await owner('POST', disputes, { lines: [{ lineId: 2, comment: 'Ещё' }] })).statusCode).toBe(400);
    expect((await owner('POST', `${base(c)}/${act.id}/confirm`)).statusCode).toBe(400);
    expect((await k.latestMailTo(demoPeople.admin.email))?.subject).toContain('расхождения в акте сверки');

    const queue = (await admin('GET', '/api/v1/admin/reconciliations?status=disputed')).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(act.id);
    const resolve = `/api/v1/admin/reconciliations/${act.id}/resolve`;
    const partial = await admin('POST', resolve, {
      answers: [{ lineId: 1, answer: 'resolved', comment: 'Найдена вторая оплата' }],
    });
    expect(partial.statusCode).toBe(400);
    expect(
      (
        await admin('POST', resolve, {
          answers: [
            { lineId: 1, answer: 'resolved', comment: 'Найдена' },
            { lineId: 2, answer: 'rejected', comment: 'Не оспаривалась' },
            { lineId: 3, answer: 'rejected', comment: 'УПД подписан' },
          ],
        })
      ).statusCode,
    ).toBe(400);
    const done = await admin('POST', resolve, {
      answers: [
        { lineId: 1, answer: 'resolved', comment: 'Найдена вторая оплата' },
        { lineId: 3, answer: 'rejected', comment: 'УПД подписан вашим кладовщиком' },
      ],
      comment: 'Пришлём исправленный акт',
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'resolved', resolution: 'Пришлём исправленный акт' });
    expect(done.json().disputes[1]).toMatchObject({
      answer: 'rejected',
      answerComment: 'УПД подписан вашим кладовщиком',
    });
    expect(
      (await admin('POST', resolve, { answers: [{ lineId: 1, answer: 'resolved', comment: 'x' }] }))
        .statusCode,
    ).toBe(400);
    const audit = await listAudit(k.t.db, { limit: 10, action: 'finance.reconciliation_resolved' });
    expect(audit.items.map((a: { subject: string | null }) => a.subject)).toContain(act.id);
    // The company sees the answers.
    expect((await owner('GET', `${base(c)}/${act.id}`)).json().disputes[0].answer).toBe('resolved');
  });

  it('confirms a ready act; nothing more after that', async () => {
    const c = await companyWithAccount();
    const act = await readyAct(c);
    const confirmed = await owner('POST', `${base(c)}/${act.id}/confirm`);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'confirmed' });
    expect(confirmed.json().confirmedAt).toEqual(expect.any(String));
    expect((await owner('POST', `${base(c)}/${act.id}/confirm`)).statusCode).toBe(400);
    expect(
      (await owner('POST', `${base(c)}/${act.id}/disputes`, { lines: [{ lineId: 1, comment: 'Поздно' }] }))
        .statusCode,
    ).toBe(400);
  });

  it('fails with a readable reason when the seller requisites are incomplete', async () => {
    const c = await company();
    const operator = k.as(await k.t.operator());
    const cleared = await operator('PUT', '/api/v1/admin/settings/seller', {
      ...demoSellerRequisites,
      signatories: { ...demoSellerRequisites.signatories, director: { name: '', title: 'Директор' } },
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    try {
      const res = await owner('POST', base(c), { from: addDays(today, -30), to: today });
      await k.t.drainJobs();
      const act = (await owner('GET', `${base(c)}/${res.json().id}`)).json();
      expect(act).toMatchObject({ status: 'failed', documentId: null });
      expect(act.error).toBe("The act cannot be drawn up: fill in the director's name");
      // A failed act does not block a new request for the same period.
      const again = await owner('POST', base(c), { from: addDays(today, -30), to: today });
      expect(again.statusCode).toBe(202);
      expect(again.json().id).not.toBe(act.id);
    } finally {
      await operator('PUT', '/api/v1/admin/settings/seller', demoSellerRequisites);
      await k.t.drainJobs();
    }
  });

  it('needs finance.read, and another company’s act is not found', async () => {
    const buyer = k.as(await k.cookieOf(demoPeople.buyer.email));
    const dealerId = await k.companyIdOf(await k.cookieOf(demoPeople.owner.email), demoCompanies.dealer.name);
    expect((await buyer('GET', base(dealerId))).statusCode).toBe(403);
    expect((await buyer('POST', base(dealerId), { quarter: '2025-Q4' })).statusCode).toBe(403);
    expect((await k.as(undefined)('GET', base(dealerId))).statusCode).toBe(401);

    const c = await company();
    const [row] = await k.t.db
      .insert(reconciliationRequests)
      .values({
        id: '01900000-0000-7000-8000-00000000abcd',
        companyId: c,
        periodFrom: '2025-01-01',
        periodTo: '2025-03-31',
        requestedBy: ownerId,
        status: 'ready',
      })
      .returning();
    const foreign = `${base(dealerId)}/${row?.id}`;
    expect((await owner('GET', foreign)).statusCode).toBe(404);
    expect((await owner('POST', `${foreign}/confirm`)).statusCode).toBe(404);
    expect((await owner('GET', `${base(dealerId)}/not-a-uuid`)).statusCode).toBe(404);
    const [still] = await k.t.db
      .select()
      .from(reconciliationRequests)
      .where(and(eq(reconciliationRequests.id, row?.id as string)));
    expect(still?.status).toBe('ready');
    expect((await buyer('GET', '/api/v1/admin/reconciliations')).statusCode).toBe(403);
  });
});
