/** A zone as the matcher needs it (names lower-cased on save). */
export interface ZoneRule {
  id: string;
  name: string;
  postalPrefixes: string[];
  regions: string[];
  cities: string[];
  isDefault: boolean;
  position: number;
}

/** Where to deliver: any of the three may be missing. */
export interface DeliveryAddress {
  postalCode?: string | null;
  region?: string | null;
  city?: string | null;
}

/** Lower case, «ё» as «е», single spaces: how zone names and addresses are compared. */
export function normalizePlace(value: string): string {
  return value.trim().toLocaleLowerCase('ru').replaceAll('ё', 'е').replace(/\s+/g, ' ');
}

/**
 * The most specific zone for an address. A postal-code prefix match beats a city match, which beats a region
 * match; among prefix matches the longest prefix wins; ties go to the lower position. Nothing matches: the
 * default zone («Вся Россия»), or null when there is none.
 */
export function matchZone<Z extends ZoneRule>(zones: readonly Z[], address: DeliveryAddress): Z | null {
  const postal = address.postalCode?.replace(/\s/g, '') ?? '';
  const city = address.city ? normalizePlace(address.city) : '';
  const region = address.region ? normalizePlace(address.region) : '';
  let best: { zone: Z; score: number } | null = null;
  for (const zone of zones) {
    const prefix = postal
      ? Math.max(0, ...zone.postalPrefixes.filter((p) => postal.startsWith(p)).map((p) => p.length))
      : 0;
    // Prefix length 1–6 ranks above a city (0.5), which ranks above a region (0.25).
    const score =
      prefix > 0
        ? prefix
        : city && zone.cities.includes(city)
          ? 0.5
          : region && zone.regions.includes(region)
            ? 0.25
            : 0;
    if (score === 0) continue;
    if (!best || score > best.score || (score === best.score && zone.position < best.zone.position))
      best = { zone, score };
  }
  return best?.zone ?? zones.find((z) => z.isDefault) ?? null;
}
