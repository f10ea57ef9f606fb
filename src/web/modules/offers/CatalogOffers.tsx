import { Group, ScrollArea } from '@mantine/core';
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
  const promotions = query.data?.promotions ?? [];
  if (promotions.length === 0) return null;
  return (
    <section aria-label={t('offers.catalog.title')} data-testid="catalog-offers">
      <ScrollArea type="auto" offsetScrollbars>
        <Group gap="sm" wrap="nowrap" align="stretch">
          {promotions.map((p) => (
            <div key={p.id} style={{ width: '18rem', flex: 'none' }}>
              <PromotionCard promotion={p} scope={scope} compact />
            </div>
          ))}
        </Group>
      </ScrollArea>
    </section>
  );
}
