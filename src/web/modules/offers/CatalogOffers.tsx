import { SimpleGrid } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCatalogScope } from '../catalog/scope';
import { myOffersQuery } from './api';
import { PromotionCard } from './OfferCards';

/** The catalog's banner row: promotions for the person's segments (placement `catalog`); hidden while empty. */
export function CatalogOffers() {
  const { t } = useTranslation();
  const { scope, pending } = useCatalogScope();
  const query = useQuery({
    ...myOffersQuery(scope, 'catalog'),
    enabled: !pending && scope.kind !== 'public',
  });
  const promotions = (query.data?.promotions ?? []).slice(0, 3);
  if (promotions.length === 0) return null;
  return (
    <SimpleGrid
      cols={{ base: 1, sm: 2, lg: 3 }}
      spacing="sm"
      component="section"
      aria-label={t('offers.catalog.title')}
      data-testid="catalog-offers"
    >
      {promotions.map((p) => (
        <PromotionCard key={p.id} promotion={p} scope={scope} compact />
      ))}
    </SimpleGrid>
  );
}
