import { ActionIcon, Button, Group, NumberInput, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { categoriesQuery, discountsQuery, fieldErrors, groupsQuery, send } from './api';
import { categoryOptions } from './categoryOptions';

type Scope = 'all' | 'category' | 'brand';

/** Discounts of customer groups (on everything, a category or a brand), with a minimum quantity and dates. */
export function DiscountsSection() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const discounts = useQuery(discountsQuery);
  const groups = useQuery(groupsQuery);
  const categories = useQuery(categoriesQuery);
  const [name, setName] = useState('');
  const [groupId, setGroupId] = useState<string | null>(null);
  const [scope, setScope] = useState<Scope>('all');
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [brand, setBrand] = useState('');
  const [percent, setPercent] = useState<number | string>('');
  const [minQty, setMinQty] = useState<number | string>(1);
  const [startsAt, setStartsAt] = useState<string | null>(null);
  const [endsAt, setEndsAt] = useState<string | null>(null);
  const refresh = () => void client.invalidateQueries({ queryKey: ['catalog-admin', 'discounts'] });
  const create = useMutation({
    mutationFn: () =>
      send('POST', '/discounts', {
        name: name.trim(),
        customerGroupId: groupId,
        scope,
        ...(scope === 'category' ? { categoryId } : {}),
        ...(scope === 'brand' ? { brand: brand.trim() } : {}),
        percent: typeof percent === 'number' ? percent : 0,
        minQty: typeof minQty === 'number' ? minQty : 1,
        startsAt: startsAt ? new Date(startsAt).toISOString() : null,
        endsAt: endsAt ? new Date(endsAt).toISOString() : null,
      }),
    onSuccess: () => {
      setName('');
      setPercent('');
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => send('DELETE', `/discounts/${id}`),
    onSuccess: refresh,
    onError: (e) => notifications.show({ color: 'red', message: e.message }),
  });
  const e = fieldErrors(create.error);
  const groupName = (id: string | null) => groups.data?.find((g) => g.id === id)?.name ?? '—';
  return (
    <Stack gap="sm">
      {discounts.isError ? <Text c="red">{discounts.error.message}</Text> : null}
      {discounts.data?.length === 0 ? <Text c="dimmed">{t('catalog-admin.discounts.empty')}</Text> : null}
      {discounts.data?.map((d) => (
        <Group key={d.id} justify="space-between" wrap="nowrap">
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            <b>{d.name}</b> · −{d.percent}% ·{' '}
            {d.customerGroupId ? groupName(d.customerGroupId) : t('catalog-admin.prices.company')} ·{' '}
            {t(`catalog-admin.discounts.scopes.${d.scope}`)}
            {d.brand ? ` ${d.brand}` : ''}
            {d.minQty > 1 ? ` · ${t('catalog-admin.discounts.from', { qty: d.minQty })}` : ''}
          </Text>
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('catalog-admin.remove', { name: d.name })}
            onClick={() => remove.mutate(d.id)}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Paper withBorder p="sm">
        <Group align="flex-end" wrap="wrap" gap="sm">
          <TextInput
            label={t('catalog-admin.discounts.name')}
            value={name}
            onChange={(ev) => setName(ev.currentTarget.value)}
            error={e.name}
          />
          <Select
            label={t('catalog-admin.discounts.group')}
            data={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
            value={groupId}
            onChange={setGroupId}
            error={e.customerGroupId}
          />
          <Select
            label={t('catalog-admin.discounts.scope')}
            allowDeselect={false}
            data={(['all', 'category', 'brand'] as const).map((s) => ({
              value: s,
              label: t(`catalog-admin.discounts.scopes.${s}`),
            }))}
            value={scope}
            onChange={(v) => setScope((v as Scope) ?? 'all')}
          />
          {scope === 'category' ? (
            <Select
              label={t('catalog-admin.products.category')}
              searchable
              data={categoryOptions(categories.data ?? [])}
              value={categoryId}
              onChange={setCategoryId}
              error={e.categoryId}
            />
          ) : null}
          {scope === 'brand' ? (
            <TextInput
              label={t('catalog-admin.product.brand')}
              value={brand}
              onChange={(ev) => setBrand(ev.currentTarget.value)}
              error={e.brand}
            />
          ) : null}
          <NumberInput
            label={t('catalog-admin.discounts.percent')}
            w={110}
            min={0.01}
            max={100}
            decimalScale={2}
            value={percent}
            onChange={setPercent}
            error={e.percent}
          />
          <NumberInput
            label={t('catalog-admin.discounts.minQty')}
            w={110}
            min={0.001}
            decimalScale={3}
            value={minQty}
            onChange={setMinQty}
            error={e.minQty}
          />
          <TextInput
            type="date"
            label={t('catalog-admin.discounts.startsAt')}
            value={startsAt ?? ''}
            onChange={(ev) => setStartsAt(ev.currentTarget.value || null)}
            error={e.startsAt}
            w={160}
          />
          <TextInput
            type="date"
            label={t('catalog-admin.discounts.endsAt')}
            value={endsAt ?? ''}
            onChange={(ev) => setEndsAt(ev.currentTarget.value || null)}
            error={e.endsAt}
            w={160}
          />
          <Button onClick={() => create.mutate()} loading={create.isPending}>
            {t('catalog-admin.add')}
          </Button>
        </Group>
      </Paper>
    </Stack>
  );
}
