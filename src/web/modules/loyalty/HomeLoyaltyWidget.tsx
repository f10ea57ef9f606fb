/** The cabinet home's bonus block: balance, points expiring soon, tier and the way to the next one. */
export function HomeLoyaltyWidget() {
  return null;
}
