import { z } from 'zod';
import { pageQuery } from '../../server/core/pagination.js';
import {
  approvalStates,
  orderDiscountKinds,
  orderPaymentMethods,
  orderPaymentStates,
  orderStatuses,
} from '../../shared/orders.js';

const uuid = z.uuid();
/** Quantities have up to three decimals (metres, kilograms). */
const quantity = z
  .number()
  .positive()
  .max(1e6)
  .refine((q) => Math.abs(q * 1000 - Math.round(q * 1000)) < 1e-6, 'At most three decimals');

export const orderLineInput = z.object({ variantId: uuid, quantity });
export const orderLinesInput = z.array(orderLineInput).min(1).max(500);

export const orgParams = z.object({ orgId: z.string().max(64) });
export const orderParams = z.object({ id: z.string().max(64) });
export const orgOrderParams = orgParams.extend({ id: z.string().max(64) });

/** The `Idempotency-Key` header, required on placement. */
export const placeHeaders = z.object({
  'idempotency-key': z
    .string({ message: 'The Idempotency-Key header is required' })
    .trim()
    .min(8, 'At least 8 characters')
    .max(128),
});

export const placeOrderBody = z.object({
  /** Order this cart (its lines; the cart is emptied in the placing transaction). Or send `lines`. */
  cartId: uuid.optional(),
  lines: orderLinesInput.optional(),
  delivery: z.object({
    methodId: uuid,
    addressId: uuid.optional(),
    desiredDate: z.iso.date().optional(),
  }),
  paymentMethod: z.enum(orderPaymentMethods),
  comment: z.string().trim().max(2000).optional(),
  savePaymentMethod: z.boolean().optional(),
  savedPaymentMethodId: uuid.optional(),
  /** A promo code or coupon (docs/loyalty.md); a refusal says why in `problems[0].message`. */
  promoCode: z.string().trim().min(1).max(64).optional(),
  /** Bonus points to spend on this order (at most the configured share of it). */
  bonusPoints: z.number().int().min(0).max(100_000_000).optional(),
});
export type PlaceOrderBody = z.infer<typeof placeOrderBody>;

/** Checkout options are asked with a POST body: 300 lines do not fit a query string. */
export const checkoutOptionsBody = z.object({
  /** The cart going to checkout; or the `lines` themselves. */
  cartId: uuid.optional(),
  lines: orderLinesInput.optional(),
  addressId: uuid.optional(),
  desiredDate: z.iso.date().optional(),
});

const csv = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .max(300)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)));

export const orderListQuery = pageQuery.extend({
  status: csv(orderStatuses).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  minTotal: z.coerce.number().int().min(0).optional(),
  maxTotal: z.coerce.number().int().min(0).optional(),
  number: z.string().trim().max(40).optional(),
  /** A variant or a product id: orders containing it. */
  product: uuid.optional(),
  /** Number, SKU or product name. */
  q: z.string().trim().max(100).optional(),
  placedBy: z.string().max(64).optional(),
});
export type OrderListQuery = z.infer<typeof orderListQuery>;

export const cancelBody = z.object({ reason: z.string().trim().max(500).optional() }).optional();
export const decisionBody = z.object({ comment: z.string().trim().max(1000).optional() }).optional();

export const orderSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(orderStatuses),
  paymentState: z.enum(orderPaymentStates),
  paymentMethod: z.enum(orderPaymentMethods),
  total: z.number(),
  currency: z.string(),
  lineCount: z.number(),
  companyId: z.string().nullable(),
  placedBy: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
  desiredDate: z.string().nullable(),
  approvalState: z.enum(approvalStates).nullable(),
});
export const orderPageSchema = z.object({
  items: z.array(orderSummarySchema),
  nextCursor: z.string().nullable(),
});

export const orderDiscountSchema = z.object({
  kind: z.enum(orderDiscountKinds),
  code: z.string().optional(),
  label: z.string(),
  amount: z.number(),
  points: z.number().optional(),
});

export const orderSchema = orderSummarySchema.extend({
  itemsTotal: z.number(),
  deliveryCost: z.number(),
  /** Promo-code and bonus discounts; `total = itemsTotal - discountTotal + deliveryCost`. */
  discountTotal: z.number(),
  discounts: z.array(orderDiscountSchema),
  paidAmount: z.number(),
  refundedAmount: z.number(),
  comment: z.string().nullable(),
  cancelReason: z.string().nullable(),
  delivery: z.object({
    methodId: z.string(),
    kind: z.enum(['pickup', 'courier', 'transport_company']),
    name: z.string(),
    carrier: z.string().nullable(),
    warehouseId: z.string().nullable(),
    addressId: z.string().nullable(),
    address: z.string().nullable(),
    recipientName: z.string().nullable(),
    phone: z.string().nullable(),
    consignee: z
      .object({ name: z.string(), inn: z.string().nullable(), kpp: z.string().nullable() })
      .nullable(),
  }),
  lines: z.array(
    z.object({
      id: z.string(),
      position: z.number(),
      variantId: z.string(),
      productId: z.string(),
      sku: z.string(),
      name: z.string(),
      unit: z.string(),
      quantity: z.number(),
      listPrice: z.number(),
      unitPrice: z.number(),
      lineTotal: z.number(),
      /** This line's share of the order's discounts. */
      discount: z.number(),
      shippedQuantity: z.number(),
    }),
  ),
  timeline: z.array(
    z.object({
      id: z.string(),
      at: z.string(),
      kind: z.string(),
      status: z.enum(orderStatuses).nullable(),
      actor: z.object({ kind: z.enum(['person', 'staff', 'system']), name: z.string().nullable() }),
      note: z.string().nullable(),
    }),
  ),
  approval: z
    .object({
      state: z.enum(approvalStates),
      reasons: z.array(z.string()),
      decidedBy: z.string().nullable(),
      comment: z.string().nullable(),
      decidedAt: z.string().nullable(),
      reservedUntil: z.string().nullable(),
    })
    .nullable(),
  payment: z
    .object({ id: z.string(), status: z.string(), confirmationUrl: z.string().nullable() })
    .nullable(),
  // Built and described by the back-office/aftercare side (docs/orders.md, "Order JSON").
  shipments: z.array(z.looseObject({ id: z.string() })),
  returns: z.array(z.looseObject({ id: z.string() })),
  claims: z.array(z.looseObject({ id: z.string() })),
  can: z.object({
    cancel: z.boolean(),
    pay: z.boolean(),
    approve: z.boolean(),
    return: z.boolean(),
    claim: z.boolean(),
    repeat: z.boolean(),
  }),
});

export const payAgainSchema = z.object({ confirmationUrl: z.string().nullable(), status: z.string() });

export const checkoutOptionsSchema = z.object({
  cart: z.object({
    lines: z.array(
      z.object({
        variantId: z.string(),
        productId: z.string(),
        sku: z.string(),
        name: z.string(),
        unit: z.string(),
        quantity: z.number(),
        unitPrice: z.number().nullable(),
        lineTotal: z.number().nullable(),
      }),
    ),
    itemsTotal: z.number(),
  }),
  addresses: z.array(
    z.object({ id: z.string(), label: z.string().nullable(), text: z.string(), isDefault: z.boolean() }),
  ),
  addressId: z.string().nullable(),
  deliveryQuotes: z.array(
    z.object({
      methodId: z.string(),
      kind: z.enum(['pickup', 'courier', 'transport_company']),
      name: z.string(),
      carrier: z.string().nullable(),
      available: z.boolean(),
      cost: z.number().nullable(),
      deliveryDate: z.string().nullable(),
      warehouseId: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  ),
  paymentMethods: z.array(z.enum(orderPaymentMethods)),
  savedCards: z.array(z.object({ id: z.string(), title: z.string() })),
  credit: z.object({ limit: z.number(), used: z.number(), available: z.number() }).nullable(),
  approvalExpected: z.boolean(),
});

// Approvals -------------------------------------------------------------------------------------------------

// The fields without defaults for the PATCH (zod keeps defaults through .partial(), so a PATCH would reset
// what it does not send), and the create body with the defaults filled in.
const approvalRuleFields = z.object({
  name: z.string().trim().min(1).max(200),
  amountOver: z.number().int().min(0).max(1e15).nullable(),
  categoryIds: z.array(uuid).max(100),
  roles: z.array(z.string().max(64)).max(20),
  isActive: z.boolean(),
});
export const approvalRuleBody = approvalRuleFields.extend({
  amountOver: approvalRuleFields.shape.amountOver.default(null),
  categoryIds: approvalRuleFields.shape.categoryIds.default([]),
  roles: approvalRuleFields.shape.roles.default([]),
  isActive: approvalRuleFields.shape.isActive.default(true),
});
export const approvalRulePatch = approvalRuleFields.partial();
export const approvalRuleParams = orgParams.extend({ ruleId: z.string().max(64) });
export const approvalRuleSchema = z.object({
  id: z.string(),
  name: z.string(),
  amountOver: z.number().nullable(),
  categoryIds: z.array(z.string()),
  roles: z.array(z.string()),
  isActive: z.boolean(),
});
export const approvalRuleListSchema = z.object({ items: z.array(approvalRuleSchema) });
export const approvalSettingsBody = z.object({ holdHours: z.number().int().min(1).max(720) });
export const approvalSettingsSchema = approvalSettingsBody;
