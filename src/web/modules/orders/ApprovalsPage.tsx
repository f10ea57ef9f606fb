import { Button, Stack } from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import type { OrderPage } from './api';
import { OrderCard } from './OrdersPage';

/** The approvals inbox of a company: orders waiting for an approver, newest first. */
export function ApprovalsPage() {
  const { t } = useTranslation();
  usePageTitle(t('orders.approvals.title'));
  const { orgId } = useParams({ strict: false }) as { orgId: string };
  const list = useInfiniteQuery({
    queryKey: ['orgs', orgId, 'orders', 'approvals'],
    queryFn: ({ pageParam }) =>
      api<OrderPage>(`/api/v1/orgs/${encodeURIComponent(orgId)}/approvals`, {
        query: { limit: 20, cursor: pageParam },
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    meta: { needsPerson: true },
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="md" maw={960}>
      <PageHeader title={t('orders.approvals.title')} />
      {list.isPending ? (
        <ListSkeleton />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <StateMessage
          color="gray"
          icon={<IconChecklist size={28} />}
          title={t('orders.approvals.empty')}
          testId="approvals-empty"
        />
      ) : (
        <Stack gap="xs">
          {items.map((o) => (
            <OrderCard key={o.id} order={o} base={`/orgs/${orgId}`} />
          ))}
          {list.hasNextPage ? (
            <Button variant="light" onClick={() => void list.fetchNextPage()}>
              {t('orders.history.more')}
            </Button>
          ) : null}
        </Stack>
      )}
    </Stack>
  );
}
