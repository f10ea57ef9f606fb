import { Group, Paper, ScrollArea, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ProductCard } from '../catalog/ProductCard';
import { useCatalogScope } from '../catalog/scope';
import { dismissOffer, myOffersQuery } from './api';
import { OfferCard, PromotionCard } from './OfferCards';

/** The cabinet home's offers: promotions for the person's segments, personal offers, «buy again». */
export function HomeOffersWidget() {
  const { t } = useTranslation();
  const { scope, pending } = useCatalogScope();
  const client = useQueryClient();
  const query = useQuery({ ...myOffersQuery(scope, 'home'), enabled: !pending && scope.kind !== 'public' });
  const dismiss = useMutation({
    mutationFn: (offerId: string) => dismissOffer(scope, offerId),
    onSuccess: () => client.invalidateQueries({ queryKey: ['offers', 'mine'] }),
    onError: () => notifications.show({ color: 'red', message: t('offers.dismissFailed') }),
  });
  if (scope.kind === 'public') return null;
  if (query.isPending) {
    return (
      <Stack gap="xs" aria-busy="true" data-testid="home-offers-loading">
        <Skeleton h={24} w={220} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Skeleton h={110} />
          <Skeleton h={110} />
        </SimpleGrid>
      </Stack>
    );
  }
  if (query.isError) return null;
  const { promotions, offers, buyAgain } = query.data;
  const cards = promotions.length + offers.length;
  return (
    <Stack gap="lg" component="section" aria-labelledby="home-offers-title" data-testid="home-offers">
      <Stack gap="xs">
        <Title order={2} size="h3" id="home-offers-title">
          {t('offers.home.title')}
        </Title>
        {cards === 0 ? (
          <Paper withBorder p="md" role="status">
            <Text size="sm" c="dimmed">
              {t('offers.home.empty')}
            </Text>
          </Paper>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
            {promotions.map((p) => (
              <PromotionCard key={p.id} promotion={p} scope={scope} />
            ))}
            {offers.map((o) => (
              <OfferCard key={o.id} offer={o} onDismiss={() => dismiss.mutate(o.id)} />
            ))}
          </SimpleGrid>
        )}
      </Stack>
      {buyAgain.length > 0 ? (
        <Stack gap="xs" component="section" aria-labelledby="buy-again-title" data-testid="buy-again">
          <Title order={2} size="h4" id="buy-again-title">
            {t('offers.home.buyAgain')}
          </Title>
          <ScrollArea type="auto" offsetScrollbars>
            <Group gap="sm" wrap="nowrap" align="stretch">
              {buyAgain.map((product) => (
                <div key={product.id} style={{ width: '13rem', flex: 'none' }}>
                  <ProductCard product={product} compact />
                </div>
              ))}
            </Group>
          </ScrollArea>
        </Stack>
      ) : null}
    </Stack>
  );
}
