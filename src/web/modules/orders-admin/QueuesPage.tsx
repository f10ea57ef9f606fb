import { Anchor, Badge, Button, Card, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle, IconReceiptRefund } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { claimStatuses, returnStatuses } from '../../../shared/orders';
import { isApiError } from '../../app/api';
import { useFormat } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { NoAccess } from '../backoffice/NoAccess';
import {
  type Claim,
  claimNext,
  claimsList,
  money,
  type ReturnRequest,
  returnNext,
  returnsList,
  send,
} from './api';

type Kind = 'returns' | 'claims';
type Item = ReturnRequest | Claim;

/** Return requests to handle. */
export function ReturnsQueuePage() {
  return <Queue kind="returns" />;
}
/** Claims to handle. */
export function ClaimsQueuePage() {
  return <Queue kind="claims" />;
}

function Queue({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  usePageTitle(t(`orders-admin.${kind}.title`));
  const [status, setStatus] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['orders-admin', kind, status],
    queryFn: (): Promise<{ items: Item[] }> =>
      kind === 'returns' ? returnsList(status ?? undefined) : claimsList(status ?? undefined),
  });
  const statuses = kind === 'returns' ? returnStatuses : claimStatuses;
  let body: React.ReactNode;
  if (list.isPending) body = <ListSkeleton />;
  else if (isApiError(list.error, 401, 403)) body = <NoAccess />;
  else if (list.isError) body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0)
    body = (
      <StateMessage
        role="status"
        icon={kind === 'returns' ? <IconReceiptRefund size={28} /> : <IconAlertTriangle size={28} />}
        title={t(`orders-admin.${kind}.empty`)}
      />
    );
  else
    body = (
      <Stack>
        {list.data.items.map((item: Item) => (
          // keyed by status too: a moved item starts over with its next statuses
          <QueueItem key={`${item.id}:${item.status}`} kind={kind} item={item} />
        ))}
      </Stack>
    );
  return (
    <>
      <PageHeader title={t(`orders-admin.${kind}.title`)} />
      <Select
        mb="md"
        w={240}
        label={t('orders-admin.status')}
        data={statuses.map((s) => ({ value: s, label: statusLabel(t, kind, s) }))}
        value={status}
        onChange={setStatus}
        clearable
        clearButtonProps={{ 'aria-label': t('orders-admin.anyStatus') }}
      />
      {body}
    </>
  );
}

/** A status in the UI language (the customer module holds the names). */
const statusLabel = (t: (key: never) => string, kind: Kind, s: string) =>
  t((kind === 'returns' ? `order-aftercare.returnStatus.${s}` : `order-aftercare.claimStatus.${s}`) as never);

function QueueItem({ kind, item }: { kind: Kind; item: Item }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const client = useQueryClient();
  const next = (kind === 'returns' ? returnNext : claimNext)[item.status] ?? [];
  const [to, setTo] = useState<string | null>(next[0] ?? null);
  const [answer, setAnswer] = useState('');
  const move = useMutation({
    mutationFn: () =>
      send('POST', `/${kind}/${item.id}/status`, {
        status: to,
        ...(answer.trim()
          ? { [kind === 'returns' ? 'managerComment' : 'managerAnswer']: answer.trim() }
          : {}),
      }),
    onSuccess: async () => {
      setAnswer('');
      await client.invalidateQueries({ queryKey: ['orders-admin', kind] });
    },
  });
  const text = 'reason' in item ? `${item.reason} · ${money(item.amount, i18n.language)}` : item.description;
  return (
    <Card withBorder data-testid={`${kind}-item`}>
      <Group justify="space-between" wrap="wrap">
        <Text fw={600}>
          {item.number} ·{' '}
          <Anchor component={Link} to={`/admin/orders/${item.orderId}`}>
            {item.orderNumber}
          </Anchor>
        </Text>
        <Badge>{statusLabel(t, kind, item.status)}</Badge>
      </Group>
      <Text size="sm">
        {f.dateTime(item.createdAt)} · {text}
      </Text>
      <Text size="sm">{item.lines.map((l) => `${l.name} × ${l.quantity}`).join(', ')}</Text>
      <Group gap="xs">
        {item.attachments.map((a) => (
          <Anchor key={a.id} href={a.url} size="sm">
            {a.fileName}
          </Anchor>
        ))}
      </Group>
      {next.length ? (
        <Group mt="sm" align="end" wrap="wrap">
          <Select
            label={t('orders-admin.nextStatus')}
            data={next.map((s) => ({ value: s, label: statusLabel(t, kind, s) }))}
            value={to}
            onChange={setTo}
            allowDeselect={false}
            w={200}
          />
          <Textarea
            label={t(`orders-admin.${kind}.answer`)}
            value={answer}
            onChange={(e) => setAnswer(e.currentTarget.value)}
            autosize
            style={{ flex: 1, minWidth: 200 }}
          />
          <Button loading={move.isPending} onClick={() => move.mutate()}>
            {t('orders-admin.save')}
          </Button>
        </Group>
      ) : null}
      {move.error ? (
        <Text c="red" size="sm" role="alert">
          {move.error.message}
        </Text>
      ) : null}
    </Card>
  );
}
