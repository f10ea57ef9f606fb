import { Anchor, Group, ScrollArea, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { recentQuery } from './api';
import { ProductCard } from './ProductCard';
import { catalogPath, useCatalogScope } from './scope';

/** A horizontal strip of the last products the person opened (hidden while empty). */
export function RecentStrip({ excludeId }: { excludeId?: string }) {
  const { t } = useTranslation();
  const { scope } = useCatalogScope();
  const recent = useQuery(recentQuery(scope));
  const items = (recent.data?.items ?? []).filter((item) => item.id !== excludeId).slice(0, 8);
  if (items.length === 0) return null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="recent-strip-title" data-testid="recent-strip">
      <Group justify="space-between">
        <Title order={2} size="h4" id="recent-strip-title">
          {t('catalog.lists.recent.title')}
        </Title>
        <Anchor size="sm" renderRoot={(props) => <Link to={catalogPath(scope, '/recent')} {...props} />}>
          {t('catalog.lists.recent.all')}
        </Anchor>
      </Group>
      <ScrollArea type="auto" offsetScrollbars>
        <Group gap="sm" wrap="nowrap" align="stretch">
          {items.map((product) => (
            <div key={product.id} style={{ width: '13rem', flex: 'none' }}>
              <ProductCard product={product} compact />
            </div>
          ))}
        </Group>
      </ScrollArea>
    </Stack>
  );
}
