import { Badge, Button, Card, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconChecklist, IconReceipt } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { apiBase, formatMoney, type OrderFilters, type OrderPage, type OrderSummary, pageBase } from './api';
import { useOrderScope } from './scope';

const statuses = [
  'awaiting_approval',
  'confirmed',
  'awaiting_payment',
  'paid',
  'assembling',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
] as const;

/** One order in a list: number, date, status, total; links to the order page. */
export function OrderCard({ order, base }: { order: OrderSummary; base: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Card
      withBorder
      padding="sm"
      renderRoot={(props) => <Link to={`${base}/orders/${order.id}`} {...props} />}
      data-testid="order-card"
    >
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Stack gap={2}>
          <Text fw={600}>{order.number}</Text>
          <Text size="sm" c="dimmed">
            {new Date(order.createdAt).toLocaleDateString(i18n.language)} · {order.placedBy.name} ·{' '}
            {t('orders.history.lines', { count: order.lineCount })}
          </Text>
        </Stack>
        <Group gap="xs">
          <Badge variant="light">{t(`orders.status.${order.status}` as 'orders.status.new')}</Badge>
          <Text fw={600}>{formatMoney(order.total, i18n.language, order.currency)}</Text>
        </Group>
      </Group>
    </Card>
  );
}

/** Order history of the person (`/orders`) or a company (`/orgs/:orgId/orders`), with filters and pages. */
export function OrdersPage() {
  const { t } = useTranslation();
  const scope = useOrderScope();
  const title = scope.kind === 'me' ? t('orders.history.title') : t('orders.history.companyTitle');
  usePageTitle(title);
  const [filters, setFilters] = useState<OrderFilters>({});
  const [draft, setDraft] = useState<OrderFilters>({});
  const list = useInfiniteQuery({
    queryKey: [...(scope.kind === 'me' ? ['me'] : ['orgs', scope.orgId]), 'orders', 'history', filters],
    queryFn: ({ pageParam }) =>
      api<OrderPage>(`${apiBase(scope)}/orders`, { query: { ...filters, limit: 20, cursor: pageParam } }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    meta: { needsPerson: true },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const clean: OrderFilters = {};
    for (const [k, v] of Object.entries(draft)) if (v) clean[k as keyof OrderFilters] = v;
    for (const k of ['minTotal', 'maxTotal'] as const)
      if (clean[k]) clean[k] = String(Math.round(Number(clean[k]) * 100));
    setFilters(clean);
  };
  const set = (key: keyof OrderFilters) => (value: string | null) =>
    setDraft((d) => ({ ...d, [key]: value ?? '' }));
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const base = pageBase(scope);
  return (
    <Stack gap="md" maw={960}>
      <PageHeader
        title={title}
        actions={
          scope.kind === 'org' ? (
            <Button
              variant="light"
              leftSection={<IconChecklist size={16} />}
              renderRoot={(props) => <Link to={`${base}/approvals`} {...props} />}
            >
              {t('orders.navApprovals')}
            </Button>
          ) : undefined
        }
      />
      <form onSubmit={submit} aria-label={t('orders.filters.apply')}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="xs">
          <Select
            label={t('orders.filters.status')}
            clearable
            data={statuses.map((s) => ({ value: s, label: t(`orders.status.${s}`) }))}
            value={draft.status ?? null}
            onChange={set('status')}
          />
          <TextInput
            label={t('orders.filters.number')}
            value={draft.number ?? ''}
            onChange={(e) => set('number')(e.currentTarget.value)}
          />
          <TextInput
            label={t('orders.filters.q')}
            value={draft.q ?? ''}
            onChange={(e) => set('q')(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t('orders.filters.from')}
            value={draft.from ?? ''}
            onChange={(e) => set('from')(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t('orders.filters.to')}
            value={draft.to ?? ''}
            onChange={(e) => set('to')(e.currentTarget.value)}
          />
          <TextInput
            inputMode="decimal"
            label={t('orders.filters.minTotal')}
            value={draft.minTotal ?? ''}
            onChange={(e) => set('minTotal')(e.currentTarget.value)}
          />
          <TextInput
            inputMode="decimal"
            label={t('orders.filters.maxTotal')}
            value={draft.maxTotal ?? ''}
            onChange={(e) => set('maxTotal')(e.currentTarget.value)}
          />
          {scope.kind === 'org' ? (
            <TextInput
              label={t('orders.filters.placedBy')}
              value={draft.placedBy ?? ''}
              onChange={(e) => set('placedBy')(e.currentTarget.value)}
            />
          ) : null}
        </SimpleGrid>
        <Group mt="xs" gap="xs">
          <Button type="submit">{t('orders.filters.apply')}</Button>
          <Button
            variant="subtle"
            onClick={() => {
              setDraft({});
              setFilters({});
            }}
          >
            {t('orders.filters.reset')}
          </Button>
        </Group>
      </form>
      {list.isPending ? (
        <ListSkeleton />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <StateMessage
          color="gray"
          icon={<IconReceipt size={28} />}
          title={t('orders.history.empty')}
          testId="orders-empty"
        />
      ) : (
        <Stack gap="xs">
          {items.map((o) => (
            <OrderCard key={o.id} order={o} base={base} />
          ))}
          {list.hasNextPage ? (
            <Button
              variant="light"
              loading={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              {t('orders.history.more')}
            </Button>
          ) : null}
        </Stack>
      )}
    </Stack>
  );
}
