import { Button, Group, MultiSelect, NumberInput, Paper, Select, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { categoriesQuery, groupsQuery, priceListsQuery, send } from './api';
import { categoryOptions } from './categoryOptions';

const KEEP = '';
const NONE = 'none';

/** Applies one change to the selected products, all or nothing (POST /products/bulk). */
export function BulkEditBar({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const categories = useQuery(categoriesQuery);
  const groups = useQuery(groupsQuery);
  const priceLists = useQuery(priceListsQuery);
  const [status, setStatus] = useState<string>(KEEP);
  const [category, setCategory] = useState<string>(KEEP);
  const [visibility, setVisibility] = useState<string>(KEEP);
  const [visibleGroups, setVisibleGroups] = useState<string[]>([]);
  const [priceListId, setPriceListId] = useState<string | null>(null);
  const [percent, setPercent] = useState<number | string>('');
  const apply = useMutation({
    mutationFn: () =>
      send<{ updated: number; pricesChanged: number }>('POST', '/products/bulk', {
        productIds: ids,
        set: {
          ...(status !== KEEP ? { status } : {}),
          ...(category !== KEEP ? { categoryId: category === NONE ? null : category } : {}),
          ...(visibility === 'all' ? { visibleGroupIds: null } : {}),
          ...(visibility === 'groups' ? { visibleGroupIds: visibleGroups } : {}),
        },
        ...(priceListId && typeof percent === 'number' && percent !== 0
          ? { priceChange: { priceListId, percent } }
          : {}),
      }),
    onSuccess: (result) => {
      notifications.show({ color: 'teal', message: t('catalog-admin.bulk.done', { count: result.updated }) });
      void client.invalidateQueries({ queryKey: ['catalog-admin'] });
      onDone();
    },
    onError: (error) => notifications.show({ color: 'red', message: error.message }),
  });
  const keep = { value: KEEP, label: t('catalog-admin.bulk.keep') };

  return (
    <Paper withBorder p="sm" mb="md" data-testid="bulk-bar">
      <Text fw={600} mb="xs" role="status">
        {t('catalog-admin.bulk.selected', { count: ids.length })}
      </Text>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label={t('catalog-admin.products.status')}
          data={[
            keep,
            ...(['active', 'archived'] as const).map((s) => ({
              value: s,
              label: t(`catalog-admin.status.${s}`),
            })),
          ]}
          value={status}
          onChange={(v) => setStatus(v ?? KEEP)}
          allowDeselect={false}
        />
        <Select
          label={t('catalog-admin.products.category')}
          searchable
          data={[
            keep,
            { value: NONE, label: t('catalog-admin.noCategory') },
            ...categoryOptions(categories.data ?? []),
          ]}
          value={category}
          onChange={(v) => setCategory(v ?? KEEP)}
          allowDeselect={false}
        />
        <Select
          label={t('catalog-admin.visibility.label')}
          data={[
            keep,
            { value: 'all', label: t('catalog-admin.visibility.all') },
            { value: 'groups', label: t('catalog-admin.visibility.groups') },
          ]}
          value={visibility}
          onChange={(v) => setVisibility(v ?? KEEP)}
          allowDeselect={false}
        />
        {visibility === 'groups' ? (
          <MultiSelect
            label={t('catalog-admin.visibility.chooseGroups')}
            data={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
            value={visibleGroups}
            onChange={setVisibleGroups}
          />
        ) : null}
        <Select
          label={t('catalog-admin.bulk.priceList')}
          clearable
          data={(priceLists.data ?? []).map((l) => ({ value: l.id, label: l.name }))}
          value={priceListId}
          onChange={setPriceListId}
        />
        <NumberInput
          label={t('catalog-admin.bulk.percent')}
          w={130}
          min={-90}
          max={1000}
          decimalScale={2}
          value={percent}
          onChange={setPercent}
          disabled={!priceListId}
        />
        <Button onClick={() => apply.mutate()} loading={apply.isPending}>
          {t('catalog-admin.bulk.apply')}
        </Button>
        <Button variant="default" onClick={onDone}>
          {t('catalog-admin.cancel')}
        </Button>
      </Group>
    </Paper>
  );
}
