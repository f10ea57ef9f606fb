import { z } from 'zod';
import { pageQuery } from '../../server/core/pagination.js';
import {
  claimKinds,
  claimStatuses,
  orderStatuses,
  returnKinds,
  returnStatuses,
  shipmentStatuses,
} from '../../shared/orders.js';

/** A quantity: positive, at most three decimals. */
const quantity = z.number().positive().max(1_000_000).multipleOf(0.001);
const lineQuantity = z.object({ lineId: z.uuid(), quantity });
const kopecks = z.number().int().min(0).max(100_000_000_000);
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish();
const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).max(20));

export const idParams = z.object({ id: z.uuid() });
export const orgIdParams = z.object({ orgId: z.uuid(), id: z.uuid() });
export const attachmentParams = z.object({ id: z.uuid(), attachmentId: z.uuid() });
export const orgAttachmentParams = attachmentParams.extend({ orgId: z.uuid() });
export const orgParams = z.object({ orgId: z.uuid() });

export const adminOrdersQuery = pageQuery.extend({
  status: csv(z.enum(orderStatuses)).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  minTotal: z.coerce.number().int().min(0).optional(),
  maxTotal: z.coerce.number().int().min(0).optional(),
  number: z.string().trim().max(40).optional(),
  companyId: z.uuid().optional(),
  personId: z.string().max(64).optional(),
  product: z.uuid().optional(),
  mine: z.enum(['0', '1']).optional(),
});

export const statusBody = z.object({ status: z.enum(orderStatuses), note: optionalText(1000) });

export const editBody = z
  .object({
    lines: z
      .array(z.object({ lineId: z.uuid(), quantity: z.number().min(0).max(1_000_000).multipleOf(0.001) }))
      .max(200)
      .optional(),
    // A new line names its variant by id, or by SKU as a manager types it.
    addLines: z
      .array(
        z
          .object({
            variantId: z.uuid().optional(),
            sku: z.string().trim().min(1).max(100).optional(),
            quantity,
          })
          .refine((a) => (a.variantId === undefined) !== (a.sku === undefined), {
            message: 'Give either variantId or sku',
          }),
      )
      .max(50)
      .optional(),
    deliveryCost: kopecks.optional(),
    comment: optionalText(2000),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'Nothing to change' });

export const shipmentBody = z.object({
  carrier: optionalText(100),
  trackingNumber: optionalText(100),
  expectedDate: z.iso.date().nullish(),
  lines: z.array(lineQuantity).min(1).max(200),
});

const point = {
  location: optionalText(200),
  lat: z.number().min(-90).max(90).nullish(),
  lon: z.number().min(-180).max(180).nullish(),
};
const pairRule = (e: { lat?: number | null | undefined; lon?: number | null | undefined }) =>
  (e.lat === null || e.lat === undefined) === (e.lon === null || e.lon === undefined);
const pairMessage = { message: 'Give both latitude and longitude, or neither', path: ['lon'] };

export const trackingEventBody = z
  .object({
    status: z.enum(shipmentStatuses),
    at: z.iso.datetime({ offset: true }).optional(),
    description: optionalText(500),
    ...point,
  })
  .refine(pairRule, pairMessage);

export const trackingFeedBody = z
  .array(
    z
      .object({
        trackingNumber: text(100),
        status: z.enum(shipmentStatuses),
        at: z.iso.datetime({ offset: true }),
        description: optionalText(500),
        ...point,
      })
      .refine(pairRule, pairMessage),
  )
  .min(1)
  .max(1000);

export const refundBody = z.object({ amount: z.number().int().positive(), reason: text(500) });

export const returnData = z.object({
  kind: z.enum(returnKinds).default('refund'),
  reason: text(500),
  comment: optionalText(2000),
  lines: z.array(lineQuantity).min(1).max(200),
});

export const claimData = z.object({
  kind: z.enum(claimKinds),
  shipmentId: z.uuid().nullish(),
  description: text(4000),
  requestedResolution: optionalText(500),
  lines: z.array(lineQuantity).max(200).default([]),
});

export const returnsQuery = pageQuery.extend({ status: z.enum(returnStatuses).optional() });
export const claimsQuery = pageQuery.extend({ status: z.enum(claimStatuses).optional() });
export const returnStatusBody = z.object({
  status: z.enum(returnStatuses),
  managerComment: optionalText(2000),
});
export const claimStatusBody = z.object({ status: z.enum(claimStatuses), managerAnswer: optionalText(4000) });
