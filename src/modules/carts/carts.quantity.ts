/** Quantities carry three decimals: work in thousandths to avoid 2.9999999. */
const milli = (n: number) => Math.round(n * 1000);

/** Whether a quantity is a whole multiple of the pack size. */
export function isMultiple(quantity: number, packSize: number): boolean {
  return milli(quantity) % milli(packSize) === 0;
}

/**
 * The quantity that may be ordered for an asked one: raised to the minimum order, then rounded UP to the pack
 * multiplicity; the reason says which rule changed it (null when none did).
 */
export function fitQuantity(
  asked: number,
  packSize: number,
  minOrderQty: number,
): { quantity: number; reason: 'minimum' | 'multiple' | null } {
  let q = milli(asked);
  let reason: 'minimum' | 'multiple' | null = null;
  if (q < milli(minOrderQty)) {
    q = milli(minOrderQty);
    reason = 'minimum';
  }
  const pack = milli(packSize);
  if (q % pack !== 0) {
    q = Math.ceil(q / pack) * pack;
    reason ??= 'multiple';
  }
  return { quantity: q / 1000, reason };
}
