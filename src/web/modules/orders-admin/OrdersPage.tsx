import { Anchor, Badge, Button, Group, Select, Switch, Table, TextInput } from '@mantine/core';
import { IconPackages } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orderStatuses } from '../../../shared/orders';
import { isApiError } from '../../app/api';
import { useFormat } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { NoAccess } from '../backoffice/NoAccess';
import { money, ordersPage } from './api';

/** All orders with filters; "my companies first" puts orders of the companies I manage on top. */
export function OrdersPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  usePageTitle(t('orders-admin.title'));
  const [status, setStatus] = useState<string | null>(null);
  const [number, setNumber] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [mine, setMine] = useState(false);
  const filters = {
    status: status ?? undefined,
    number: number.trim() || undefined,
    from: from || undefined,
    to: to || undefined,
    mine: mine ? '1' : undefined,
  };
  const list = useInfiniteQuery({
    queryKey: ['orders-admin', 'list', filters],
    queryFn: ({ pageParam }) => ordersPage(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  let body: React.ReactNode;
  if (list.isPending) body = <ListSkeleton />;
  else if (isApiError(list.error, 401, 403)) body = <NoAccess />;
  else if (list.isError) body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (rows.length === 0)
    body = <StateMessage role="status" icon={<IconPackages size={28} />} title={t('orders-admin.empty')} />;
  else
    body = (
      <>
        <Table.ScrollContainer minWidth={640}>
          <Table striped withTableBorder verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('orders-admin.number')}</Table.Th>
                <Table.Th>{t('orders-admin.customer')}</Table.Th>
                <Table.Th>{t('orders-admin.status')}</Table.Th>
                <Table.Th>{t('orders-admin.total')}</Table.Th>
                <Table.Th>{t('orders-admin.date')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/admin/orders/${o.id}`}>
                      {o.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{o.companyName ?? o.placedBy.name}</Table.Td>
                  <Table.Td>
                    <Badge variant="light">{t(`orders-admin.statuses.${o.status}`)}</Badge>
                  </Table.Td>
                  <Table.Td>{money(o.total, i18n.language)}</Table.Td>
                  <Table.Td>{f.dateTime(o.createdAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {list.hasNextPage ? (
          <Button
            variant="light"
            mt="md"
            loading={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
          >
            {t('orders-admin.more')}
          </Button>
        ) : null}
      </>
    );
  return (
    <>
      <PageHeader title={t('orders-admin.title')} />
      <Group mb="md" align="end" wrap="wrap">
        <Select
          label={t('orders-admin.status')}
          data={orderStatuses.map((s) => ({ value: s, label: t(`orders-admin.statuses.${s}`) }))}
          value={status}
          onChange={setStatus}
          clearable
          w={200}
        />
        <TextInput
          label={t('orders-admin.number')}
          value={number}
          onChange={(e) => setNumber(e.currentTarget.value)}
          w={160}
        />
        <TextInput
          type="date"
          label={t('orders-admin.from')}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t('orders-admin.to')}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
        />
        <Switch
          label={t('orders-admin.mine')}
          checked={mine}
          onChange={(e) => setMine(e.currentTarget.checked)}
        />
      </Group>
      {body}
    </>
  );
}
