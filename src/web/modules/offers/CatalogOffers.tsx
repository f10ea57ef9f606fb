/** The catalog's banner row: promotions for the person's segments (placement `catalog`). */
export function CatalogOffers() {
  return null;
}
