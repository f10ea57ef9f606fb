import { count } from 'drizzle-orm';
import type { Db } from '../../server/core/db.js';
import type { LoyaltyDemo } from '../loyalty/loyalty.demo.js';
import { saveOffer, savePromotion } from './offers.service.js';
import { offerSegments } from './offers.tables.js';
import { recomputeRecommendations } from './reco.service.js';
import { createSegment } from './segments.service.js';

const day = 86_400_000;

/** Demo data (npm start): three segments, a promotion for every retail customer, an offer for new ones. */
export async function seedDemoOffers(tx: Db, demo: LoyaltyDemo): Promise<void> {
  const [existing] = await tx.select({ n: count() }).from(offerSegments);
  if ((existing?.n ?? 0) > 0) return;
  const { now } = demo;
  const newcomers = await createSegment(tx, {
    name: 'Новые покупатели',
    description: 'Зарегистрировались за последние 30 дней или ещё ничего не заказали',
    rules: { audience: 'retail', newWithinDays: 30 },
    personIds: [],
  });
  await createSegment(tx, {
    name: 'Золотой уровень',
    description: 'Покупатели с уровнем программы лояльности gold',
    rules: { audience: 'any', tierCodes: ['gold'] },
    personIds: [],
  });
  const retail = await createSegment(tx, {
    name: 'Все розничные покупатели',
    description: null,
    rules: { audience: 'retail' },
    personIds: [],
  });
  await savePromotion(tx, null, {
    titleRu: 'Неделя фильтров: −15% на картриджи',
    titleEn: 'Filter week: 15% off cartridges',
    textRu: 'Замените картриджи вовремя — вода будет чище, а кувшин прослужит дольше.',
    textEn: 'Replace cartridges on time: cleaner water and a longer-lasting jug.',
    link: { kind: 'promo_code', value: 'FILTER15' },
    placement: 'both',
    startsAt: new Date(now.getTime() - day).toISOString(),
    endsAt: new Date(now.getTime() + 90 * day).toISOString(),
    segmentIds: [retail.id],
    priority: 10,
    active: true,
  });
  await saveOffer(tx, null, {
    titleRu: 'Бесплатная доставка первого заказа',
    titleEn: 'Free delivery of your first order',
    textRu: 'Назовите промокод при оформлении — доставку оплатим мы.',
    textEn: 'Enter the promo code at checkout and we pay for delivery.',
    promoCode: 'WELCOME',
    validUntil: new Date(now.getTime() + 60 * day).toISOString(),
    segmentIds: [newcomers.id],
    active: true,
  });
  await recomputeRecommendations(tx, now);
}
