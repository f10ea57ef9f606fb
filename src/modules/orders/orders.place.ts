import { and, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { AppError, type FieldProblem } from '../../server/core/errors.js';
import type { ReadCache } from '../../server/core/read-cache.js';
import type { OrderPaymentMethod, OrderStatus } from '../../shared/orders.js';
import { emptyCartAfterOrder } from '../carts/index.js';
import { priceLines } from '../catalog/pricing/pricing.service.js';
import type { PricingContext } from '../catalog/pricing/pricing.types.js';
import { planFromLockedStock, type StockShortage } from '../catalog/stock.service.js';
import { type DeliveryConfig, deliveryConfig, quoteDelivery } from '../delivery/delivery.service.js';
import { type PaymentsContext, startPayment } from '../payments/payments.service.js';
import { getOrdersSettings } from '../settings/settings.service.js';
import { approvalReasonsOf, getApprovalSettings } from './approvals.service.js';
import { adjustCheckout, type CheckoutLine } from './orders.adjust.js';
import { creditOf } from './orders.credit.js';
import { newOrderRows, type OrderDetailRows } from './orders.detail.js';
import type { OrderActor, OrderRow } from './orders.lifecycle.js';
import { readPlacementFacts } from './orders.place-read.js';
import { writePlacedOrder } from './orders.place-write.js';
import { type OrderableVariant, orderableVariants } from './orders.products.js';
import { type OrderDeliverySnapshot, orders } from './orders.tables.js';

/** Who the order is for: a person's own order (companyId null) or a company member's order. */
export interface OrderOwner {
  personId: string;
  personName: string;
  companyId: string | null;
  /** The placer's org role and whether it may approve orders (company orders only). */
  role?: string;
  canApprove?: boolean;
}

export interface PlaceOrderInput {
  owner: OrderOwner;
  pricing: PricingContext;
  lines: { variantId: string; quantity: number }[];
  /** The cart the lines came from: emptied in the same transaction as the order is placed. */
  cartId?: string;
  delivery: { methodId: string; addressId?: string | undefined; desiredDate?: string | undefined };
  paymentMethod: OrderPaymentMethod;
  comment?: string | undefined;
  idempotencyKey: string;
  savePaymentMethod?: boolean | undefined;
  savedPaymentMethodId?: string | undefined;
  /** A promo code or coupon to apply (decided by the registered checkout adjuster, orders.adjust.ts). */
  promoCode?: string | undefined;
  /** Bonus points to pay part of the order with. */
  bonusPoints?: number | undefined;
  locale: 'ru' | 'en';
  /** Where the payment page returns the payer (the order page in the web app); `{id}` is replaced. */
  returnUrl: string;
  now?: Date;
  /** The read cache, for the delivery settings. */
  cache?: ReadCache;
  /** The request placing the order: its read-cache lookups share one read of the versions. */
  request?: object;
}

/** Payment methods each kind of customer may choose. */
export const personalPaymentMethods: readonly OrderPaymentMethod[] = [
  'card_online',
  'cash_on_delivery',
  'card_on_delivery',
];
export const companyPaymentMethods: readonly OrderPaymentMethod[] = ['invoice', 'deferred', 'card_online'];

const milli = (q: number) => Math.round(q * 1000);

/** OUT_OF_STOCK with every short line: what was asked and what is free, and a path per line. */
export function outOfStock(
  lines: readonly { variantId: string }[],
  shortages: readonly StockShortage[],
): AppError {
  const problems: FieldProblem[] = [];
  const details: string[] = [];
  lines.forEach((line, i) => {
    const short = shortages.find((s) => s.variantId === line.variantId);
    if (!short) return;
    problems.push({
      path: `lines[${i}].quantity`,
      message: `Only ${short.available} available of ${short.requested}`,
    });
  });
  for (const s of shortages)
    details.push(`${s.variantId}: requested ${s.requested}, available ${s.available}`);
  return new AppError('OUT_OF_STOCK', `Not enough stock: ${details.join('; ')}`, problems);
}

/** Checks pack multiplicity and minimum order of each line; 400 with line paths. */
export function checkQuantities(
  lines: PlaceOrderInput['lines'],
  variants: Map<string, OrderableVariant>,
): OrderableVariant[] {
  const problems: FieldProblem[] = [];
  const found: OrderableVariant[] = [];
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    const v = variants.get(line.variantId);
    if (!v) {
      problems.push({ path: `lines[${i}].variantId`, message: 'No such product in the catalog' });
      return;
    }
    if (seen.has(line.variantId))
      problems.push({ path: `lines[${i}].variantId`, message: 'The same product is on two lines' });
    seen.add(line.variantId);
    found.push(v);
    if (milli(line.quantity) < milli(v.minOrderQty))
      problems.push({
        path: `lines[${i}].quantity`,
        message: `The minimum order is ${v.minOrderQty} ${v.unit}`,
      });
    else if (milli(line.quantity) % milli(v.packSize) !== 0)
      problems.push({
        path: `lines[${i}].quantity`,
        message: `Order in multiples of ${v.packSize} ${v.unit}`,
      });
  });
  if (problems.length) throw new AppError('VALIDATION_FAILED', 'Some lines cannot be ordered', problems);
  return found;
}

type PricedLines = Awaited<ReturnType<typeof priceLines>>;

/** The priced lines as the checkout adjuster sees them (placing and the discounts preview build them alike). */
export function adjustLinesOf(
  lines: PlaceOrderInput['lines'],
  facts: readonly OrderableVariant[],
  priced: PricedLines,
): CheckoutLine[] {
  return lines.map((l, i) => {
    const price = priced[i];
    return {
      variantId: l.variantId,
      productId: (facts[i] as OrderableVariant).productId,
      categoryPath: (facts[i] as OrderableVariant).categoryPath,
      quantity: l.quantity,
      unitPrice: price?.unitPrice ?? 0,
      lineTotal: price?.total ?? 0,
      priceSource: price?.rule.source ?? 'default',
      discounted: Boolean(price?.rule.discount || price?.rule.promo),
    };
  });
}

/**
 * Prices lines for a checkout preview exactly as placing does (the same ordering rules, pricing and line
 * facts), without reserving anything: the promotions module's discounts preview calls it.
 */
export async function priceCheckoutLines(
  db: Db,
  pricing: PricingContext,
  lines: PlaceOrderInput['lines'],
): Promise<{ lines: CheckoutLine[]; itemsTotal: number }> {
  if (lines.length === 0) throw new AppError('CART_EMPTY', 'The order has no lines');
  const variants = await orderableVariants(
    db,
    lines.map((l) => l.variantId),
    pricing.customerGroupId,
  );
  const facts = checkQuantities(lines, variants);
  const priced = await priceLines(
    db,
    pricing,
    lines.map((l, i) => ({
      productId: (facts[i] as OrderableVariant).productId,
      variantId: l.variantId,
      quantity: l.quantity,
    })),
  );
  const unpriced = priced.flatMap((p, i) =>
    p ? [] : [{ path: `lines[${i}].variantId`, message: 'Not for sale at the moment' }],
  );
  if (unpriced.length) throw new AppError('VALIDATION_FAILED', 'Some lines have no price', unpriced);
  const adjustLines = adjustLinesOf(lines, facts, priced);
  return { lines: adjustLines, itemsTotal: adjustLines.reduce((s, l) => s + l.lineTotal, 0) };
}

const addressLine = (a: {
  postalCode: string | null;
  region: string | null;
  city: string | null;
  line: string;
  flat: string | null;
}) =>
  [a.postalCode, a.region, a.city, a.line, a.flat ? `кв./оф. ${a.flat}` : null].filter(Boolean).join(', ');

/** The existing order for this person and key, if any. */
async function byKey(db: Db, personId: string, key: string): Promise<OrderRow | null> {
  const [row] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.personId, personId), eq(orders.idempotencyKey, key)))
    .prepare('orders_by_idempotency_key')
    .execute();
  return row ?? null;
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return (e.cause?.code ?? e.code) === '23505';
}

/**
 * Places an order in ONE transaction: idempotency by (person, key), price snapshot per line, ordering rules,
 * delivery cost, stock reservation, credit check, approval rules, order number, timeline. A card order not
 * waiting for approval then gets its payment started (after the commit; `payOrder` retries it). Returns the
 * order and whether this call created it (false: a repeat with the same key).
 */
export async function placeOrder(
  db: Db,
  ctx: PaymentsContext,
  input: PlaceOrderInput,
): Promise<{ order: OrderRow; created: boolean; rows?: OrderDetailRows }> {
  let placed: OrderDetailRows | { existing: OrderRow };
  try {
    // Delivery settings are read before the transaction: from the read cache, which queries on its own.
    const deliverySettings = input.cache ? await deliveryConfig(db, input.cache, input.request) : undefined;
    placed = await db.transaction((tx) => placeInTransaction(tx, input, deliverySettings));
  } catch (error) {
    // A concurrent request with the same key committed first: the unique index decided, return its order.
    if (isUniqueViolation(error)) {
      const first = await byKey(db, input.owner.personId, input.idempotencyKey);
      if (first) return { order: first, created: false };
    }
    throw error;
  }
  // A repeat with the same key: the first order, whatever this request asked.
  if ('existing' in placed) return { order: placed.existing, created: false };
  let rows = placed;
  if (rows.order.status === 'awaiting_payment')
    rows = { ...rows, order: await startOrderPayment(db, ctx, rows.order, input) };
  return { order: rows.order, created: true, rows };
}

/** Starts the card payment of an order waiting for it and links it to the order. */
export async function startOrderPayment(
  db: Db,
  ctx: PaymentsContext,
  order: OrderRow,
  options: {
    returnUrl: string;
    savePaymentMethod?: boolean | undefined;
    savedPaymentMethodId?: string | undefined;
    attempt?: string;
  },
): Promise<OrderRow> {
  const payment = await startPayment(db, ctx, {
    subjectType: 'order',
    subjectId: order.id,
    amount: order.total - order.paidAmount,
    description: `Заказ ${order.number}`,
    payer: { personId: order.personId, ...(order.companyId ? { companyId: order.companyId } : {}) },
    returnUrl: options.returnUrl.replace('{id}', order.id),
    idempotencyKey: `order:${order.id}:${options.attempt ?? '1'}`,
    savePaymentMethod: options.savePaymentMethod ?? false,
    savedMethodId: options.savedPaymentMethodId,
  });
  const [updated] = await db
    .update(orders)
    .set({ paymentId: payment.id, updatedAt: new Date() })
    .where(eq(orders.id, order.id))
    .returning();
  return updated ?? order;
}

async function placeInTransaction(
  tx: Db,
  input: PlaceOrderInput,
  deliverySettings?: DeliveryConfig,
): Promise<OrderDetailRows | { existing: OrderRow }> {
  const { owner } = input;
  const now = input.now ?? new Date();
  const allowed = owner.companyId ? companyPaymentMethods : personalPaymentMethods;

  // An order with this key, products and ordering rules, pricing candidates, the address, the approval rules
  // and the locked stock rows: one statement.
  const audience = owner.companyId ? 'company' : 'retail';
  const addressOwner = owner.companyId
    ? ({ kind: 'company', companyId: owner.companyId } as const)
    : ({ kind: 'person', userId: owner.personId } as const);
  const read = await readPlacementFacts(tx, {
    variantIds: input.lines.map((l) => l.variantId),
    pricing: input.pricing,
    address: input.delivery.addressId ? { owner: addressOwner, id: input.delivery.addressId } : null,
    companyId: owner.companyId,
    idempotency: { personId: owner.personId, key: input.idempotencyKey },
  });
  if (read.existing) return { existing: read.existing };
  if (!allowed.includes(input.paymentMethod))
    throw new AppError('VALIDATION_FAILED', 'This payment method is not offered here', [
      { path: 'paymentMethod', message: `Choose one of: ${allowed.join(', ')}` },
    ]);
  if (input.lines.length === 0) throw new AppError('CART_EMPTY', 'The order has no lines');
  const facts = checkQuantities(input.lines, read.variants);
  const priced = await priceLines(
    tx,
    input.pricing,
    input.lines.map((l, i) => ({
      productId: (facts[i] as OrderableVariant).productId,
      variantId: l.variantId,
      quantity: l.quantity,
    })),
    // The pricing rules' facts (product, brand, category) were read with the variants, and the candidates too.
    { facts, candidates: read.candidates },
  );
  const unpriced = priced.flatMap((p, i) =>
    p ? [] : [{ path: `lines[${i}].variantId`, message: 'Not for sale at the moment' }],
  );
  if (unpriced.length) throw new AppError('VALIDATION_FAILED', 'Some lines have no price', unpriced);
  const itemsTotal = priced.reduce((sum, p) => sum + (p?.total ?? 0), 0);

  // Delivery: the chosen method's quote for these lines and the address.
  const address = read.address ?? null;
  if (input.delivery.addressId && !address)
    throw new AppError('VALIDATION_FAILED', 'No such address', [
      { path: 'delivery.addressId', message: 'No such address in the book' },
    ]);
  const quote = await quoteDelivery(
    tx,
    {
      address: address
        ? {
            ...(address.postalCode ? { postalCode: address.postalCode } : {}),
            ...(address.region ? { region: address.region } : {}),
            ...(address.city ? { city: address.city } : {}),
          }
        : {},
      // Weights and volumes were read with the variants.
      items: input.lines.map((l, i) => ({
        weightKg: (facts[i] as OrderableVariant).weightKg ?? 0,
        volumeM3: (facts[i] as OrderableVariant).volumeM3 ?? 0,
        quantity: l.quantity,
      })),
      orderAmount: itemsTotal,
      ...(input.delivery.desiredDate ? { desiredDate: input.delivery.desiredDate } : {}),
      audience,
      now,
    },
    deliverySettings ? { config: deliverySettings } : {},
  );
  const method = quote.methods.find((m) => m.methodId === input.delivery.methodId);
  if (!method?.available)
    throw new AppError('VALIDATION_FAILED', 'This delivery method is not available for the order', [
      {
        path: 'delivery.methodId',
        message: method && !method.available ? method.reason : 'No such delivery method',
      },
    ]);
  if (method.kind !== 'pickup' && !address)
    throw new AppError('VALIDATION_FAILED', 'Delivery needs an address', [
      { path: 'delivery.addressId', message: 'Choose a delivery address' },
    ]);
  const deliveryCost = method.cost;
  const orderId = uuidv7();

  // Promo code and bonus points: decided and recorded by the loyalty modules in this transaction.
  const adjustment = await adjustCheckout(tx, {
    orderId,
    owner,
    lines: adjustLinesOf(input.lines, facts, priced),
    itemsTotal,
    deliveryCost,
    promoCode: input.promoCode,
    bonusPoints: input.bonusPoints,
    now,
  });
  const discountTotal = adjustment.discounts.reduce((sum, d) => sum + d.amount, 0);
  const total = itemsTotal - discountTotal + deliveryCost;
  const pickupWarehouse = method.kind === 'pickup' ? (method.warehouse?.id ?? null) : null;
  const delivery: OrderDeliverySnapshot = {
    methodId: method.methodId,
    kind: method.kind,
    name: input.locale === 'en' && method.nameEn ? method.nameEn : method.name,
    carrier: method.carrier,
    warehouseId: pickupWarehouse,
    addressId: method.kind === 'pickup' ? null : (address?.id ?? null),
    address:
      method.kind === 'pickup' ? (method.warehouse?.address ?? null) : address ? addressLine(address) : null,
    recipientName: address?.recipientName ?? owner.personName,
    phone: address?.phone ?? null,
    consignee: address?.consignee
      ? { name: address.consignee.name, inn: address.consignee.inn, kpp: address.consignee.kpp ?? null }
      : null,
    lat: method.kind === 'pickup' ? null : (address?.location?.lat ?? null),
    lon: method.kind === 'pickup' ? null : (address?.location?.lon ?? null),
  };

  // Stock: the pickup point only, else the warehouses in the back office's order.
  const lineIds = input.lines.map(() => uuidv7());
  // The rows were locked by the read; the reservation itself is written with the order (one statement).
  const reserved = planFromLockedStock(
    read.stock,
    input.lines.map((l, i) => ({ key: lineIds[i] as string, variantId: l.variantId, quantity: l.quantity })),
    pickupWarehouse ? { onlyWarehouseId: pickupWarehouse } : {},
  );
  if (!reserved.ok) throw outOfStock(input.lines, reserved.shortages);

  // Credit (company deferred payment) and approval rules.
  const reasons: string[] = [];
  if (owner.companyId && input.paymentMethod === 'deferred') {
    const credit = await creditOf(tx, owner.companyId, { lock: true });
    if (!credit)
      throw new AppError('VALIDATION_FAILED', 'Deferred payment is not available to this company', [
        { path: 'paymentMethod', message: 'The company has no credit limit' },
      ]);
    if (total > credit.available) {
      const policy = (await getOrdersSettings(tx)).creditOverLimit;
      if (policy === 'refuse')
        throw new AppError(
          'CREDIT_LIMIT_EXCEEDED',
          `The order total ${total} exceeds the available credit ${credit.available} (limit ${credit.limit}, used ${credit.used})`,
          [
            { path: 'credit.limit', message: String(credit.limit) },
            { path: 'credit.used', message: String(credit.used) },
            { path: 'credit.available', message: String(credit.available) },
            { path: 'credit.orderTotal', message: String(total) },
          ],
        );
      reasons.push(`credit:${total}>${credit.available}`);
    }
  }
  if (owner.companyId) {
    reasons.push(
      ...approvalReasonsOf(read.approvalRules, {
        companyId: owner.companyId,
        role: owner.role ?? '',
        canApprove: owner.canApprove ?? false,
        total,
        categoryPaths: facts.map((f) => f.categoryPath),
      }),
    );
  }
  const needsApproval = reasons.length > 0;
  const holdHours =
    needsApproval && owner.companyId ? (await getApprovalSettings(tx, owner.companyId)).holdHours : 0;

  // Placed, then at once waiting for an approver, for the card payment, or confirmed: both on the timeline.
  const status: OrderStatus = needsApproval
    ? 'awaiting_approval'
    : input.paymentMethod === 'card_online'
      ? 'awaiting_payment'
      : 'confirmed';
  const actor: OrderActor = { kind: 'person', id: owner.personId, name: owner.personName };
  const { order, lines, timeline } = await writePlacedOrder(tx, {
    order: {
      id: orderId,
      companyId: owner.companyId,
      personId: owner.personId,
      placedByName: owner.personName,
      locale: input.locale,
      status,
      paymentState: 'unpaid',
      paymentMethod: input.paymentMethod,
      itemsTotal,
      deliveryCost,
      discountTotal,
      discounts: adjustment.discounts,
      total,
      delivery,
      desiredDate: input.delivery.desiredDate ?? null,
      comment: input.comment || null,
      approvalState: needsApproval ? 'pending' : null,
      approvalReasons: reasons,
      reservedUntil: needsApproval ? new Date(now.getTime() + holdHours * 3_600_000) : null,
      holdsStock: reserved.allocations.length > 0,
      idempotencyKey: input.idempotencyKey,
      createdAt: now,
      confirmedAt: status === 'confirmed' ? now : null,
    },
    lines: input.lines.map((l, i) => {
      const fact = facts[i] as OrderableVariant;
      const price = priced[i];
      return {
        id: lineIds[i] as string,
        position: i + 1,
        variantId: l.variantId,
        productId: fact.productId,
        sku: fact.sku,
        name: fact.name,
        unit: fact.unit,
        quantity: l.quantity,
        listPrice: price?.listPrice ?? price?.unitPrice ?? 0,
        unitPrice: price?.unitPrice ?? 0,
        lineTotal: price?.total ?? 0,
        discount: adjustment.lineDiscounts[i] ?? 0,
        vatRate: fact.vatRate,
      };
    }),
    stockWrite: reserved.write,
    reservations: reserved.allocations.map((a) => ({
      lineId: a.key,
      variantId: a.variantId,
      warehouseId: a.warehouseId,
      quantity: a.quantity,
    })),
    actor,
    events: [
      { kind: 'placed', status: 'new', data: { total, paymentMethod: input.paymentMethod } },
      {
        kind: 'status',
        status,
        note: needsApproval ? 'Waiting for an approver' : null,
        data: needsApproval ? { reasons } : {},
      },
    ],
    statusChange: { from: 'new', to: status },
  });
  if (input.cartId) await emptyCartAfterOrder(tx, input.cartId);
  return newOrderRows(order, lines, timeline);
}
