import { eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../server/core/db.js';
import { businessDay } from '../../shared/business-day.js';
import { createCompany } from '../companies/companies.service.js';
import {
  type AftercareTestApp,
  aftercareTestApp,
  createTestOrder,
  demoPeople,
  stockedProducts,
  type TestProduct,
} from '../orders/aftercare.testkit.js';
import { applyOrderChangeFrom1C } from '../orders/index.js';
import { orders } from '../orders/orders.tables.js';
import { recordOrderPayment, recordShipment } from './finance.service.js';
import {
  balanceOf,
  debtHistory,
  financeSummary,
  financeSystemActor,
  importOpeningBalance,
  ledgerFor,
  listCompanyPayments,
  openCreditOf,
  paymentSchedule,
  recordCompanyPayment,
} from './index.js';

let k: AftercareTestApp;
let admin: ReturnType<AftercareTestApp['as']>;
let buyerId: string;
let p: TestProduct[];
let innSeq = 0;

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A fresh company with a credit limit and a payment term, so each test has its own account. */
async function company(termDays = 10, creditLimit: number | null = 100_000_000) {
  const n = `${Date.now()}`.slice(-7) + String(++innSeq).padStart(3, '0');
  return createCompany(k.t.db, {
    name: `ООО Финтест ${n}`,
    legalName: `ООО «Финтест ${n}»`,
    kinds: ['client'],
    inn: n,
    creditLimit,
    paymentTermDays: termDays,
  });
}

/** A deferred order of the company, ready to ship (status assembling): one line of product `i` × qty. */
async function deferredOrder(companyId: string, i: number, quantity = 1, deliveryCost = 0) {
  return createTestOrder(k.t.db, {
    personId: buyerId,
    companyId,
    status: 'assembling',
    paymentMethod: 'deferred',
    paymentState: 'unpaid',
    deliveryCost,
    lines: [{ product: p[i] as TestProduct, quantity }],
  });
}

/** Ships lines of an order through the back office and runs the reactions. */
async function ship(order: { id: string; lineIds: string[] }, quantity = 1) {
  const res = await admin('POST', `/api/v1/admin/orders/${order.id}/shipments`, {
    lines: [{ lineId: order.lineIds[0], quantity }],
  });
  expect(res.statusCode).toBe(201);
  await k.t.drainJobs();
  return res.json().id as string;
}

const orderRow = async (id: string) => {
  const [row] = await k.t.db.select().from(orders).where(eq(orders.id, id));
  return row as typeof orders.$inferSelect;
};
const paymentsOf = (companyId: string) =>
  queryRows<{
    id: string;
    source: string;
    amount: string;
    allocated: string;
    paid_on: string;
    number: string;
  }>(
    k.t.db,
    sql`select id, source, amount::text, allocated::text, to_char(paid_on, 'YYYY-MM-DD') as paid_on, number
        from company_payments where company_id = ${companyId} order by created_at, id`,
  );
const entriesOf = (companyId: string) =>
  queryRows<{ kind: string; debit: string; credit: string; description: string }>(
    k.t.db,
    sql`select kind, debit::text, credit::text, description from ledger_entries where company_id = ${companyId}
        order by entry_date, id`,
  );

beforeAll(async () => {
  k = await aftercareTestApp();
  admin = k.as(await k.cookieOf(demoPeople.admin.email));
  buyerId = await k.personIdOf(demoPeople.buyer.email);
  p = await stockedProducts(k.t.db, 3, 1000);
}, 60_000);
afterAll(async () => k?.t.close());

describe('payments and allocation', () => {
  it('applies a payment to deferred orders oldest due first, keeps the rest as credit for what falls due later, once per external id', async () => {
    const c = await company();
    const first = await deferredOrder(c, 0); // 1 000 ₽
    const second = await deferredOrder(c, 1); // 2 000 ₽
    await ship(first);
    await ship(second);
    expect(await balanceOf(k.t.db, c)).toBe(300_000);

    const one = await recordCompanyPayment(
      k.t.db,
      {
        companyId: c,
        amount: 250_000,
        paidOn: businessDay(),
        number: '45',
        source: 'import',
        externalId: 'st-1',
      },
      financeSystemActor,
    );
    expect(one.created).toBe(true);
    expect(one.payment.allocated).toBe(250_000);
    expect((await orderRow(first.id)).paidAmount).toBe(100_000);
    expect((await orderRow(first.id)).paymentState).toBe('paid');
    expect((await orderRow(second.id)).paidAmount).toBe(150_000);

    // 1 000 ₽ more: 500 ₽ closes the second order, 500 ₽ stays the company's credit.
    const two = await recordCompanyPayment(
      k.t.db,
      {
        companyId: c,
        amount: 100_000,
        paidOn: businessDay(),
        number: '46',
        source: 'import',
        externalId: 'st-2',
      },
      financeSystemActor,
    );
    expect(two.payment.allocated).toBe(50_000);
    expect((await orderRow(second.id)).paidAmount).toBe(200_000);
    expect(await openCreditOf(k.t.db, c)).toBe(50_000);

    // The same statement line again: the first payment, nothing moves.
    const again = await recordCompanyPayment(
      k.t.db,
      {
        companyId: c,
        amount: 100_000,
        paidOn: businessDay(),
        number: '46',
        source: 'import',
        externalId: 'st-2',
      },
      financeSystemActor,
    );
    expect(again).toMatchObject({ created: false, payment: { id: two.payment.id } });
    await k.t.drainJobs();
    // Finance's own allocations went through orders and came back as events: not recorded a second time.
    expect(await paymentsOf(c)).toHaveLength(2);
    expect(await openCreditOf(k.t.db, c)).toBe(50_000);
    expect(await balanceOf(k.t.db, c)).toBe(-50_000);

    // A later order takes the credit when it ships.
    const third = await deferredOrder(c, 0, 2); // 2 000 ₽
    await ship(third, 2);
    expect((await orderRow(third.id)).paidAmount).toBe(50_000);
    expect(await openCreditOf(k.t.db, c)).toBe(0);
    expect(await balanceOf(k.t.db, c)).toBe(150_000);

    const page = await listCompanyPayments(k.t.db, c, { limit: 1 });
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).not.toBeNull();
    const rest = await listCompanyPayments(k.t.db, c, { limit: 10, cursor: page.nextCursor as string });
    const all = [...page.items, ...rest.items];
    expect(all.map((x) => x.id).sort()).toEqual([one.payment.id, two.payment.id].sort());
    const second46 = all.find((x) => x.id === two.payment.id);
    expect(second46?.allocations).toMatchObject([
      { orderId: second.id, documentId: null, amount: 50_000 },
      { orderId: third.id, documentId: null, amount: 50_000 },
    ]);
    expect(second46?.unallocated).toBe(0);
  });

  it('applies a payment to the order it names first, and refuses another company’s order', async () => {
    const c = await company();
    const older = await deferredOrder(c, 0);
    const named = await deferredOrder(c, 1);
    await ship(older);
    await ship(named);
    await recordCompanyPayment(
      k.t.db,
      { companyId: c, amount: 200_000, paidOn: businessDay(), source: 'backoffice', orderId: named.id },
      { kind: 'staff', id: null, name: 'Бухгалтер' },
    );
    expect((await orderRow(named.id)).paidAmount).toBe(200_000);
    expect((await orderRow(older.id)).paidAmount).toBe(0);

    const other = await company();
    await expect(
      recordCompanyPayment(
        k.t.db,
        { companyId: other, amount: 100, paidOn: businessDay(), source: 'backoffice', orderId: older.id },
        financeSystemActor,
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await paymentsOf(other)).toHaveLength(0);
  });
  it('applies a payment to an invoice: the order behind it, or up to a free invoice’s amount', async () => {
    const c = await company();
    const order = await deferredOrder(c, 1);
    const invoice = async (orderId: string | null, amount: number) => {
      const id = uuidv7();
      await k.t.db.execute(
        sql`insert into documents (id, company_id, kind, number, doc_date, order_id, amount, status, source,
              storage_key, file_name, size, created_by)
            values (${id}, ${c}, 'invoice', ${`СЧ-${id.slice(-6)}`}, ${businessDay()}, ${orderId}, ${amount},
              'issued', 'received', 'none', 'invoice.pdf', 1, 'test')`,
      );
      return id;
    };
    const forOrder = await invoice(order.id, 200_000);
    const free = await invoice(null, 30_000);
    const paid = await recordCompanyPayment(
      k.t.db,
      { companyId: c, amount: 200_000, paidOn: businessDay(), source: 'import', invoiceId: forOrder },
      financeSystemActor,
    );
    expect(paid.payment).toMatchObject({ orderId: order.id, allocated: 200_000 });
    expect((await orderRow(order.id)).paidAmount).toBe(200_000);
    const service = await recordCompanyPayment(
      k.t.db,
      { companyId: c, amount: 50_000, paidOn: businessDay(), source: 'import', invoiceId: free },
      financeSystemActor,
    );
    expect(service.payment.allocated).toBe(30_000);
    const list = await listCompanyPayments(k.t.db, c, { limit: 10 });
    expect(list.items.find((x) => x.id === service.payment.id)?.allocations).toEqual([
      {
        orderId: null,
        orderNumber: null,
        documentId: free,
        documentNumber: `СЧ-${free.slice(-6)}`,
        amount: 30_000,
      },
    ]);
    expect(list.items.find((x) => x.id === paid.payment.id)?.allocations).toEqual([
      {
        orderId: order.id,
        orderNumber: order.number,
        documentId: forOrder,
        documentNumber: `СЧ-${forOrder.slice(-6)}`,
        amount: 200_000,
      },
    ]);
    expect(await openCreditOf(k.t.db, c)).toBe(20_000);
  });
});

describe('reactions to orders', () => {
  it('records a card payment of a company order once, as a card payment allocated to the order', async () => {
    const c = await company();
    const order = await createTestOrder(k.t.db, {
      personId: buyerId,
      companyId: c,
      status: 'awaiting_payment',
      paymentMethod: 'card_online',
      paymentState: 'unpaid',
      lines: [{ product: p[2] as TestProduct, quantity: 1 }],
    });
    await k.paidPayment(order.id, order.total, { linked: true });
    await k.t.drainJobs();
    const rows = await paymentsOf(c);
    expect(rows).toEqual([
      expect.objectContaining({
        source: 'card',
        amount: String(order.total),
        allocated: String(order.total),
      }),
    ]);
    expect(await entriesOf(c)).toEqual([
      {
        kind: 'payment',
        debit: '0',
        credit: String(order.total),
        description: `Оплата картой (${order.number})`,
      },
    ]);
    // The job running again (a retry) changes nothing.
    const [event] = await queryRows<{ id: string; payload: Record<string, unknown> }>(
      k.t.db,
      sql`select id, payload from outbox_events where topic = 'orders.payment_received'
          and payload->>'orderId' = ${order.id}`,
    );
    expect(await recordOrderPayment(k.t.db, event?.id as string, event?.payload as unknown as never)).toBe(
      false,
    );
    expect(await paymentsOf(c)).toHaveLength(1);
  });

  it('records a payment from the 1C sale exchange once, dated as 1C dated it', async () => {
    const c = await company();
    const order = await deferredOrder(c, 0, 3);
    const change = {
      id: order.id,
      number: order.number,
      number1c: null,
      date1c: null,
      status: null,
      cancelled: false,
      deleted: false,
      posted: true,
      final: false,
      payment: { number: '777', date: '2026-11-30', amount: 120_000 },
      shipment: null,
    };
    await k.t.db.transaction((tx) => applyOrderChangeFrom1C(tx, change));
    await k.t.drainJobs();
    await k.t.db.transaction((tx) => applyOrderChangeFrom1C(tx, change));
    await k.t.drainJobs();
    expect(await paymentsOf(c)).toEqual([
      expect.objectContaining({
        source: '1c',
        amount: '120000',
        allocated: '120000',
        paid_on: '2026-11-30',
        number: '777',
      }),
    ]);
    expect((await entriesOf(c))[0]?.description).toBe(`Оплата (п/п № 777 от 30.11.2026, ${order.number})`);
    expect((await orderRow(order.id)).paidAmount).toBe(120_000);
  });

  it('debits each shipment once, with the delivery cost on the first; personal orders stay out', async () => {
    const c = await company();
    const order = await deferredOrder(c, 0, 3, 50_000); // 3 000 ₽ + 500 ₽ delivery
    const s1 = await ship(order, 2);
    await ship(order, 1);
    expect(await recordShipment(k.t.db, s1)).toBe(false);
    await k.t.drainJobs();
    expect(await entriesOf(c)).toEqual([
      { kind: 'shipment', debit: '250000', credit: '0', description: `Реализация (${order.number}/1)` },
      { kind: 'shipment', debit: '100000', credit: '0', description: `Реализация (${order.number}/2)` },
    ]);
    expect(await balanceOf(k.t.db, c)).toBe(order.total);

    const personal = await createTestOrder(k.t.db, {
      personId: buyerId,
      status: 'assembling',
      lines: [{ product: p[0] as TestProduct, quantity: 1 }],
    });
    const before = await queryRows<{ n: number }>(k.t.db, sql`select count(*)::int as n from ledger_entries`);
    await ship(personal);
    const after = await queryRows<{ n: number }>(k.t.db, sql`select count(*)::int as n from ledger_entries`);
    expect(after[0]?.n).toBe(before[0]?.n);
  });
});

describe('balance, ledger and summary', () => {
  it('opening balance once, the ledger of a period with opening and closing, the debt history', async () => {
    const c = await company();
    const ob = { companyId: c, asOf: '2026-01-01', balance: 300_000, externalId: 'ob-2026' };
    expect((await importOpeningBalance(k.t.db, ob)).created).toBe(true);
    const repeat = await importOpeningBalance(k.t.db, { ...ob, balance: 999 });
    expect(repeat).toMatchObject({ created: false, entry: { debit: 300_000 } });
    await recordCompanyPayment(
      k.t.db,
      { companyId: c, amount: 100_000, paidOn: '2026-02-10', number: '12', source: '1c', externalId: 'p-12' },
      financeSystemActor,
    );
    expect(await balanceOf(k.t.db, c)).toBe(200_000);
    expect(await balanceOf(k.t.db, c, '2026-02-09')).toBe(300_000);
    expect(await balanceOf(k.t.db, c, '2025-12-31')).toBe(0);
    expect(await openCreditOf(k.t.db, c)).toBe(100_000);

    const feb = await ledgerFor(k.t.db, c, '2026-02-01', '2026-02-28');
    expect(feb.opening).toBe(300_000);
    expect(feb.closing).toBe(200_000);
    expect(feb.entries).toEqual([
      expect.objectContaining({
        date: '2026-02-10',
        kind: 'payment',
        debit: 0,
        credit: 100_000,
        description: 'Оплата (п/п № 12 от 10.02.2026)',
      }),
    ]);
    const jan = await ledgerFor(k.t.db, c, '2026-01-01', '2026-01-31');
    expect(jan).toMatchObject({ opening: 0, closing: 300_000 });
    expect(jan.entries[0]?.description).toBe('Начальное сальдо на 01.01.2026');

    expect(await debtHistory(k.t.db, c, '2026-02-08', '2026-02-12')).toEqual([
      { date: '2026-02-08', balance: 300_000 },
      { date: '2026-02-09', balance: 300_000 },
      { date: '2026-02-10', balance: 200_000 },
      { date: '2026-02-11', balance: 200_000 },
      { date: '2026-02-12', balance: 200_000 },
    ]);
    expect(await debtHistory(k.t.db, c, '2025-12-25', '2026-01-10', 'week')).toEqual([
      { date: '2025-12-31', balance: 0 },
      { date: '2026-01-07', balance: 300_000 },
      { date: '2026-01-10', balance: 300_000 },
    ]);
  });

  it('summary: receivable, overdue past the due date (first shipment + term), credit', async () => {
    const c = await company(10, 1_000_000);
    const shipped = await deferredOrder(c, 1); // 2 000 ₽
    await ship(shipped);
    const waiting = await deferredOrder(c, 0); // 1 000 ₽, not shipped
    const today = businessDay();

    const schedule = await paymentSchedule(k.t.db, c, addDays(today, 11));
    expect(schedule).toEqual([
      expect.objectContaining({
        orderId: shipped.id,
        amountDue: 200_000,
        shippedOn: today,
        dueDate: addDays(today, 10),
        daysOverdue: 1,
      }),
      expect.objectContaining({
        orderId: waiting.id,
        amountDue: 100_000,
        shippedOn: null,
        dueDate: null,
        daysOverdue: 0,
      }),
    ]);
    const early = await financeSummary(k.t.db, c, addDays(today, 10));
    expect(early).toEqual({
      balance: 200_000,
      receivable: 200_000,
      overdue: 0,
      creditLimit: 1_000_000,
      creditUsed: 300_000,
      creditAvailable: 700_000,
      unallocatedCredit: 0,
    });
    expect((await financeSummary(k.t.db, c, addDays(today, 11))).overdue).toBe(200_000);
    // The companies module keeps the term: the back office changes it.
    const res = await admin('PATCH', `/api/v1/admin/companies/${c}`, { paymentTermDays: 30 });
    expect(res.statusCode).toBe(200);
    expect(res.json().paymentTermDays).toBe(30);
    expect((await financeSummary(k.t.db, c, addDays(today, 11))).overdue).toBe(0);
    expect((await admin('PATCH', `/api/v1/admin/companies/${c}`, { paymentTermDays: -1 })).statusCode).toBe(
      400,
    );
  });
});
