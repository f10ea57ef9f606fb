import type { Db } from '../../server/core/db.js';
import type { LoyaltyDemo } from './loyalty.demo.js';
import { expirePersonLots, insertLot, lockAccount, takeFromLots } from './points.ledger.js';
import { addDays } from './points.service.js';

/**
 * Demo data (npm start): the retail customer's bonus history, written in date order so FIFO and expiry play out
 * as they would have: a promotion bonus partly spent and then burnt, a store purchase's accrual and a recent
 * promotion that burn within 30 days, and the welcome bonus. Balance 890 points, 390 of them burning soon.
 */
export async function seedDemoPoints(tx: Db, demo: LoyaltyDemo): Promise<void> {
  const personId = demo.customerId;
  const at = (days: number) => addDays(demo.now, days);
  await lockAccount(tx, personId);
  await insertLot(tx, {
    personId,
    kind: 'bonus',
    source: 'promotion',
    points: 300,
    expiresAt: at(-35),
    reason: 'Бонус за участие в акции «Весенняя уборка»',
    key: 'demo:promo-spring',
    now: at(-400),
  });
  await insertLot(tx, {
    personId,
    kind: 'accrual',
    points: 240,
    expiresAt: at(25),
    reason: 'Начисление за покупку в магазине на Ленинском',
    key: 'demo:store-purchase',
    now: at(-340),
  });
  await insertLot(tx, {
    personId,
    kind: 'bonus',
    source: 'welcome',
    points: 500,
    expiresAt: at(245),
    reason: 'Приветственный бонус',
    key: `award:welcome:${personId}`,
    now: at(-120),
  });
  await takeFromLots(tx, {
    personId,
    kind: 'redemption',
    points: 200,
    reason: 'Оплата покупки в магазине баллами',
    key: 'demo:store-redemption',
    now: at(-60),
    allowShort: false,
  });
  await expirePersonLots(tx, personId, at(-35));
  await insertLot(tx, {
    personId,
    kind: 'bonus',
    source: 'promotion',
    points: 150,
    expiresAt: at(10),
    reason: 'Подарочные баллы к распродаже',
    key: 'demo:promo-sale',
    now: at(-20),
  });
}
