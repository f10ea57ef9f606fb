import type { Db } from '../../server/core/db.js';
import type { PricingContext } from '../catalog/pricing/pricing.types.js';
import { pointsBalance, spendPointsOnOrder } from '../loyalty/index.js';
import { priceCheckoutLines } from '../orders/index.js';
import { adjustWithPromotions } from './promotions.adjust.js';

export interface PreviewInput {
  owner: { personId: string; personName: string; companyId: string | null };
  pricing: PricingContext;
  lines: { variantId: string; quantity: number }[];
  promoCode?: string | undefined;
  bonusPoints?: number | undefined;
  deliveryCost: number;
  now: Date;
}

/**
 * What the checkout's promo code and points take off, computed by the same pricing and the same adjuster as
 * placing (nothing is recorded); for a personal checkout also the balance and the most points usable.
 */
export async function previewDiscounts(db: Db, input: PreviewInput) {
  const priced = await priceCheckoutLines(db, input.pricing, input.lines);
  const adjustment = await adjustWithPromotions(db, {
    orderId: null,
    owner: input.owner,
    lines: priced.lines,
    itemsTotal: priced.itemsTotal,
    deliveryCost: input.deliveryCost,
    promoCode: input.promoCode || undefined,
    bonusPoints: input.bonusPoints,
    now: input.now,
  });
  const amount = adjustment.discounts.reduce((s, d) => s + d.amount, 0);
  let bonus: { balance: number; maxPoints: number } | null = null;
  if (!input.owner.companyId) {
    const balance = (await pointsBalance(db, input.owner.personId, input.now)).points;
    const promo = adjustment.discounts.find((d) => d.kind === 'promo')?.amount ?? 0;
    let maxPoints = 0;
    if (balance > 0) {
      const most = await spendPointsOnOrder(db, {
        personId: input.owner.personId,
        orderId: null,
        points: balance,
        payable: priced.itemsTotal - promo,
        now: input.now,
      }).catch(() => ({ points: 0 }));
      maxPoints = most.points;
    }
    bonus = { balance, maxPoints };
  }
  return {
    itemsTotal: priced.itemsTotal,
    discounts: adjustment.discounts,
    lineDiscounts: adjustment.lineDiscounts,
    amount,
    deliveryCost: input.deliveryCost,
    total: priced.itemsTotal - amount + input.deliveryCost,
    bonus,
  };
}
