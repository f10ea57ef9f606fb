import { eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { type Db, queryRows } from '../../server/core/db.js';
import type { LoyaltyDemo } from '../loyalty/index.js';
import { randomCode } from './promotions.admin.js';
import { promoBatches, promoCodes, promotions } from './promotions.tables.js';

/** The demo's public code: 10 % off from 1 000 ₽, with bonus points allowed (e2e/promo-code.spec.ts uses it). */
export const demoPromoCode = 'WELCOME10';
const day = 86_400_000;

/**
 * Demo data (npm start): a public welcome code, an expired one, a code on one category, and a batch of personal
 * single-use codes (one of them assigned to the demo customer). Runs once: a second run finds WELCOME10.
 */
export async function seedDemoPromotions(tx: Db, demo: LoyaltyDemo): Promise<void> {
  const [seeded] = await tx.select().from(promoCodes).where(eq(promoCodes.code, demoPromoCode));
  if (seeded) return;
  const [category] = await queryRows<{ id: string; name: string }>(
    tx,
    sql`select id, name from categories where parent_id is null order by position, name limit 1`,
  );
  const now = demo.now.getTime();
  const welcome = uuidv7();
  const expired = uuidv7();
  const personal = uuidv7();
  await tx.insert(promotions).values([
    {
      id: welcome,
      name: 'Добро пожаловать: −10 % от 1 000 ₽',
      kind: 'percent',
      value: 1000,
      minOrderAmount: 100_000,
      audience: 'both',
      combinableWithPoints: true,
      // The demo customer's prices carry a personal discount: the welcome code stacks on them.
      appliesToDiscounted: true,
    },
    {
      id: expired,
      name: 'Летняя распродажа (завершена)',
      kind: 'fixed',
      value: 50_000,
      startsAt: new Date(now - 120 * day),
      endsAt: new Date(now - 30 * day),
      audience: 'retail',
    },
    {
      id: personal,
      name: 'Персональный купон 500 ₽',
      kind: 'fixed',
      value: 50_000,
      minOrderAmount: 300_000,
      audience: 'retail',
      combinableWithPoints: false,
    },
  ]);
  const codes = [
    { id: uuidv7(), promotionId: welcome, code: demoPromoCode },
    { id: uuidv7(), promotionId: expired, code: 'SUMMER500' },
  ];
  if (category) {
    const onCategory = uuidv7();
    await tx.insert(promotions).values({
      id: onCategory,
      name: `−15 % на раздел «${category.name}»`,
      kind: 'percent',
      value: 1500,
      target: 'categories',
      targetIds: [category.id],
      audience: 'both',
      appliesToContract: false,
    });
    codes.push({ id: uuidv7(), promotionId: onCategory, code: 'CATEGORY15' });
  }
  await tx.insert(promoCodes).values(codes);
  const batchId = uuidv7();
  await tx.insert(promoBatches).values({ id: batchId, promotionId: personal, prefix: 'VIP', size: 20 });
  await tx
    .insert(promoCodes)
    .values(
      Array.from({ length: 20 }, (_, i) => ({
        id: uuidv7(),
        promotionId: personal,
        batchId,
        code: randomCode('VIP'),
        singleUse: true,
        personId: i === 0 ? demo.customerId : null,
      })),
    )
    .onConflictDoNothing();
}
