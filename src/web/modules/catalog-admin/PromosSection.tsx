import {
  ActionIcon,
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { fieldErrors, groupsQuery, money, productsQuery, promosQuery, send } from './api';

/** Time-limited promotional prices of products, for everyone or for chosen customer groups. */
export function PromosSection() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const promos = useQuery(promosQuery);
  const groups = useQuery(groupsQuery);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const products = useInfiniteQuery(productsQuery({ q, status: 'active', categoryId: null }));
  const [name, setName] = useState('');
  const [productId, setProductId] = useState<string | null>(null);
  const [amount, setAmount] = useState<number | string>('');
  const [audience, setAudience] = useState<string[]>([]);
  const [startsAt, setStartsAt] = useState<string | null>(null);
  const [endsAt, setEndsAt] = useState<string | null>(null);
  const refresh = () => void client.invalidateQueries({ queryKey: ['catalog-admin', 'promotions'] });
  const create = useMutation({
    mutationFn: () =>
      send('POST', '/promotions', {
        name: name.trim(),
        productId,
        amount: typeof amount === 'number' ? Math.round(amount * 100) : -1,
        customerGroupIds: audience.length ? audience : null,
        startsAt: startsAt ? new Date(startsAt).toISOString() : '',
        endsAt: endsAt ? new Date(endsAt).toISOString() : '',
      }),
    onSuccess: () => {
      setName('');
      setAmount('');
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => send('DELETE', `/promotions/${id}`),
    onSuccess: refresh,
    onError: (e) => notifications.show({ color: 'red', message: e.message }),
  });
  const e = fieldErrors(create.error);
  const options = (products.data?.pages.flatMap((p) => p.items) ?? []).map((p) => ({
    value: p.id,
    label: `${p.name} (${p.sku})`,
  }));
  return (
    <Stack gap="sm">
      {promos.data?.length === 0 ? <Text c="dimmed">{t('catalog-admin.promos.empty')}</Text> : null}
      {promos.data?.map((p) => (
        <Group key={p.id} justify="space-between" wrap="nowrap">
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            <b>{p.name}</b> · {p.productName} · {money(p.amount, i18n.language)} ·{' '}
            {format.dateTime(p.startsAt)} — {format.dateTime(p.endsAt)}
          </Text>
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('catalog-admin.remove', { name: p.name })}
            onClick={() => remove.mutate(p.id)}
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
            label={t('catalog-admin.promos.product')}
            searchable
            data={options}
            value={productId}
            onChange={setProductId}
            searchValue={search}
            onSearchChange={setSearch}
            error={e.productId}
          />
          <NumberInput
            label={t('catalog-admin.prices.amount')}
            w={140}
            min={0}
            decimalScale={2}
            value={amount}
            onChange={setAmount}
            error={e.amount}
          />
          <MultiSelect
            label={t('catalog-admin.promos.audience')}
            placeholder={t('catalog-admin.visibility.all')}
            data={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
            value={audience}
            onChange={setAudience}
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
