import { Alert, Badge, Button, Card, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { useFormat } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { NoAccess } from '../backoffice/NoAccess';
import { OrderDownloads } from '../orders/OrderDownloads';
import { eventNote, eventTitle } from '../orders/timeline';
import { type AdminOrder, money, nextStatuses, orderOf, send } from './api';
import { EditForm, RefundForm, ShipmentForm, TrackingForm } from './OrderForms';
import { useOrderAction } from './useOrderAction';

/** One order in the back office: status actions, editing before confirmation, shipments, tracking, refunds. */
export function OrderPage() {
  const { t } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const order = useQuery({ queryKey: ['orders-admin', 'order', id], queryFn: () => orderOf(id) });
  usePageTitle(order.data?.number ?? t('orders-admin.title'));
  if (order.isPending) return <ListSkeleton />;
  if (isApiError(order.error, 401, 403)) return <NoAccess />;
  if (order.isError) return <ErrorState error={order.error} onRetry={() => void order.refetch()} />;
  const o = order.data;
  return (
    <>
      <PageHeader title={t('orders-admin.order', { number: o.number })} />
      <Stack>
        <Summary order={o} />
        <OrderDownloads orderUrl={`/api/v1/admin/orders/${o.id}`} number={o.number} />
        <StatusActions order={o} />
        {o.can.edit ? <EditForm order={o} /> : null}
        {o.can.ship ? <ShipmentForm key={o.shipments.length} order={o} /> : null}
        {o.shipments.map((s) => (
          <Card withBorder key={s.id} data-testid="admin-shipment">
            <Stack gap="xs">
              <Group justify="space-between" wrap="wrap">
                <Title order={2} size="h4">
                  {s.number}
                </Title>
                <Badge>
                  {t(
                    `order-aftercare.shipmentStatus.${s.status}` as 'order-aftercare.shipmentStatus.preparing',
                  )}
                </Badge>
              </Group>
              <Text size="sm">{[s.carrier, s.trackingNumber].filter(Boolean).join(' · ')}</Text>
              <Text size="sm">{s.lines.map((l) => `${l.name} × ${l.quantity}`).join(', ')}</Text>
              {s.status !== 'delivered' ? <TrackingForm orderId={o.id} shipment={s} /> : null}
            </Stack>
          </Card>
        ))}
        {o.can.refund ? <RefundForm order={o} /> : null}
        <Timeline order={o} />
      </Stack>
    </>
  );
}

function Summary({ order: o }: { order: AdminOrder }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder>
      <Group gap="xs" wrap="wrap">
        <Badge size="lg">{t(`orders-admin.statuses.${o.status}`)}</Badge>
        <Text>{o.companyName ?? o.placedBy.name}</Text>
        {o.customerEmail ? <Text c="dimmed">{o.customerEmail}</Text> : null}
      </Group>
      {/* A native, focusable scroll box: on a phone the lines scroll sideways and keyboards must reach them. */}
      <Table.ScrollContainer
        minWidth={480}
        mt="sm"
        type="native"
        tabIndex={0}
        role="region"
        aria-label={t('orders-admin.lines')}
      >
        <Table withTableBorder>
          <Table.Tbody>
            {o.lines.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td>{l.sku}</Table.Td>
                <Table.Td>{l.name}</Table.Td>
                <Table.Td>
                  {l.quantity} {l.unit}
                </Table.Td>
                <Table.Td>{t('orders-admin.shipped', { quantity: l.shippedQuantity })}</Table.Td>
                <Table.Td>{money(l.lineTotal, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text mt="sm" fw={600}>
        {t('orders-admin.total')}: {money(o.total, i18n.language)}
        {o.refundedAmount
          ? ` · ${t('orders-admin.refunded')}: ${money(o.refundedAmount, i18n.language)}`
          : ''}
      </Text>
      {o.comment ? <Text size="sm">{o.comment}</Text> : null}
    </Card>
  );
}

function StatusActions({ order: o }: { order: AdminOrder }) {
  const { t } = useTranslation();
  const move = useOrderAction(o.id, (status: string) => send('POST', `/orders/${o.id}/status`, { status }));
  const next = nextStatuses[o.status];
  if (next.length === 0) return null;
  return (
    <Group wrap="wrap">
      {next.map((s) => (
        <Button
          key={s}
          variant={s === 'cancelled' ? 'outline' : 'filled'}
          color={s === 'cancelled' ? 'red' : undefined}
          loading={move.isPending && move.variables === s}
          onClick={() => move.mutate(s)}
        >
          {t('orders-admin.moveTo', { status: t(`orders-admin.statuses.${s}`) })}
        </Button>
      ))}
      {move.error ? (
        <Alert color="red" role="alert">
          {move.error.message}
        </Alert>
      ) : null}
    </Group>
  );
}

function Timeline({ order: o }: { order: AdminOrder }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('orders-admin.timeline')}
      </Title>
      <List size="sm" spacing={4}>
        {o.timeline.map((e) => (
          <List.Item key={e.id}>
            {f.dateTime(e.at)} — {eventTitle(t, e)}
            {e.note ? ` (${eventNote(t, e)})` : ''}
            {e.actor.name ? ` · ${e.actor.name}` : ''}
          </List.Item>
        ))}
      </List>
    </Card>
  );
}
