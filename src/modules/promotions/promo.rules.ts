import { AppError, type FieldProblem } from '../../server/core/errors.js';
import type { CheckoutLine } from '../orders/index.js';
import type { promotions } from './promotions.tables.js';

export type PromotionRow = typeof promotions.$inferSelect;

/** Why a promo code is refused; the first word of the `promoCode` problem's message (docs/promotions.md). */
export const promoRefusals = [
  'unknown',
  'not_started',
  'expired',
  'wrong_customer',
  'other_person',
  'not_with_points',
  'contract_prices',
  'not_for_goods',
  'already_discounted',
  'min_amount',
  'already_used',
  'exhausted',
] as const;
export type PromoRefusal = (typeof promoRefusals)[number];

/** Codes are matched case-insensitively and without spaces or dashes typed by people. */
export function normaliseCode(code: string): string {
  return code
    .normalize('NFKC')
    .replace(/[\s-]+/g, '')
    .toUpperCase();
}

/** A 400 on `promoCode` whose message starts with the machine reason: `min_amount: 12 300 kopecks more…`. */
export function refuse(reason: PromoRefusal, text: string, extra: FieldProblem[] = []): AppError {
  return new AppError('VALIDATION_FAILED', `Promo code refused: ${text}`, [
    { path: 'promoCode', message: `${reason}: ${text}` },
    ...extra,
  ]);
}

/** Whether a line is in the promotion's target (whole order, its categories, or its products). */
export function inTarget(p: Pick<PromotionRow, 'target' | 'targetIds'>, line: CheckoutLine): boolean {
  if (p.target === 'order') return true;
  if (p.target === 'products') return p.targetIds.includes(line.productId);
  return line.categoryPath.some((c) => p.targetIds.includes(c));
}

/**
 * The lines the promotion takes its discount from: in the target, and allowed by its stacking rules (contract
 * prices, already discounted lines). Refuses with the precise reason when none is left.
 */
export function eligibleLines(p: PromotionRow, lines: readonly CheckoutLine[]): boolean[] {
  const targeted = lines.map((l) => inTarget(p, l));
  if (!targeted.some(Boolean)) throw refuse('not_for_goods', 'The code does not apply to these goods');
  const notContract = lines.map(
    (l, i) => targeted[i] && (p.appliesToContract || l.priceSource !== 'contract'),
  );
  if (!notContract.some(Boolean))
    throw refuse('contract_prices', 'The code does not apply to goods at contract prices');
  const eligible = lines.map((l, i) => Boolean(notContract[i]) && (p.appliesToDiscounted || !l.discounted));
  if (!eligible.some(Boolean))
    throw refuse('already_discounted', 'The code does not apply to goods that are already discounted');
  return eligible;
}

/** The discount of a promotion on an eligible total: percent rounded half up to the kopeck, fixed capped. */
export function promoAmount(p: Pick<PromotionRow, 'kind' | 'value'>, eligibleTotal: number): number {
  if (eligibleTotal <= 0) return 0;
  const raw = p.kind === 'percent' ? Math.round((eligibleTotal * p.value) / 10_000) : p.value;
  return Math.min(raw, eligibleTotal);
}

/** The checks that do not depend on usage: dates, audience and the code's owner, stacking with points. */
export function checkTerms(
  p: PromotionRow,
  code: { personId: string | null },
  input: { personId: string; companyId: string | null; bonusPoints?: number | undefined; now: Date },
): void {
  if (p.startsAt && input.now < p.startsAt)
    throw refuse('not_started', `The code works from ${p.startsAt.toISOString()}`, [
      { path: 'promoCode.startsAt', message: p.startsAt.toISOString() },
    ]);
  if (p.endsAt && input.now >= p.endsAt)
    throw refuse('expired', `The code expired on ${p.endsAt.toISOString()}`, [
      { path: 'promoCode.endsAt', message: p.endsAt.toISOString() },
    ]);
  const kind = input.companyId ? 'company' : 'retail';
  if (p.audience !== 'both' && p.audience !== kind)
    throw refuse(
      'wrong_customer',
      kind === 'company' ? 'The code is for retail customers only' : 'The code is for companies only',
    );
  if (code.personId && code.personId !== input.personId)
    throw refuse('other_person', 'This personal code belongs to another person');
  if ((input.bonusPoints ?? 0) > 0 && !p.combinableWithPoints)
    throw refuse('not_with_points', 'The code cannot be combined with bonus points');
}

/** Refuses when the order's items total is below the promotion's minimum, saying how much is missing. */
export function checkMinimum(p: PromotionRow, itemsTotal: number): void {
  if (itemsTotal >= p.minOrderAmount) return;
  const missing = p.minOrderAmount - itemsTotal;
  throw refuse('min_amount', `The order needs ${missing} kopecks more (minimum ${p.minOrderAmount})`, [
    { path: 'promoCode.missing', message: String(missing) },
    { path: 'promoCode.minimum', message: String(p.minOrderAmount) },
  ]);
}
