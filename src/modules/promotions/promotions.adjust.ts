import { and, eq, isNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import type { OrderDiscount } from '../../shared/orders.js';
import { spendPointsOnOrder } from '../loyalty/index.js';
import { type CheckoutAdjustInput, type CheckoutAdjustment, spreadOverLines } from '../orders/index.js';
import {
  checkMinimum,
  checkTerms,
  eligibleLines,
  normaliseCode,
  type PromotionRow,
  promoAmount,
  refuse,
} from './promo.rules.js';
import { promoCodes, promoRedemptions, promotions } from './promotions.tables.js';

/** The code and its promotion; with `lock`, the promotion's row is locked so that usage limits hold. */
async function findCode(tx: Db, code: string, lock: boolean) {
  const [found] = await tx
    .select()
    .from(promoCodes)
    .where(eq(promoCodes.code, normaliseCode(code)));
  if (!found) return null;
  const query = tx.select().from(promotions).where(eq(promotions.id, found.promotionId));
  const [promotion] = lock ? await query.for('update') : await query;
  if (!promotion?.active) return null;
  return { code: found, promotion };
}

/** Live (not released) redemptions: of the promotion, of it by this person, of this code. */
async function usageOf(tx: Db, promotionId: string, codeId: string, personId: string) {
  const [row] = await tx
    .select({
      total: sql<number>`count(*)::int`,
      person: sql<number>`count(*) filter (where ${promoRedemptions.personId} = ${personId})::int`,
      code: sql<number>`count(*) filter (where ${promoRedemptions.codeId} = ${codeId})::int`,
    })
    .from(promoRedemptions)
    .where(and(eq(promoRedemptions.promotionId, promotionId), isNull(promoRedemptions.releasedAt)));
  return { total: row?.total ?? 0, person: row?.person ?? 0, code: row?.code ?? 0 };
}

function checkUsage(
  p: PromotionRow,
  code: { singleUse: boolean },
  used: { total: number; person: number; code: number },
): void {
  if (code.singleUse && used.code > 0) throw refuse('already_used', 'This code has already been used');
  if (p.perPersonLimit !== null && used.person >= p.perPersonLimit)
    throw refuse('already_used', `You have already used this code (${used.person} of ${p.perPersonLimit})`);
  if (p.usageLimit !== null && used.total >= p.usageLimit)
    throw refuse('exhausted', 'The code has run out: all its uses are taken');
}

interface PromoResult {
  discount: OrderDiscount;
  shares: number[];
}

/**
 * Applies a promo code to the lines: every refusal reason in the order people can act on, the discount split
 * over the eligible lines to the kopeck. With an order id it locks the promotion and records the redemption.
 */
async function applyPromo(tx: Db, input: CheckoutAdjustInput, rawCode: string): Promise<PromoResult> {
  const placing = input.orderId !== null;
  const found = await findCode(tx, rawCode, placing);
  if (!found) throw refuse('unknown', 'There is no such promo code');
  const { code, promotion: p } = found;
  const { personId, companyId } = input.owner;
  checkTerms(p, code, { personId, companyId, bonusPoints: input.bonusPoints, now: input.now });
  const eligible = eligibleLines(p, input.lines);
  checkMinimum(p, input.itemsTotal);
  checkUsage(p, code, await usageOf(tx, p.id, code.id, personId));
  const totals = input.lines.map((l, i) => (eligible[i] ? l.lineTotal : 0));
  const amount = promoAmount(
    p,
    totals.reduce((s, t) => s + t, 0),
  );
  const shares = spreadOverLines(amount, totals);
  if (input.orderId)
    await tx.insert(promoRedemptions).values({
      id: uuidv7(),
      promotionId: p.id,
      codeId: code.id,
      singleUse: code.singleUse,
      orderId: input.orderId,
      personId,
      companyId,
      amount,
      createdAt: input.now,
    });
  return { discount: { kind: 'promo', code: code.code, label: `Промокод ${code.code}`, amount }, shares };
}

/**
 * The checkout adjuster (registered by `wirePromotions`): the promo code first, then bonus points on what is
 * left to pay, each spread over the lines. A preview (`orderId` null) records nothing.
 */
export async function adjustWithPromotions(tx: Db, input: CheckoutAdjustInput): Promise<CheckoutAdjustment> {
  const discounts: OrderDiscount[] = [];
  let lineDiscounts = input.lines.map(() => 0);
  if (input.promoCode) {
    const promo = await applyPromo(tx, input, input.promoCode);
    discounts.push(promo.discount);
    lineDiscounts = promo.shares;
  }
  const points = input.bonusPoints ?? 0;
  if (points > 0) {
    if (input.owner.companyId)
      throw new AppError('VALIDATION_FAILED', 'Bonus points pay for personal orders only', [
        { path: 'bonusPoints', message: 'personal_only: Bonus points pay for personal orders only' },
      ]);
    const left = input.lines.map((l, i) => l.lineTotal - (lineDiscounts[i] ?? 0));
    const payable = left.reduce((s, v) => s + v, 0);
    const spent = await spendPointsOnOrder(tx, {
      personId: input.owner.personId,
      orderId: input.orderId,
      points,
      payable,
      now: input.now,
    });
    const amount = Math.min(spent.amount, payable);
    if (amount > 0) {
      const shares = spreadOverLines(amount, left);
      lineDiscounts = lineDiscounts.map((d, i) => d + (shares[i] ?? 0));
      discounts.push({ kind: 'bonus', label: 'Оплата баллами', amount, points: spent.points });
    }
  }
  return { discounts, lineDiscounts };
}
