import { eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { demoCompanies, demoPeople } from '../../db/seed/demo-data.js';
import { type Db, queryRows } from '../../server/core/db.js';
import type { OrderPaymentMethod, OrderPaymentState, OrderStatus } from '../../shared/orders.js';
import { catalogFixtures } from '../catalog/browse/browse.testkit.js';
import { reserveStock } from '../catalog/stock.service.js';
import { devTestCards } from '../payments/dev-pay.page.js';
import { paymentOf, startPayment } from '../payments/payments.service.js';
import { paymentsTestApp } from '../payments/payments.testkit.js';
import { users } from '../people/people.tables.js';
import { orderEvents, orderLines, orderReservations, orders } from './orders.tables.js';

/** A product of the test catalog, with stock in one warehouse, ready to be ordered. */
export interface TestProduct {
  productId: string;
  variantId: string;
  sku: string;
  name: string;
  price: number;
}

/** Products with a retail price and stock, inserted directly (placement is not needed to test aftercare). */
export async function stockedProducts(db: Db, count: number, onHand = 100): Promise<TestProduct[]> {
  const f = catalogFixtures(db);
  const warehouseId = await f.warehouse(`Склад ${uuidv7().slice(-6)}`, 1);
  const out: TestProduct[] = [];
  for (let i = 0; i < count; i++) {
    const sku = `AFT-${uuidv7().slice(-8)}-${i}`;
    const name = `Фильтр ${i + 1}`;
    const price = 1000_00 * (i + 1);
    const { id, variantId } = await f.product({ name, sku, categoryId: null, price });
    await f.stock(variantId, warehouseId, onHand);
    out.push({ productId: id, variantId, sku, name, price });
  }
  return out;
}

export interface TestOrderInput {
  personId: string;
  personName?: string;
  companyId?: string | null;
  status?: OrderStatus;
  paymentMethod?: OrderPaymentMethod;
  paymentState?: OrderPaymentState;
  paymentId?: string | null;
  paidAmount?: number;
  locale?: 'ru' | 'en';
  deliveryCost?: number;
  createdAt?: Date;
  lines: Array<{ product: TestProduct; quantity: number }>;
  /** For a delivered or completed order: when it was delivered (default now); the return window counts from it. */
  deliveredAt?: Date;
  /** Hold stock for the lines as placement would (default true). */
  reserve?: boolean;
}

/**
 * Inserts an order as placement would leave it (number from the sequence, snapshot lines, stock reserved
 * and recorded per line and warehouse), in the status asked for.
 */
export async function createTestOrder(db: Db, input: TestOrderInput) {
  const id = uuidv7();
  const [seq] = await queryRows<{ n: number }>(db, sql`select nextval('order_number_seq')::int as n`);
  const number = `K-2026-${String(seq?.n ?? 0).padStart(6, '0')}`;
  const lines = input.lines.map((l, i) => ({
    id: uuidv7(),
    orderId: id,
    position: i + 1,
    variantId: l.product.variantId,
    productId: l.product.productId,
    sku: l.product.sku,
    name: l.product.name,
    unit: 'шт',
    quantity: l.quantity,
    listPrice: l.product.price,
    unitPrice: l.product.price,
    lineTotal: Math.round(l.product.price * l.quantity),
  }));
  const itemsTotal = lines.reduce((sum, l) => sum + l.lineTotal, 0);
  const deliveryCost = input.deliveryCost ?? 0;
  const reserve = input.reserve ?? !['shipped', 'delivered', 'completed'].includes(input.status ?? 'new');
  await db.insert(orders).values({
    id,
    number,
    companyId: input.companyId ?? null,
    personId: input.personId,
    placedByName: input.personName ?? 'Покупатель',
    locale: input.locale ?? 'ru',
    status: input.status ?? 'new',
    paymentState: input.paymentState ?? (input.paymentMethod === 'card_online' ? 'paid' : 'unpaid'),
    paymentMethod: input.paymentMethod ?? (input.companyId ? 'invoice' : 'cash_on_delivery'),
    itemsTotal,
    deliveryCost,
    total: itemsTotal + deliveryCost,
    paidAmount: input.paidAmount ?? 0,
    lineCount: lines.length,
    delivery: {
      methodId: uuidv7(),
      kind: 'courier',
      name: 'Курьер',
      carrier: 'СДЭК',
      warehouseId: null,
      addressId: null,
      address: 'Москва, ул. Тверская, 1',
      recipientName: input.personName ?? 'Покупатель',
      phone: '+79990000000',
      consignee: null,
      lat: 55.76,
      lon: 37.61,
    },
    paymentId: input.paymentId ?? null,
    holdsStock: reserve,
    idempotencyKey: `test-${id}`,
    ...(input.createdAt ? { createdAt: input.createdAt } : {}),
  });
  await db.insert(orderLines).values(lines);
  if (reserve) {
    const result = await reserveStock(
      db,
      lines.map((l) => ({ key: l.id, variantId: l.variantId, quantity: l.quantity })),
    );
    if (!result.ok) throw new Error(`test order out of stock: ${JSON.stringify(result.shortages)}`);
    await db.insert(orderReservations).values(
      result.allocations.map((a) => ({
        orderId: id,
        lineId: a.key,
        variantId: a.variantId,
        warehouseId: a.warehouseId,
        quantity: a.quantity,
      })),
    );
  }
  if (input.status === 'delivered' || input.status === 'completed') {
    await db.insert(orderEvents).values({
      id: uuidv7(),
      orderId: id,
      at: input.deliveredAt ?? new Date(),
      kind: 'status',
      status: 'delivered',
      actorKind: 'system',
    });
  }
  return { id, number, lineIds: lines.map((l) => l.id), total: itemsTotal + deliveryCost };
}

/** A file part of a multipart request. */
export interface TestFile {
  field?: string;
  name: string;
  type: string;
  data: Buffer;
}

/** The smallest files of each kind the upload check accepts (magic bytes are what counts). */
export const testFiles = {
  png: (): TestFile => ({
    field: 'photos',
    name: 'photo.png',
    type: 'image/png',
    data: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]),
  }),
  pdf: (): TestFile => ({
    field: 'files',
    name: 'act.pdf',
    type: 'application/pdf',
    data: Buffer.from('%PDF-1.4\n%test\n'),
  }),
  fakePng: (): TestFile => ({
    field: 'photos',
    name: 'virus.png',
    type: 'image/png',
    data: Buffer.from('MZ not an image'),
  }),
};

/**
 * A listening test app (the dev payment provider's webhooks reach it) with the demo business seeded, helpers to
 * act as its people, to send multipart requests, and to pay an order by card on the dev payment page.
 */
export async function aftercareTestApp() {
  const env = await paymentsTestApp();
  const { t, origin } = env;
  async function cookieOf(email: string) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in/email',
      payload: { email, password: 'demo-password-for-tests' },
      headers: { origin },
    });
    const cookie = res.cookies.find((c) => c.name.endsWith('session_token'));
    if (!cookie) throw new Error(`sign-in of ${email} failed: ${res.statusCode} ${res.body}`);
    return `${cookie.name}=${cookie.value}`;
  }
  const as =
    (cookie: string | undefined) =>
    (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
      t.app.inject({
        method,
        url,
        ...(payload !== undefined ? { payload: payload as object } : {}),
        headers: { origin, ...(cookie ? { cookie } : {}) },
      });
  /** Sends multipart/form-data: a `data` JSON field and files. */
  const multipart = (cookie: string | undefined, url: string, data: unknown, files: TestFile[] = []) => {
    const boundary = `----kabinet${uuidv7()}`;
    const parts: Buffer[] = [
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${typeof data === 'string' ? data : JSON.stringify(data)}\r\n`,
      ),
    ];
    for (const f of files) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'files'}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
        ),
        f.data,
        Buffer.from('\r\n'),
      );
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return t.app.inject({
      method: 'POST',
      url,
      payload: Buffer.concat(parts),
      headers: {
        origin,
        ...(cookie ? { cookie } : {}),
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
    });
  };
  const personIdOf = async (email: string) => {
    const [row] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (!row) throw new Error(`no person ${email}`);
    return row.id;
  };
  async function companyIdOf(cookie: string, name: string): Promise<string> {
    const me = (await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).json();
    const found = me.contexts.companies.find((c: { name: string }) => c.name === name);
    if (!found) throw new Error(`not a member of ${name}`);
    return found.id;
  }
  /** A succeeded card payment of `amount` for an order, paid on the dev page. */
  /** A dev-provider card payment for the order, paid on its page; `linked`: the order knows it before it is paid. */
  async function paidPayment(orderId: string, amount: number, { linked = false } = {}) {
    const payment = await startPayment(t.db, env.ctx, {
      subjectType: 'order',
      subjectId: orderId,
      amount,
      description: 'Заказ',
      payer: { personId: env.personId },
      returnUrl: `${origin}/orders/${orderId}`,
      idempotencyKey: uuidv7(),
    });
    if (linked) await t.db.update(orders).set({ paymentId: payment.id }).where(eq(orders.id, orderId));
    await t.app.inject({
      method: 'POST',
      url: new URL(payment.confirmationUrl as string).pathname,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ card: devTestCards.success, expiry: '12/30' }).toString(),
    });
    await t.drainJobs();
    return paymentOf(t.db, payment.id);
  }
  /** The newest dev-mailbox message to an address (after running queued jobs). */
  async function latestMailTo(to: string) {
    await t.drainJobs();
    const operator = await t.operator();
    const list = await t.app.inject({
      url: `/api/v1/admin/dev-mailbox?to=${encodeURIComponent(to)}`,
      headers: { cookie: operator },
    });
    const first = list.json().items[0];
    if (!first) return undefined;
    return (
      await t.app.inject({ url: `/api/v1/admin/dev-mailbox/${first.id}`, headers: { cookie: operator } })
    ).json() as { subject: string; text: string };
  }
  return { ...env, cookieOf, as, multipart, personIdOf, companyIdOf, paidPayment, latestMailTo };
}

export type AftercareTestApp = Awaited<ReturnType<typeof aftercareTestApp>>;
export { demoCompanies, demoPeople };
