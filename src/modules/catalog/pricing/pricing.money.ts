/**
 * Rounding rules of pricing (docs/pricing.md, "Rounding"). Money is integer kopecks; quantities have at most
 * three decimals (metres, kilograms). Every rounding is to the nearest kopeck, halves up — the way a cashier and
 * 1C round — and happens once per unit price and once per line total, never on sums of rounded values.
 */

/** The unit price after a discount of `percentBp` hundredths of a percent, rounded half up to kopecks. */
export function discountedUnitPrice(amount: number, percentBp: number): number {
  // Integer arithmetic: amount × (10000 − bp) is exact for any realistic price, and +5000 before the floor
  // rounds halves up.
  return Math.floor((amount * (10_000 - percentBp) + 5_000) / 10_000);
}

/** A quantity in thousandths (0.001 is the smallest quantity the catalog stores), so totals stay integer. */
export function quantityMilli(quantity: number): number {
  return Math.round(quantity * 1000);
}

/** The total of a line: unit price × quantity, rounded half up to kopecks. */
export function lineTotal(unitPrice: number, quantity: number): number {
  return Math.floor((unitPrice * quantityMilli(quantity) + 500) / 1000);
}
