import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Stack,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { IconArrowLeft, IconReceiptOff } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { PageSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { OrderDocuments } from '../documents/OrderDocuments';
import { OrderAftercareLinks } from '../order-aftercare/OrderAftercareLinks';
import { AskButton } from '../support/AskButton';
import { apiBase, formatMoney, type Order, type OrderScope, orderQuery, pageBase } from './api';
import { OrderDownloads } from './OrderDownloads';
import { RepeatOrderButton } from './RepeatOrderButton';
import { useOrderScope } from './scope';
import { eventNote, eventTitle } from './timeline';

function ApprovalBox({ order, scope }: { order: Order; scope: OrderScope }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [comment, setComment] = useState('');
  const decide = useMutation({
    mutationFn: (verdict: 'approve' | 'reject') =>
      api<Order>(`${apiBase(scope)}/orders/${order.id}/${verdict}`, {
        method: 'POST',
        json: comment ? { comment } : {},
      }),
    onSuccess: () =>
      client.invalidateQueries({
        queryKey: scope.kind === 'me' ? ['me', 'orders'] : ['orgs', scope.orgId, 'orders'],
      }),
  });
  const approval = order.approval;
  if (!approval) return null;
  return (
    <Card withBorder data-testid="approval-box">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {t('orders.approval.title')}
          </Title>
          <Badge variant="light">{t(`orders.approval.${approval.state}` as 'orders.approval.pending')}</Badge>
        </Group>
        {approval.reasons.length ? (
          <Text size="sm">
            {t('orders.approval.reasons')}:{' '}
            {approval.reasons.map((r) => r.split(':').slice(2).join(':') || r).join('; ')}
          </Text>
        ) : null}
        {approval.reservedUntil ? (
          <Text size="sm" c="dimmed">
            {t('orders.approval.reservedUntil', {
              date: new Date(approval.reservedUntil).toLocaleString(i18n.language),
            })}
          </Text>
        ) : null}
        {approval.comment ? (
          <Text size="sm">
            {t('orders.approval.comment')}: {approval.comment}
          </Text>
        ) : null}
        {order.can.approve ? (
          <>
            <Textarea
              label={t('orders.approval.comment')}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              autosize
              minRows={2}
            />
            {decide.isError ? (
              <Alert color="red" role="alert">
                {(decide.error as Error).message}
              </Alert>
            ) : null}
            <Group gap="xs">
              <Button loading={decide.isPending} onClick={() => decide.mutate('approve')}>
                {t('orders.approval.approve')}
              </Button>
              <Button
                color="red"
                variant="light"
                loading={decide.isPending}
                onClick={() => (comment.trim() ? decide.mutate('reject') : setComment(''))}
                title={comment.trim() ? undefined : t('orders.approval.rejectNeedsComment')}
                disabled={!comment.trim()}
              >
                {t('orders.approval.reject')}
              </Button>
            </Group>
          </>
        ) : null}
      </Stack>
    </Card>
  );
}

function OrderView({ order, scope }: { order: Order; scope: OrderScope }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  usePageTitle(t('orders.detail.title', { number: order.number }));
  const money = (k: number) => formatMoney(k, i18n.language, order.currency);
  const base = pageBase(scope);
  const refresh = () =>
    client.invalidateQueries({
      queryKey: scope.kind === 'me' ? ['me', 'orders'] : ['orgs', scope.orgId, 'orders'],
    });
  const cancel = useMutation({
    mutationFn: () => api<Order>(`${apiBase(scope)}/orders/${order.id}/cancel`, { method: 'POST', json: {} }),
    onSuccess: refresh,
  });
  const pay = useMutation({
    mutationFn: () =>
      api<{ confirmationUrl: string | null }>(`${apiBase(scope)}/orders/${order.id}/pay`, {
        method: 'POST',
        json: {},
      }),
    onSuccess: (r) => {
      if (r.confirmationUrl) window.location.assign(r.confirmationUrl);
    },
  });
  return (
    <Stack gap="md" maw={960}>
      <PageHeader
        title={t('orders.detail.title', { number: order.number })}
        above={
          <Anchor size="sm" renderRoot={(props) => <Link to={`${base}/orders`} {...props} />}>
            <Group gap={4}>
              <IconArrowLeft size={14} aria-hidden="true" />
              {t('orders.detail.back')}
            </Group>
          </Anchor>
        }
        actions={
          <Group gap="xs">
            <RepeatOrderButton order={order} scope={scope} />
            <AskButton
              base={base}
              context={{
                kind: 'order',
                id: order.id,
                label: order.number,
                path: `${base}/orders/${order.id}`,
              }}
            />
            {order.can.pay ? (
              <Button loading={pay.isPending} onClick={() => pay.mutate()} data-testid="order-pay">
                {t('orders.detail.pay')}
              </Button>
            ) : null}
            {order.can.cancel ? (
              <Button
                color="red"
                variant="light"
                loading={cancel.isPending}
                onClick={() => window.confirm(t('orders.detail.cancelConfirm')) && cancel.mutate()}
              >
                {t('orders.detail.cancel')}
              </Button>
            ) : null}
          </Group>
        }
      />
      <Group gap="xs">
        <Badge size="lg" data-testid="order-status">
          {t(`orders.status.${order.status}` as 'orders.status.new')}
        </Badge>
        <Badge size="lg" variant="light">
          {t(`orders.payment.${order.paymentMethod}` as 'orders.payment.invoice')}
        </Badge>
      </Group>
      <ApprovalBox order={order} scope={scope} />
      <OrderDownloads orderUrl={`${apiBase(scope)}/orders/${order.id}`} number={order.number} />
      <OrderAftercareLinks order={order} orgId={scope.kind === 'org' ? scope.orgId : undefined} />
      {scope.kind === 'org' ? <OrderDocuments orgId={scope.orgId} order={order} /> : null}
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('orders.detail.lines')}
        </Title>
        <Stack gap="xs">
          {order.lines.map((l) => (
            <Group key={l.id} justify="space-between" wrap="wrap" gap="xs" data-testid="order-line">
              <Stack gap={0} maw={420}>
                <Text size="sm">{l.name}</Text>
                <Text size="xs" c="dimmed">
                  {l.sku} · {l.quantity} {l.unit} × {money(l.unitPrice)}
                </Text>
              </Stack>
              <Stack gap={0} align="flex-end">
                <Text size="sm" fw={600}>
                  {money(l.lineTotal)}
                </Text>
                {l.discount > 0 ? (
                  <Text size="xs">
                    {t('promotions.order.lineDiscount', { amount: `−${money(l.discount)}` })}
                  </Text>
                ) : null}
              </Stack>
            </Group>
          ))}
        </Stack>
        <Stack gap={2} mt="sm" align="flex-end">
          <Text size="sm">
            {t('orders.detail.items')}: {money(order.itemsTotal)}
          </Text>
          {order.discounts.map((d) => (
            <Text size="sm" key={`${d.kind}:${d.code ?? ''}`} data-testid="order-discount">
              {d.kind === 'promo'
                ? t('promotions.order.promo', { code: d.code ?? '' })
                : t('promotions.order.bonus', { points: d.points ?? 0 })}
              : −{money(d.amount)}
            </Text>
          ))}
          <Text size="sm">
            {t('orders.detail.delivery')}: {money(order.deliveryCost)}
          </Text>
          <Text fw={700}>
            {t('orders.detail.total')}: {money(order.total)}
          </Text>
          <Text size="sm" c="dimmed">
            {t('orders.detail.paid')}: {money(order.paidAmount)}
          </Text>
        </Stack>
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('orders.detail.delivery')}
        </Title>
        <Text size="sm">{order.delivery.name}</Text>
        {order.delivery.address ? (
          <Text size="sm" c="dimmed">
            {order.delivery.address}
          </Text>
        ) : null}
        {order.comment ? (
          <Text size="sm" mt="xs">
            {t('orders.detail.comment')}: {order.comment}
          </Text>
        ) : null}
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('orders.detail.shipments')}
        </Title>
        {order.shipments.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('orders.detail.noShipments')}
          </Text>
        ) : (
          <Stack gap="xs">
            {order.shipments.map((s) => (
              <Group key={s.id} justify="space-between">
                <Text size="sm">
                  {s.number} {s.carrier ?? ''} {s.trackingNumber ?? ''}
                </Text>
                <Anchor
                  size="sm"
                  renderRoot={(props) => <Link to={`${base}/orders/${order.id}/tracking`} {...props} />}
                >
                  {t('orders.detail.track')}
                </Anchor>
              </Group>
            ))}
          </Stack>
        )}
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('orders.detail.timeline')}
        </Title>
        <Timeline bulletSize={12} lineWidth={2}>
          {order.timeline.map((e) => (
            <Timeline.Item key={e.id} title={eventTitle(t, e)}>
              <Text size="xs" c="dimmed">
                {new Date(e.at).toLocaleString(i18n.language)} · {e.actor.name ?? t('orders.detail.system')}
              </Text>
              {e.note ? <Text size="sm">{eventNote(t, e)}</Text> : null}
            </Timeline.Item>
          ))}
        </Timeline>
      </Card>
    </Stack>
  );
}

/** One order: lines, totals, delivery, shipments, timeline, approval, payment and cancel. */
export function OrderPage() {
  const { t } = useTranslation();
  const scope = useOrderScope();
  const { orderId } = useParams({ strict: false }) as { orderId: string };
  const order = useQuery(orderQuery(scope, orderId));
  if (order.isPending) return <PageSkeleton />;
  if (isApiError(order.error, 404, 403))
    return (
      <StateMessage
        color="gray"
        icon={<IconReceiptOff size={28} />}
        title={t('orders.detail.notFound')}
        titleOrder={1}
      />
    );
  if (order.isError)
    return <ErrorState error={order.error} titleOrder={1} onRetry={() => void order.refetch()} />;
  return <OrderView order={order.data} scope={scope} />;
}
