import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  approvalStates,
  claimKinds,
  claimStatuses,
  type OrderDiscount,
  orderPaymentMethods,
  orderPaymentStates,
  orderStatuses,
  returnKinds,
  returnStatuses,
  shipmentStatuses,
} from '../../shared/orders.js';

/** A quantity with three decimals, like the catalog's (metres and kilograms are sold too). */
const quantity = (name: string) => numeric(name, { precision: 15, scale: 3, mode: 'number' });
/** Kopecks. */
const money = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });

/** What the order's delivery was at placement, kept as it was (a method or address may change later). */
export interface OrderDeliverySnapshot {
  methodId: string;
  kind: 'pickup' | 'courier' | 'transport_company';
  name: string;
  carrier: string | null;
  warehouseId: string | null;
  addressId: string | null;
  /** The address as one line, or the pickup point's address. */
  address: string | null;
  recipientName: string | null;
  phone: string | null;
  consignee: { name: string; inn: string | null; kpp: string | null } | null;
  lat: number | null;
  lon: number | null;
}

/**
 * An order: placed by a person for themselves (company_id null) or for a company. Other modules' rows
 * (people, companies, variants, delivery methods) are referenced by id without foreign keys where the order
 * must outlive them; what the order showed is snapshotted in its columns and lines.
 */
export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey(),
    /** Human number, `K-2026-000123`. */
    number: text('number').notNull().unique(),
    companyId: uuid('company_id'),
    /** The person who placed it (kept after their erasure: an order is a financial record). */
    personId: text('person_id').notNull(),
    placedByName: text('placed_by_name').notNull(),
    /** The language notifications about this order are written in. */
    locale: text('locale').notNull().default('ru'),
    status: text('status', { enum: orderStatuses }).notNull().default('new'),
    paymentState: text('payment_state', { enum: orderPaymentStates }).notNull().default('unpaid'),
    paymentMethod: text('payment_method', { enum: orderPaymentMethods }).notNull(),
    currency: text('currency').notNull().default('RUB'),
    itemsTotal: money('items_total').notNull(),
    deliveryCost: money('delivery_cost').notNull().default(0),
    /** Promo-code and bonus-point discounts taken off the items (the loyalty modules decide them at placing). */
    discountTotal: money('discount_total').notNull().default(0),
    /** What made up `discountTotal`, as the customer saw it at checkout (docs/loyalty.md). */
    discounts: jsonb('discounts').$type<OrderDiscount[]>().notNull().default([]),
    total: money('total').notNull(),
    paidAmount: money('paid_amount').notNull().default(0),
    refundedAmount: money('refunded_amount').notNull().default(0),
    lineCount: integer('line_count').notNull(),
    delivery: jsonb('delivery').$type<OrderDeliverySnapshot>().notNull(),
    desiredDate: date('desired_date'),
    comment: text('comment'),
    /** Set while the order is (or was) waiting for an approver of the company. */
    approvalState: text('approval_state', { enum: approvalStates }),
    /** Why the order needs approval (rule ids and plain reasons), shown to the approver. */
    approvalReasons: jsonb('approval_reasons').$type<string[]>().notNull().default([]),
    approvedBy: text('approved_by'),
    approvalComment: text('approval_comment'),
    approvalDecidedAt: at('approval_decided_at'),
    /** Stock is held for an order awaiting approval until then; afterwards it is released. */
    reservedUntil: at('reserved_until'),
    /** True while the order holds stock reservations (placement until shipment, cancellation or expiry). */
    holdsStock: boolean('holds_stock').notNull().default(false),
    /** The card payment in progress or done (payments module id). */
    paymentId: uuid('payment_id'),
    cancelReason: text('cancel_reason'),
    /** The client's key for placing; a repeat with the same key returns this order. */
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    confirmedAt: at('confirmed_at'),
    cancelledAt: at('cancelled_at'),
    /**
     * Change sequence: a trigger (migration 0036) gives every insert and update the next value of
     * `orders_change_seq`, so "orders changed since N" is an index range (the 1C sale exchange reads it).
     */
    changeSeq: bigint('change_seq', { mode: 'number' }).notNull().default(0),
    /** The order's number and date in 1C (`Номер1С`, `Дата1С`), as the 1C sale exchange last sent them. */
    number1c: text('number_1c'),
    date1c: text('date_1c'),
  },
  (t) => [
    uniqueIndex('orders_idempotency_idx').on(t.personId, t.idempotencyKey),
    // History lists: newest first, keyset on (created_at, id); btree scans backwards for DESC.
    index('orders_company_created_idx').on(t.companyId, t.createdAt, t.id),
    index('orders_person_created_idx').on(t.personId, t.createdAt, t.id),
    index('orders_status_created_idx').on(t.status, t.createdAt, t.id),
    index('orders_created_idx').on(t.createdAt, t.id),
    index('orders_approval_idx').on(t.companyId, t.createdAt).where(sql`${t.approvalState} = 'pending'`),
    // The credit check sums only what deferred orders still owe: a company's settled history stays out of it.
    index('orders_credit_open_idx')
      .on(t.companyId)
      .where(
        sql`${t.paymentMethod} = 'deferred' and ${t.status} <> 'cancelled' and ${t.paidAmount} < ${t.total}`,
      ),
    index('orders_reserved_until_idx')
      .on(t.reservedUntil)
      .where(sql`${t.reservedUntil} is not null and ${t.holdsStock}`),
    check('orders_total_check', sql`${t.total} = ${t.itemsTotal} - ${t.discountTotal} + ${t.deliveryCost}`),
    index('orders_change_seq_idx').on(t.changeSeq),
  ],
);

/** A line as priced at placement: the snapshot is what the customer agreed to pay. */
export const orderLines = pgTable(
  'order_lines',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    variantId: uuid('variant_id').notNull(),
    productId: uuid('product_id').notNull(),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    unit: text('unit').notNull().default('шт'),
    quantity: quantity('quantity').notNull(),
    /** Price before discounts, per unit. */
    listPrice: money('list_price').notNull(),
    unitPrice: money('unit_price').notNull(),
    lineTotal: money('line_total').notNull(),
    /** This line's share of the order's discounts (promo code, bonus points): it pays `lineTotal - discount`. */
    discount: money('discount').notNull().default(0),
    vatRate: integer('vat_rate'),
  },
  (t) => [
    uniqueIndex('order_lines_order_idx').on(t.orderId, t.position),
    // "Orders containing this product (or variant)" filter (`linesOfProduct`).
    index('order_lines_product_idx').on(t.productId, t.orderId),
  ],
);

/** Stock an order holds, per line and warehouse, until shipped, cancelled or expired. */
export const orderReservations = pgTable(
  'order_reservations',
  {
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    lineId: uuid('line_id')
      .notNull()
      .references(() => orderLines.id, { onDelete: 'cascade' }),
    variantId: uuid('variant_id').notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    quantity: quantity('quantity').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.lineId, t.warehouseId] }),
    index('order_reservations_order_idx').on(t.orderId),
  ],
);

/** The order's timeline: every status change, approval, payment, shipment and edit, with who and when. */
export const orderEvents = pgTable(
  'order_events',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    at: at('at').notNull().defaultNow(),
    /** status | approval | payment | shipment | edit | comment | return | claim */
    kind: text('kind').notNull(),
    /** The status the order moved to, for status events. */
    status: text('status', { enum: orderStatuses }),
    actorKind: text('actor_kind', { enum: ['person', 'staff', 'system'] }).notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    note: text('note'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('order_events_order_idx').on(t.orderId, t.at)],
);

/** Per-company approval rules (set by the company admin): an order matching any active rule waits. */
export const approvalRules = pgTable(
  'approval_rules',
  {
    id: uuid('id').primaryKey(),
    companyId: uuid('company_id').notNull(),
    name: text('name').notNull(),
    /** Orders with a total above this (kopecks) need approval; null: any amount. */
    amountOver: money('amount_over'),
    /** Orders with a line in one of these categories (or below them) need approval; empty: any category. */
    categoryIds: uuid('category_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** Members whose orders the rule applies to, by org role; empty: everyone without orders.approve. */
    roles: text('roles').array().notNull().default(sql`'{}'::text[]`),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('approval_rules_company_idx').on(t.companyId)],
);

/** A shipment of some of an order's lines (an order may ship in several), with its tracking. */
export const shipments = pgTable(
  'shipments',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    /** `K-2026-000123/2`. */
    number: text('number').notNull().unique(),
    carrier: text('carrier'),
    trackingNumber: text('tracking_number'),
    status: text('status', { enum: shipmentStatuses }).notNull().default('preparing'),
    expectedDate: date('expected_date'),
    /** Last known location (from the carrier feed or the manager). */
    lastLat: doublePrecision('last_lat'),
    lastLon: doublePrecision('last_lon'),
    lastLocation: text('last_location'),
    shippedAt: at('shipped_at'),
    deliveredAt: at('delivered_at'),
    /** The shipment's number in 1C (`Номер отгрузки по 1С`) when 1C reported it: one shipment per number. */
    externalNumber: text('external_number'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('shipments_order_idx').on(t.orderId), index('shipments_tracking_idx').on(t.trackingNumber)],
);

export const shipmentLines = pgTable(
  'shipment_lines',
  {
    shipmentId: uuid('shipment_id')
      .notNull()
      .references(() => shipments.id, { onDelete: 'cascade' }),
    lineId: uuid('line_id')
      .notNull()
      .references(() => orderLines.id, { onDelete: 'cascade' }),
    quantity: quantity('quantity').notNull(),
  },
  (t) => [primaryKey({ columns: [t.shipmentId, t.lineId] }), index('shipment_lines_line_idx').on(t.lineId)],
);

/** A tracking event: status, place and time, from the carrier feed or entered by the manager. */
export const shipmentEvents = pgTable(
  'shipment_events',
  {
    id: uuid('id').primaryKey(),
    shipmentId: uuid('shipment_id')
      .notNull()
      .references(() => shipments.id, { onDelete: 'cascade' }),
    at: at('at').notNull(),
    status: text('status', { enum: shipmentStatuses }).notNull(),
    description: text('description'),
    location: text('location'),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    source: text('source', { enum: ['carrier', 'manager'] }).notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('shipment_events_shipment_idx').on(t.shipmentId, t.at),
    check('shipment_events_location_pair', sql`(${t.lat} is null) = (${t.lon} is null)`),
  ],
);

/** A customer's return or exchange request for delivered items. */
export const orderReturns = pgTable(
  'order_returns',
  {
    id: uuid('id').primaryKey(),
    /** `K-2026-000123-R1`. */
    number: text('number').notNull().unique(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    personId: text('person_id').notNull(),
    kind: text('kind', { enum: returnKinds }).notNull().default('refund'),
    status: text('status', { enum: returnStatuses }).notNull().default('requested'),
    reason: text('reason').notNull(),
    comment: text('comment'),
    /** Kopecks to refund (the returned lines at their order price). */
    amount: money('amount').notNull(),
    refundedAmount: money('refunded_amount').notNull().default(0),
    managerComment: text('manager_comment'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('order_returns_order_idx').on(t.orderId),
    index('order_returns_person_idx').on(t.personId, t.createdAt),
  ],
);

export const orderReturnLines = pgTable(
  'order_return_lines',
  {
    returnId: uuid('return_id')
      .notNull()
      .references(() => orderReturns.id, { onDelete: 'cascade' }),
    lineId: uuid('line_id')
      .notNull()
      .references(() => orderLines.id, { onDelete: 'cascade' }),
    quantity: quantity('quantity').notNull(),
  },
  (t) => [primaryKey({ columns: [t.returnId, t.lineId] })],
);

/** A company's claim (рекламация) on delivered goods, linked to the order and, when known, the shipment. */
export const claims = pgTable(
  'claims',
  {
    id: uuid('id').primaryKey(),
    /** `K-2026-000123-C1`. */
    number: text('number').notNull().unique(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    shipmentId: uuid('shipment_id').references(() => shipments.id, { onDelete: 'set null' }),
    companyId: uuid('company_id').notNull(),
    personId: text('person_id').notNull(),
    kind: text('kind', { enum: claimKinds }).notNull(),
    status: text('status', { enum: claimStatuses }).notNull().default('submitted'),
    description: text('description').notNull(),
    /** What the company asks for: replacement, refund, repair, discount. */
    requestedResolution: text('requested_resolution'),
    managerAnswer: text('manager_answer'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [index('claims_company_idx').on(t.companyId, t.createdAt), index('claims_order_idx').on(t.orderId)],
);

export const claimLines = pgTable(
  'claim_lines',
  {
    claimId: uuid('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    lineId: uuid('line_id')
      .notNull()
      .references(() => orderLines.id, { onDelete: 'cascade' }),
    quantity: quantity('quantity').notNull(),
  },
  (t) => [primaryKey({ columns: [t.claimId, t.lineId] })],
);

/** Photos and documents attached to a return or a claim (files in the storage, checked on upload). */
export const orderAttachments = pgTable(
  'order_attachments',
  {
    id: uuid('id').primaryKey(),
    ownerType: text('owner_type', { enum: ['return', 'claim'] }).notNull(),
    ownerId: uuid('owner_id').notNull(),
    storageKey: text('storage_key').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('order_attachments_owner_idx').on(t.ownerType, t.ownerId)],
);
