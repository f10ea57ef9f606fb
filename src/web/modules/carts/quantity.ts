/** The smallest quantity ≥ `wanted` that is a multiple of the pack and not below the minimum order (as the server fits it). */
export function fitQuantity(wanted: number, packSize: number, minOrderQty: number): number {
  const milli = (n: number) => Math.round(n * 1000);
  const pack = Math.max(milli(packSize), 1);
  const q = Math.max(milli(wanted), milli(minOrderQty));
  return (Math.ceil(q / pack) * pack) / 1000;
}
