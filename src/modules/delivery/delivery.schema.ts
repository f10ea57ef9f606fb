import { z } from 'zod';
import { deliveryAudiences, deliveryKinds } from './delivery.tables.js';

const money = z.number().int().min(0).max(1e12);
const kg = z.number().min(0).max(1e6);
const m3 = z.number().min(0).max(1e4);
const days = z.number().int().min(0).max(365);
const place = z.string().trim().min(1).max(200);

const prefixes = z.array(z.string().regex(/^\d{1,6}$/, 'Digits only, 1 to 6')).max(500);
const position = z.number().int().min(0).max(10_000);

// Each resource: its fields without defaults (a PATCH must not reset what it does not send: zod keeps
// defaults through .partial()), and the create body with the defaults filled in.
const zoneFields = z.object({
  name: z.string().trim().min(1).max(200),
  postalPrefixes: prefixes,
  regions: z.array(place).max(200),
  cities: z.array(place).max(500),
  isDefault: z.boolean(),
  position,
});
export const zoneBody = zoneFields.extend({
  postalPrefixes: prefixes.default([]),
  regions: zoneFields.shape.regions.default([]),
  cities: zoneFields.shape.cities.default([]),
  isDefault: z.boolean().default(false),
  position: position.default(0),
});
export const zonePatch = zoneFields.partial();
export const zoneSchema = z.object({
  id: z.string(),
  name: z.string(),
  postalPrefixes: z.array(z.string()),
  regions: z.array(z.string()),
  cities: z.array(z.string()),
  isDefault: z.boolean(),
  position: z.number(),
});

const methodFields = z.object({
  kind: z.enum(deliveryKinds),
  name: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().max(200).nullable(),
  carrier: z.string().trim().max(200).nullable(),
  warehouseId: z.uuid().nullable(),
  audiences: z.array(z.enum(deliveryAudiences)).min(1).max(2),
  leadTimeDays: days,
  position,
  isActive: z.boolean(),
});
/** A pickup names its warehouse; a transport company names its carrier. */
export const methodBody = methodFields
  .extend({
    nameEn: methodFields.shape.nameEn.default(null),
    carrier: methodFields.shape.carrier.default(null),
    warehouseId: methodFields.shape.warehouseId.default(null),
    audiences: methodFields.shape.audiences.default(['retail', 'company']),
    leadTimeDays: days.default(0),
    position: position.default(0),
    isActive: z.boolean().default(true),
  })
  .superRefine((m, ctx) => {
    if (m.kind === 'pickup' && !m.warehouseId)
      ctx.addIssue({ code: 'custom', path: ['warehouseId'], message: 'A pickup method needs a warehouse' });
    if (m.kind === 'transport_company' && !m.carrier)
      ctx.addIssue({
        code: 'custom',
        path: ['carrier'],
        message: 'A transport company needs a carrier name',
      });
  });
export const methodPatch = methodFields.partial();
export const methodSchema = methodFields.extend({ id: z.string() });

const tariffFields = z.object({
  methodId: z.uuid(),
  zoneId: z.uuid(),
  baseCost: money,
  includedWeightKg: kg,
  perKgCost: money,
  perM3Cost: money,
  volumetricFactor: z.number().min(0).max(10_000),
  maxWeightKg: kg.nullable(),
  maxVolumeM3: m3.nullable(),
  freeOverAmount: money.nullable(),
  daysMin: days,
  daysMax: days,
});
export const tariffBody = tariffFields
  .extend({
    baseCost: money.default(0),
    includedWeightKg: kg.default(0),
    perKgCost: money.default(0),
    perM3Cost: money.default(0),
    volumetricFactor: tariffFields.shape.volumetricFactor.default(0),
    maxWeightKg: kg.nullable().default(null),
    maxVolumeM3: m3.nullable().default(null),
    freeOverAmount: money.nullable().default(null),
    daysMin: days.default(0),
    daysMax: days.default(0),
  })
  .refine((t) => t.daysMax >= t.daysMin, { path: ['daysMax'], message: 'Must not be below daysMin' });
export const tariffPatch = tariffFields.omit({ methodId: true, zoneId: true }).partial();
export const tariffSchema = tariffFields.extend({ id: z.string() });

const line = z.union([
  z.object({ variantId: z.uuid(), quantity: z.number().positive().max(1e6) }),
  z.object({ weightKg: kg, volumeM3: m3.default(0), quantity: z.number().positive().max(1e6) }),
]);
export const quoteBody = z.object({
  address: z.object({
    postalCode: z
      .string()
      .regex(/^\d{6}$/, 'Six digits')
      .optional(),
    region: z.string().trim().max(200).optional(),
    city: z.string().trim().max(200).optional(),
  }),
  items: z.array(line).min(1).max(500),
  orderAmount: money.default(0),
  desiredDate: z.iso.date().optional(),
});
export type QuoteBody = z.infer<typeof quoteBody>;

const head = {
  methodId: z.string(),
  kind: z.enum(deliveryKinds),
  name: z.string(),
  nameEn: z.string().nullable(),
  carrier: z.string().nullable(),
  warehouse: z.object({ id: z.string(), name: z.string(), address: z.string().nullable() }).nullable(),
};
export const quoteSchema = z.object({
  zone: z.object({ id: z.string(), name: z.string() }).nullable(),
  weightKg: z.number(),
  volumeM3: z.number(),
  methods: z.array(
    z.discriminatedUnion('available', [
      z.object({
        ...head,
        available: z.literal(true),
        cost: z.number(),
        free: z.boolean(),
        billableWeightKg: z.number(),
        earliestDate: z.string(),
        latestDate: z.string(),
        deliveryDate: z.string(),
        desiredDateMet: z.boolean().nullable(),
      }),
      z.object({
        ...head,
        available: z.literal(false),
        reason: z.enum(['NO_TARIFF', 'TOO_HEAVY', 'TOO_BULKY', 'WAREHOUSE_UNAVAILABLE']),
      }),
    ]),
  ),
});
