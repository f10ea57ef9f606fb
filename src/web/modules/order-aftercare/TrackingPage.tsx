import { Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconTruck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { type Shipment, trackingQuery } from './api';
import { RouteMap } from './RouteMap';

/** Where the order's shipments are: per shipment its carrier, status, events and a route map. */
export function TrackingPage() {
  const { t } = useTranslation();
  const params = useParams({ strict: false }) as { id: string; orgId?: string };
  usePageTitle(t('order-aftercare.tracking.title'));
  const tracking = useQuery(trackingQuery(params.id, params.orgId));
  let body: React.ReactNode;
  if (tracking.isPending) body = <ListSkeleton />;
  else if (tracking.isError)
    body = <ErrorState error={tracking.error} onRetry={() => void tracking.refetch()} />;
  else if (tracking.data.shipments.length === 0)
    body = (
      <StateMessage
        role="status"
        icon={<IconTruck size={28} />}
        title={t('order-aftercare.tracking.empty')}
      />
    );
  else
    body = (
      <Stack>
        {tracking.data.shipments.map((s) => (
          <ShipmentCard key={s.id} shipment={s} />
        ))}
      </Stack>
    );
  return (
    <>
      <PageHeader title={t('order-aftercare.tracking.title')} />
      {body}
    </>
  );
}

function ShipmentCard({ shipment: s }: { shipment: Shipment }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Card withBorder data-testid="shipment">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h4">
            {t('order-aftercare.tracking.shipment', { number: s.number })}
          </Title>
          <Badge>
            {t(`order-aftercare.shipmentStatus.${s.status}` as 'order-aftercare.shipmentStatus.preparing')}
          </Badge>
        </Group>
        <Text size="sm">
          {[s.carrier, s.trackingNumber].filter(Boolean).join(' · ') ||
            t('order-aftercare.tracking.noCarrier')}
        </Text>
        {s.expectedDate ? (
          <Text size="sm">
            {t('order-aftercare.tracking.expected', { date: f.longDate(s.expectedDate) })}
          </Text>
        ) : null}
        {s.lastLocation ? (
          <Text size="sm" fw={600}>
            {t('order-aftercare.tracking.last', {
              place: s.lastLocation.name ?? `${s.lastLocation.lat}, ${s.lastLocation.lon}`,
            })}
          </Text>
        ) : null}
        <RouteMap events={s.events} label={t('order-aftercare.tracking.map', { number: s.number })} />
        <List size="sm" spacing={4}>
          {[...s.events].reverse().map((e) => (
            <List.Item key={e.id}>
              {f.dateTime(e.at)} —{' '}
              {t(`order-aftercare.shipmentStatus.${e.status}` as 'order-aftercare.shipmentStatus.preparing')}
              {e.location ? `, ${e.location}` : ''}
              {e.description ? ` (${e.description})` : ''}
            </List.Item>
          ))}
        </List>
      </Stack>
    </Card>
  );
}
