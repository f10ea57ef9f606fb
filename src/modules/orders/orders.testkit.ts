import { eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { type Db, queryRows } from '../../server/core/db.js';
import type { OrderPaymentMethod, OrderPaymentState, OrderStatus } from '../../shared/orders.js';
import { catalogFixtures } from '../catalog/browse/browse.testkit.js';
import { reserveStock } from '../catalog/stock.service.js';
import { orderLines, orderReservations, orders } from './orders.tables.js';

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
  const reserve = input.reserve ?? true;
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
  return { id, number, lineIds: lines.map((l) => l.id), total: itemsTotal + deliveryCost };
}

/** Moves a test order's delivery stamp back (the return window counts from it). */
export async function setOrderStatusRaw(db: Db, orderId: string, status: OrderStatus): Promise<void> {
  await db.update(orders).set({ status }).where(eq(orders.id, orderId));
}
