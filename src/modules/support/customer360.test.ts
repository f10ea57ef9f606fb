import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDay } from '../../shared/business-day.js';
import { createCompany } from '../companies/companies.service.js';
import {
  type AftercareTestApp,
  aftercareTestApp,
  createTestOrder,
  demoCompanies,
  demoPeople,
  stockedProducts,
  type TestProduct,
} from '../orders/aftercare.testkit.js';
import { insertTicket } from './insights.testkit.js';
import { ticketMessages } from './support.tables.js';

let k: AftercareTestApp;
let support: ReturnType<AftercareTestApp['as']>;
let buyerId: string;
let dealerId: string;
let orderNumbers: string[];
let ticket: { id: string; number: string };
const overview = (personId: string, companyId?: string) =>
  `/api/v1/admin/support/customers/${encodeURIComponent(personId)}/overview${companyId ? `?companyId=${companyId}` : ''}`;

beforeAll(async () => {
  k = await aftercareTestApp();
  support = k.as(await k.cookieOf(demoPeople.support.email));
  const admin = k.as(await k.cookieOf(demoPeople.admin.email));
  const buyerCookie = await k.cookieOf(demoPeople.buyer.email); // a sign-in the panel shows
  buyerId = await k.personIdOf(demoPeople.buyer.email);
  dealerId = await k.companyIdOf(buyerCookie, demoCompanies.dealer.name);
  const [product] = await stockedProducts(k.t.db, 1, 1000);
  orderNumbers = [];
  for (const createdAt of [new Date('2026-11-01T10:00:00Z'), new Date('2026-11-02T10:00:00Z')]) {
    const order = await createTestOrder(k.t.db, {
      personId: buyerId,
      companyId: dealerId,
      status: 'new',
      paymentMethod: 'deferred',
      paymentState: 'unpaid',
      createdAt,
      lines: [{ product: product as TestProduct, quantity: 1 }],
    });
    orderNumbers.push(order.number);
  }
  const paid = await admin('POST', `/api/v1/admin/companies/${dealerId}/payments`, {
    amount: 150_000,
    paidOn: businessDay(),
    number: '77',
  });
  expect(paid.statusCode, paid.body).toBe(201);
  ticket = await insertTicket(k.t.db, {
    requesterId: buyerId,
    requesterName: demoPeople.buyer.name,
    companyId: dealerId,
    subject: 'Где мой заказ?',
    createdAt: new Date(),
    respondedAfter: 5,
    resolvedAfter: 30,
    csat: 5,
  });
  // An internal note: staff-only thread content never reaches the panel.
  await k.t.db.insert(ticketMessages).values({
    id: uuidv7(),
    ticketId: ticket.id,
    kind: 'note',
    side: 'operator',
    authorName: 'Мария',
    body: 'внутренняя-заметка-xyz',
  });
}, 180_000);
afterAll(async () => k?.t.close());

describe('customer 360', () => {
  it('shows the person, their companies and the company sections', async () => {
    const res = await support('GET', overview(buyerId, dealerId));
    expect(res.statusCode, res.body).toBe(200);
    const o = res.json();
    expect(o.person).toMatchObject({
      id: buyerId,
      name: demoPeople.buyer.name,
      email: demoPeople.buyer.email,
      blocked: false,
    });
    expect(o.person.lastSignInAt).not.toBeNull();
    expect(o.companies.map((c: { id: string }) => c.id)).toContain(dealerId);
    const dealer = o.companies.find((c: { id: string }) => c.id === dealerId);
    expect(dealer.inn).toBe(demoCompanies.dealer.inn);
    expect(o.company.id).toBe(dealerId);
    // Newest first.
    expect(o.company.orders.slice(0, 2).map((x: { number: string }) => x.number)).toEqual([
      orderNumbers[1],
      orderNumbers[0],
    ]);
    expect(o.company.orders[0].status).toBe('new');
    // The recorded payment is allocated to the company's open orders: the panel shows the live payment state.
    expect(o.company.orders.map((x: { paymentState: string }) => x.paymentState)).not.toEqual([
      'unpaid',
      'unpaid',
    ]);
    expect(o.company.payments[0]).toMatchObject({ amount: 150_000, number: '77' });
    expect(typeof o.company.finance.balance).toBe('number');
    expect(o.tickets.person[0]).toMatchObject({
      number: ticket.number,
      subject: 'Где мой заказ?',
      csatRating: 5,
    });
    expect(o.tickets.company.map((t: { id: string }) => t.id)).toContain(ticket.id);
    const kinds = new Set(o.actions.map((a: { kind: string }) => a.kind));
    expect(kinds).toEqual(new Set(['sign_in', 'order', 'ticket']));
    const times = o.actions.map((a: { at: string }) => a.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(o.actions.length).toBeLessThanOrEqual(15);
  });

  it('keeps internal data out: no thread notes, IPs or user agents', async () => {
    const body = (await support('GET', overview(buyerId, dealerId))).body;
    expect(body).not.toContain('внутренняя-заметка-xyz');
    expect(body).not.toMatch(/"ip"|userAgent|"details"/);
  });

  it('without a company: the person, companies and requests, no company sections', async () => {
    const o = (await support('GET', overview(buyerId))).json();
    expect(o.company).toBeNull();
    // The person's own requests (the demo seed files one for the dealer too), whichever company they were for.
    expect(o.tickets.person.map((t: { id: string }) => t.id)).toContain(ticket.id);
    expect(o.tickets.company).toEqual([]);
  });

  it('answers 404 for a company the person is not in and for an unknown person; 400 for a bad company id', async () => {
    const foreign = await createCompany(k.t.db, {
      name: 'ООО Чужая',
      legalName: 'ООО «Чужая»',
      kinds: ['client'],
      inn: '7707083893',
    });
    expect((await support('GET', overview(buyerId, foreign))).statusCode).toBe(404);
    expect((await support('GET', overview('no-such-person', dealerId))).statusCode).toBe(404);
    expect((await support('GET', overview(buyerId, 'not-a-uuid'))).statusCode).toBe(400);
  });

  it('is for staff with support.work: 401 signed out, 403 for a company member', async () => {
    expect((await k.as(undefined)('GET', overview(buyerId, dealerId))).statusCode).toBe(401);
    const owner = k.as(await k.cookieOf(demoPeople.owner.email));
    expect((await owner('GET', overview(buyerId, dealerId))).statusCode).toBe(403);
  });
});
