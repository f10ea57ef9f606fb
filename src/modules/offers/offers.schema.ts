import { z } from 'zod';
import { productCardSchema } from '../catalog/index.js';

/** Zod schemas of the offers API (docs/offers.md). */

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).nullish();

export const idParams = z.object({ id: z.guid() });
export const offerParams = z.object({ offerId: z.guid() });
export const productParams = z.object({ productId: z.guid() });
export const orgParams = z.object({ orgId: z.string().max(64) });

export const placementQuery = z.object({ placement: z.enum(['home', 'catalog']).default('home') });

export const segmentRulesSchema = z
  .object({
    audience: z.enum(['retail', 'company', 'any']),
    newWithinDays: z.number().int().min(1).max(3650).nullish(),
    tierCodes: z.array(text(40).min(1)).max(20).nullish(),
    customerGroupIds: z.array(z.guid()).max(50).nullish(),
    companyKinds: z
      .array(z.enum(['client', 'partner', 'supplier']))
      .max(3)
      .nullish(),
  })
  .strict();

export const segmentBody = z
  .object({
    name: text(120).min(1),
    description: optionalText(500),
    rules: segmentRulesSchema,
    personIds: z.array(text(64).min(1)).max(1000).default([]),
  })
  .strict();
export type SegmentInput = z.infer<typeof segmentBody>;

export const segmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  rules: segmentRulesSchema,
  personIds: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const segmentListSchema = z.object({ items: z.array(segmentSchema) });
export const previewSchema = z.object({ count: z.number().int() });

const localized = z.object({ ru: z.string(), en: z.string().nullable() });

export const promotionBody = z
  .object({
    titleRu: text(200).min(1),
    titleEn: optionalText(200),
    textRu: text(2000).default(''),
    textEn: optionalText(2000),
    link: z
      .object({ kind: z.enum(['category', 'product', 'promo_code']), value: text(200).min(1) })
      .strict()
      .nullish(),
    placement: z.enum(['home', 'catalog', 'both']),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    segmentIds: z.array(z.guid()).min(1).max(50),
    priority: z.number().int().min(-1000).max(1000).default(0),
    active: z.boolean().default(true),
  })
  .strict()
  .refine((p) => Date.parse(p.endsAt) > Date.parse(p.startsAt), {
    path: ['endsAt'],
    message: 'The end must be after the start',
  });
export type PromotionInput = z.infer<typeof promotionBody>;

export const promotionSchema = z.object({
  id: z.string(),
  title: localized,
  text: localized,
  link: z.object({ kind: z.enum(['category', 'product', 'promo_code']), value: z.string() }).nullable(),
  placement: z.enum(['home', 'catalog', 'both']),
  startsAt: z.string(),
  endsAt: z.string(),
  priority: z.number().int(),
});
export const adminPromotionSchema = promotionSchema.extend({
  segmentIds: z.array(z.string()),
  active: z.boolean(),
  updatedAt: z.string(),
});
export const adminPromotionListSchema = z.object({ items: z.array(adminPromotionSchema) });

export const offerBody = z
  .object({
    titleRu: text(200).min(1),
    titleEn: optionalText(200),
    textRu: text(2000).default(''),
    textEn: optionalText(2000),
    promoCode: optionalText(64),
    validUntil: z.iso.datetime({ offset: true }),
    segmentIds: z.array(z.guid()).min(1).max(50),
    active: z.boolean().default(true),
  })
  .strict();
export type OfferInput = z.infer<typeof offerBody>;

export const offerSchema = z.object({
  id: z.string(),
  title: localized,
  text: localized,
  promoCode: z.string().nullable(),
  validUntil: z.string(),
});
export const adminOfferSchema = offerSchema.extend({
  segmentIds: z.array(z.string()),
  active: z.boolean(),
  dismissals: z.number().int(),
  updatedAt: z.string(),
});
export const adminOfferListSchema = z.object({ items: z.array(adminOfferSchema) });

export const myOffersSchema = z.object({
  promotions: z.array(promotionSchema),
  offers: z.array(offerSchema),
  buyAgain: z.array(productCardSchema),
});
export const productRowSchema = z.object({ items: z.array(productCardSchema) });

export const recoStatusSchema = z.object({
  lastRun: z
    .object({
      startedAt: z.string(),
      finishedAt: z.string(),
      durationMs: z.number().int(),
      buyAgainRows: z.number().int(),
      boughtTogetherRows: z.number().int(),
    })
    .nullable(),
  queued: z.boolean(),
  settings: z.object({
    historyDays: z.number().int(),
    minSupport: z.number().int(),
    topN: z.number().int(),
    buyAgainN: z.number().int(),
  }),
});
