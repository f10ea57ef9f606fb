import { desc, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { type Db, queryRows } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import type { OfferInput, PromotionInput } from './offers.schema.js';
import { offerDismissals, offerPromotions, personalOffers } from './offers.tables.js';
import { assertSegmentsExist, segmentsOf, type Viewer } from './segments.service.js';

type PromotionRow = typeof offerPromotions.$inferSelect;
type OfferRow = typeof personalOffers.$inferSelect;

const iso = (d: Date | string) => new Date(d).toISOString();
const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** A promotion as the person sees it (field by field). */
export function presentPromotion(p: PromotionRow) {
  return {
    id: p.id,
    title: { ru: p.titleRu, en: p.titleEn },
    text: { ru: p.textRu, en: p.textEn },
    link: p.linkKind && p.linkValue ? { kind: p.linkKind, value: p.linkValue } : null,
    placement: p.placement,
    startsAt: iso(p.startsAt),
    endsAt: iso(p.endsAt),
    priority: p.priority,
  };
}

export function presentAdminPromotion(p: PromotionRow) {
  return { ...presentPromotion(p), segmentIds: p.segmentIds, active: p.active, updatedAt: iso(p.updatedAt) };
}

export function presentOffer(o: OfferRow) {
  return {
    id: o.id,
    title: { ru: o.titleRu, en: o.titleEn },
    text: { ru: o.textRu, en: o.textEn },
    promoCode: o.promoCode,
    validUntil: iso(o.validUntil),
  };
}

/** Promotions live now for these segments at a placement, highest priority first. */
export async function promotionsFor(
  db: Db,
  segmentIds: string[],
  placement: 'home' | 'catalog',
  now: Date,
  limit = 10,
): Promise<PromotionRow[]> {
  if (segmentIds.length === 0) return [];
  return db
    .select()
    .from(offerPromotions)
    .where(
      sql`${offerPromotions.active} and ${offerPromotions.startsAt} <= ${iso(now)}::timestamptz
        and ${offerPromotions.endsAt} > ${iso(now)}::timestamptz
        and ${offerPromotions.placement} in (${placement}, 'both')
        and ${offerPromotions.segmentIds} && ${uuidArray(segmentIds)}`,
    )
    .orderBy(desc(offerPromotions.priority), desc(offerPromotions.startsAt), offerPromotions.id)
    .limit(limit);
}

/** Personal offers valid now for these segments that the person has not dismissed, soonest-ending first. */
export async function offersFor(
  db: Db,
  personId: string,
  segmentIds: string[],
  now: Date,
  onlyId?: string,
): Promise<OfferRow[]> {
  if (segmentIds.length === 0) return [];
  return db
    .select()
    .from(personalOffers)
    .where(
      sql`${personalOffers.active} and ${personalOffers.validUntil} > ${iso(now)}::timestamptz
        and ${personalOffers.segmentIds} && ${uuidArray(segmentIds)}
        ${onlyId ? sql`and ${personalOffers.id} = ${onlyId}` : sql``}
        and not exists (select 1 from offer_dismissals d where d.offer_id = ${personalOffers.id} and d.person_id = ${personId})`,
    )
    .orderBy(personalOffers.validUntil, personalOffers.id)
    .limit(10);
}

/** What the viewer is offered at a placement (the product cards of «buy again» are loaded by the route). */
export async function myOffers(
  db: Db,
  viewer: Viewer,
  placement: 'home' | 'catalog',
  now: Date = new Date(),
) {
  const segments = await segmentsOf(db, viewer, now);
  const [promotions, offers] = await Promise.all([
    promotionsFor(db, segments, placement, now),
    placement === 'home' ? offersFor(db, viewer.personId, segments, now) : Promise.resolve([]),
  ]);
  return { promotions: promotions.map(presentPromotion), offers: offers.map(presentOffer) };
}

/** The person hides an offer for good; an offer not meant for them (or gone) is 404. */
export async function dismissOffer(
  db: Db,
  viewer: Viewer,
  offerId: string,
  now: Date = new Date(),
): Promise<void> {
  const segments = await segmentsOf(db, viewer, now);
  const [offer] = await offersFor(db, viewer.personId, segments, now, offerId);
  if (!offer) {
    const [dismissed] = await db
      .select({ id: offerDismissals.offerId })
      .from(offerDismissals)
      .where(
        sql`${offerDismissals.offerId} = ${offerId} and ${offerDismissals.personId} = ${viewer.personId}`,
      );
    if (dismissed) return;
    throw new AppError('NOT_FOUND', 'Offer not found');
  }
  await db
    .insert(offerDismissals)
    .values({ offerId, personId: viewer.personId, dismissedAt: now })
    .onConflictDoNothing();
}

// Back office

export async function listPromotions(db: Db) {
  const rows = await db
    .select()
    .from(offerPromotions)
    .orderBy(desc(offerPromotions.startsAt), desc(offerPromotions.id));
  return rows.map(presentAdminPromotion);
}

const promotionValues = (input: PromotionInput) => ({
  titleRu: input.titleRu,
  titleEn: input.titleEn || null,
  textRu: input.textRu,
  textEn: input.textEn || null,
  linkKind: input.link?.kind ?? null,
  linkValue: input.link?.value ?? null,
  placement: input.placement,
  startsAt: new Date(input.startsAt),
  endsAt: new Date(input.endsAt),
  segmentIds: [...new Set(input.segmentIds)],
  priority: input.priority,
  active: input.active,
});

export async function savePromotion(
  db: Db,
  id: string | null,
  input: PromotionInput,
  now: Date = new Date(),
) {
  await assertSegmentsExist(db, input.segmentIds);
  if (id === null) {
    const [row] = await db
      .insert(offerPromotions)
      .values({ id: uuidv7(), ...promotionValues(input), createdAt: now, updatedAt: now })
      .returning();
    if (!row) throw new Error('promotion not created');
    return presentAdminPromotion(row);
  }
  const [row] = await db
    .update(offerPromotions)
    .set({ ...promotionValues(input), updatedAt: now })
    .where(eq(offerPromotions.id, id))
    .returning();
  if (!row) throw new AppError('NOT_FOUND', 'Promotion not found');
  return presentAdminPromotion(row);
}

export async function deletePromotion(db: Db, id: string): Promise<void> {
  const rows = await db
    .delete(offerPromotions)
    .where(eq(offerPromotions.id, id))
    .returning({ id: offerPromotions.id });
  if (rows.length === 0) throw new AppError('NOT_FOUND', 'Promotion not found');
}

export async function listOffers(db: Db) {
  const rows = await queryRows<{ id: string; n: number }>(
    db,
    sql`select offer_id as id, count(*)::int as n from offer_dismissals group by offer_id`,
  );
  const dismissals = new Map(rows.map((r) => [r.id, r.n]));
  const offers = await db
    .select()
    .from(personalOffers)
    .orderBy(desc(personalOffers.createdAt), desc(personalOffers.id));
  return offers.map((o) => presentAdminOffer(o, dismissals.get(o.id) ?? 0));
}

function presentAdminOffer(o: OfferRow, dismissals: number) {
  return {
    ...presentOffer(o),
    segmentIds: o.segmentIds,
    active: o.active,
    dismissals,
    updatedAt: iso(o.updatedAt),
  };
}

const offerValues = (input: OfferInput) => ({
  titleRu: input.titleRu,
  titleEn: input.titleEn || null,
  textRu: input.textRu,
  textEn: input.textEn || null,
  promoCode: input.promoCode || null,
  validUntil: new Date(input.validUntil),
  segmentIds: [...new Set(input.segmentIds)],
  active: input.active,
});

export async function saveOffer(db: Db, id: string | null, input: OfferInput, now: Date = new Date()) {
  await assertSegmentsExist(db, input.segmentIds);
  if (id === null) {
    const [row] = await db
      .insert(personalOffers)
      .values({ id: uuidv7(), ...offerValues(input), createdAt: now, updatedAt: now })
      .returning();
    if (!row) throw new Error('offer not created');
    return presentAdminOffer(row, 0);
  }
  const [row] = await db
    .update(personalOffers)
    .set({ ...offerValues(input), updatedAt: now })
    .where(eq(personalOffers.id, id))
    .returning();
  if (!row) throw new AppError('NOT_FOUND', 'Offer not found');
  const [count] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from offer_dismissals where offer_id = ${id}`,
  );
  return presentAdminOffer(row, count?.n ?? 0);
}

export async function deleteOffer(db: Db, id: string): Promise<void> {
  const rows = await db
    .delete(personalOffers)
    .where(eq(personalOffers.id, id))
    .returning({ id: personalOffers.id });
  if (rows.length === 0) throw new AppError('NOT_FOUND', 'Offer not found');
}
