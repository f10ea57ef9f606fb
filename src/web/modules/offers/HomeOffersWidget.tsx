/** The cabinet home's offers: promotions for the person's segments, personal offers, «buy again». */
export function HomeOffersWidget() {
  return null;
}
