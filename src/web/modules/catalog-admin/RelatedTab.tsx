import { Button, Group, MultiSelect, Stack } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ProductCard, productsQuery, send } from './api';
import { useProductUpdate } from './useProductUpdate';

/** Related (bought together) and analogue products, picked by name or SKU. */
export function RelatedTab({ product }: { product: ProductCard }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const found = useInfiniteQuery(productsQuery({ q, status: null, categoryId: null }));
  const known = new Map(product.relations.map((r) => [r.productId, `${r.name} (${r.sku})`]));
  for (const p of found.data?.pages.flatMap((page) => page.items) ?? []) {
    if (p.id !== product.id) known.set(p.id, `${p.name} (${p.sku})`);
  }
  const data = [...known].map(([value, label]) => ({ value, label }));
  const pick = (kind: 'related' | 'analogue') =>
    product.relations.filter((r) => r.kind === kind).map((r) => r.productId);
  const [related, setRelated] = useState(pick('related'));
  const [analogues, setAnalogues] = useState(pick('analogue'));
  const save = useProductUpdate(product.id, () =>
    send<ProductCard>('PUT', `/products/${product.id}/relations`, { related, analogues }),
  );
  return (
    <Stack gap="sm" maw={640}>
      <MultiSelect
        label={t('catalog-admin.related.related')}
        searchable
        data={data}
        value={related}
        onChange={setRelated}
        searchValue={search}
        onSearchChange={setSearch}
      />
      <MultiSelect
        label={t('catalog-admin.related.analogues')}
        searchable
        data={data}
        value={analogues}
        onChange={setAnalogues}
      />
      <Group>
        <Button onClick={() => save.mutate(undefined)} loading={save.isPending}>
          {t('catalog-admin.save')}
        </Button>
      </Group>
    </Stack>
  );
}
