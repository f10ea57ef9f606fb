import { z } from 'zod';
import { innField, kppField } from '../../shared/fields.js';
import { normalizePhone } from '../../shared/phone.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));

/** A phone as typed, stored in E.164 (the shared helper decides what a valid number is). */
export const phoneField = z
  .string()
  .max(32)
  .transform((value, ctx) => {
    const phone = normalizePhone(value);
    if (phone) return phone;
    ctx.addIssue({ code: 'custom', message: 'Not a valid phone number, e.g. +7 916 123-45-67' });
    return z.NEVER;
  });

/** A Russian postal code (индекс): six digits. */
export const postalCodeField = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'A postal code has 6 digits');

export const locationSchema = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});

/**
 * The consignee (грузополучатель) of a company address. A legal entity (10-digit INN) has a KPP; a sole
 * trader or a person (12-digit INN) has none.
 */
export const consigneeBody = z
  .object({
    name: text(300),
    inn: innField,
    kpp: kppField.nullable().optional(),
    contactName: optionalText(200),
    phone: phoneField.nullable().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.inn.length === 10 && !v.kpp) {
      ctx.addIssue({ code: 'custom', path: ['kpp'], message: 'A legal entity consignee needs a KPP' });
    }
    if (v.inn.length === 12 && v.kpp) {
      ctx.addIssue({ code: 'custom', path: ['kpp'], message: 'A sole trader or person has no KPP' });
    }
  });

const addressFields = {
  label: text(60),
  recipientName: text(200),
  phone: phoneField,
  postalCode: postalCodeField,
  region: text(200),
  city: text(200),
  line: text(500),
  flat: optionalText(30),
  comment: optionalText(500),
  location: locationSchema.nullable().optional(),
};

/** A new personal address; `isDefault` makes it the default one (the first address always is). */
export const personalAddressBody = z.object({ ...addressFields, isDefault: z.boolean().optional() });
export const personalAddressPatch = z.object(addressFields).partial();

export const companyAddressBody = personalAddressBody.extend({
  consignee: consigneeBody.nullable().optional(),
});
export const companyAddressPatch = personalAddressPatch.extend({
  consignee: consigneeBody.nullable().optional(),
});

export type PersonalAddressInput = z.infer<typeof personalAddressBody>;
export type CompanyAddressInput = z.infer<typeof companyAddressBody>;
export type AddressPatch = z.infer<typeof companyAddressPatch>;

export const consigneeSchema = z
  .object({
    name: z.string(),
    inn: z.string(),
    kpp: z.string().nullable(),
    contactName: z.string().nullable(),
    phone: z.string().nullable(),
  })
  .meta({ id: 'Consignee' });

export const addressSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    recipientName: z.string(),
    phone: z.string(),
    postalCode: z.string(),
    region: z.string(),
    city: z.string(),
    line: z.string(),
    flat: z.string().nullable(),
    comment: z.string().nullable(),
    location: locationSchema.nullable(),
    /** Only on company addresses, and only when one is set. */
    consignee: consigneeSchema.nullable(),
    isDefault: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'DeliveryAddress' });

export const addressListSchema = z.object({ items: z.array(addressSchema), limit: z.number().int() });

export const addressParams = z.object({ addressId: z.uuid() });
export const orgAddressParams = z.object({ orgId: z.string().max(64), addressId: z.uuid() });
export const orgParams = z.object({ orgId: z.string().max(64) });
