import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true });

/** What a segment's rules may say; every rule given must hold (AND). docs/offers.md, "Segments". */
export interface SegmentRules {
  /** `retail`: a person in their own cabinet; `company`: a member acting in a company; `any`: both. */
  audience: 'retail' | 'company' | 'any';
  /** New customers: registered within this many days, or with no orders yet. */
  newWithinDays?: number | null;
  /** Loyalty tier codes (loyalty_accounts.tier_code). */
  tierCodes?: string[] | null;
  /** The company's customer (price) group; company audience only. */
  customerGroupIds?: string[] | null;
  /** The company's kinds (client, partner, supplier): any of them; company audience only. */
  companyKinds?: ('client' | 'partner' | 'supplier')[] | null;
}

/** Segments staff define by rules, plus an optional explicit list of people who always belong. */
export const offerSegments = pgTable('offer_segments', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description'),
  rules: jsonb('rules').$type<SegmentRules>().notNull(),
  /** People who belong whatever the rules say. */
  personIds: text('person_ids').array().notNull().default(sql`'{}'::text[]`),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/** A campaign banner shown to its segments on the home page and/or in the catalog within its period. */
export const offerPromotions = pgTable(
  'offer_promotions',
  {
    id: uuid('id').primaryKey(),
    titleRu: text('title_ru').notNull(),
    titleEn: text('title_en'),
    textRu: text('text_ru').notNull().default(''),
    textEn: text('text_en'),
    /** What the banner links to: a catalog category (slug), a product (id), or a promo code to show. */
    linkKind: text('link_kind', { enum: ['category', 'product', 'promo_code'] }),
    linkValue: text('link_value'),
    placement: text('placement', { enum: ['home', 'catalog', 'both'] }).notNull(),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    segmentIds: uuid('segment_ids').array().notNull(),
    /** Higher first. */
    priority: integer('priority').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('offer_promotions_period_check', sql`${t.endsAt} > ${t.startsAt}`),
    check('offer_promotions_link_check', sql`(${t.linkKind} is null) = (${t.linkValue} is null)`),
    index('offer_promotions_live_idx').on(t.endsAt).where(sql`${t.active}`),
  ],
);

/** A personal offer staff assign to segments; each person may dismiss it. */
export const personalOffers = pgTable(
  'personal_offers',
  {
    id: uuid('id').primaryKey(),
    titleRu: text('title_ru').notNull(),
    titleEn: text('title_en'),
    textRu: text('text_ru').notNull().default(''),
    textEn: text('text_en'),
    promoCode: text('promo_code'),
    validUntil: at('valid_until').notNull(),
    segmentIds: uuid('segment_ids').array().notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [index('personal_offers_live_idx').on(t.validUntil).where(sql`${t.active}`)],
);

/** Offers a person dismissed: never shown to them again. */
export const offerDismissals = pgTable(
  'offer_dismissals',
  {
    offerId: uuid('offer_id')
      .notNull()
      .references(() => personalOffers.id, { onDelete: 'cascade' }),
    personId: text('person_id').notNull(),
    dismissedAt: at('dismissed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.offerId] })],
);

/** «Buy again», written by the recommendations job: a person's products ranked 1..N (one indexed read). */
export const offerBuyAgain = pgTable(
  'offer_buy_again',
  {
    personId: text('person_id').notNull(),
    rank: integer('rank').notNull(),
    productId: uuid('product_id').notNull(),
    /** Orders (not cancelled) that had the product, and the last of them. */
    times: integer('times').notNull(),
    lastAt: at('last_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.rank] })],
);

/** «Frequently bought together», written by the job: per product, the others ranked by shared orders. */
export const offerBoughtTogether = pgTable(
  'offer_bought_together',
  {
    productId: uuid('product_id').notNull(),
    rank: integer('rank').notNull(),
    otherId: uuid('other_id').notNull(),
    /** Orders that had both products. */
    support: integer('support').notNull(),
  },
  (t) => [primaryKey({ columns: [t.productId, t.rank] })],
);

/** Each recomputation of the recommendations (the back office shows the latest). */
export const offerRecoRuns = pgTable('offer_reco_runs', {
  id: uuid('id').primaryKey(),
  startedAt: at('started_at').notNull(),
  finishedAt: at('finished_at').notNull(),
  buyAgainRows: integer('buy_again_rows').notNull(),
  boughtTogetherRows: integer('bought_together_rows').notNull(),
  durationMs: integer('duration_ms').notNull(),
});
