import { SimpleGrid, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ProductCard } from '../catalog/ProductCard';
import { useCatalogScope } from '../catalog/scope';
import { boughtTogetherQuery } from './api';

/** «С этим товаром покупают»: products frequently bought together with this one (from all orders). */
export function BoughtTogether({ productId }: { productId: string }) {
  const { t } = useTranslation();
  const { scope, pending } = useCatalogScope();
  const query = useQuery({
    ...boughtTogetherQuery(scope, productId),
    enabled: !pending && scope.kind !== 'public',
  });
  const items = query.data?.items ?? [];
  if (items.length === 0) return null;
  const title = t('offers.boughtTogether');
  return (
    <Stack gap="xs" component="section" aria-label={title} data-testid="bought-together">
      <Title order={2} size="h4">
        {title}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 4 }} spacing="sm">
        {items.map((item) => (
          <ProductCard key={item.id} product={item} compact />
        ))}
      </SimpleGrid>
    </Stack>
  );
}
