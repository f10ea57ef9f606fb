import {
  Alert,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { shipmentStatuses } from '../../../shared/orders';
import { type AdminOrder, type Shipment, send } from './api';
import { useOrderAction } from './useOrderAction';

function Problem({ error }: { error: Error | null }) {
  return error ? (
    <Alert color="red" role="alert">
      {error.message}
    </Alert>
  ) : null;
}

/** Quantities (0 removes a line), delivery cost and comment of an order not confirmed yet. */
export function EditForm({ order }: { order: AdminOrder }) {
  const { t } = useTranslation();
  const [qty, setQty] = useState<Record<string, number>>(
    Object.fromEntries(order.lines.map((l) => [l.id, l.quantity])),
  );
  const [delivery, setDelivery] = useState<number | string>(order.deliveryCost / 100);
  const [comment, setComment] = useState(order.comment ?? '');
  // New lines by SKU; the server prices them for this customer and reserves their stock.
  const [added, setAdded] = useState<{ sku: string; quantity: number }[]>([]);
  const [sku, setSku] = useState('');
  const [addQty, setAddQty] = useState<number | string>(1);
  const save = useOrderAction(
    order.id,
    () =>
      send('PATCH', `/orders/${order.id}`, {
        lines: order.lines.map((l) => ({ lineId: l.id, quantity: qty[l.id] ?? l.quantity })),
        ...(added.length ? { addLines: added } : {}),
        deliveryCost: typeof delivery === 'number' ? Math.round(delivery * 100) : order.deliveryCost,
        comment: comment || null,
      }),
    () => setAdded([]),
  );
  const addLine = () => {
    if (!sku.trim() || typeof addQty !== 'number' || addQty <= 0) return;
    // The same SKU twice is one new line with both quantities.
    const code = sku.trim();
    const same = added.find((a) => a.sku.toLowerCase() === code.toLowerCase());
    setAdded(
      same
        ? added.map((a) => (a === same ? { ...a, quantity: a.quantity + addQty } : a))
        : [...added, { sku: code, quantity: addQty }],
    );
    setSku('');
    setAddQty(1);
  };
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          {t('orders-admin.edit.title')}
        </Title>
        {order.lines.map((l) => (
          <NumberInput
            key={l.id}
            label={`${l.name} (${l.sku})`}
            min={0}
            value={qty[l.id] ?? l.quantity}
            onChange={(v) => setQty({ ...qty, [l.id]: typeof v === 'number' ? v : 0 })}
          />
        ))}
        {added.map((a) => (
          <Group key={a.sku} justify="space-between" wrap="nowrap">
            <Text size="sm">
              + {a.sku} × {a.quantity}
            </Text>
            <Button
              variant="subtle"
              color="red"
              size="compact-sm"
              onClick={() => setAdded(added.filter((other) => other !== a))}
            >
              {t('orders-admin.edit.removeNew', { sku: a.sku })}
            </Button>
          </Group>
        ))}
        <Group align="flex-end" wrap="wrap" gap="xs">
          <TextInput
            label={t('orders-admin.edit.sku')}
            value={sku}
            onChange={(e) => setSku(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') addLine();
            }}
            style={{ flex: '1 1 10rem' }}
          />
          <NumberInput
            label={t('orders-admin.edit.quantity')}
            min={0.001}
            value={addQty}
            onChange={setAddQty}
            style={{ flex: '0 1 7rem' }}
          />
          <Button variant="default" onClick={addLine} disabled={!sku.trim()}>
            {t('orders-admin.edit.add')}
          </Button>
        </Group>
        <NumberInput
          label={t('orders-admin.edit.delivery')}
          min={0}
          decimalScale={2}
          value={delivery}
          onChange={setDelivery}
        />
        <Textarea
          label={t('orders-admin.edit.comment')}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
        />
        <Problem error={save.error} />
        <Group>
          <Button loading={save.isPending} onClick={() => save.mutate(undefined)}>
            {t('orders-admin.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** A shipment: lines and quantities (what is left to ship), carrier, tracking number, expected date. */
export function ShipmentForm({ order }: { order: AdminOrder }) {
  const { t } = useTranslation();
  const left = order.lines
    .map((l) => ({ ...l, left: l.quantity - l.shippedQuantity }))
    .filter((l) => l.left > 0);
  const [qty, setQty] = useState<Record<string, number>>(Object.fromEntries(left.map((l) => [l.id, l.left])));
  const [carrier, setCarrier] = useState('');
  const [tracking, setTracking] = useState('');
  const [expected, setExpected] = useState('');
  const ship = useOrderAction(order.id, () =>
    send('POST', `/orders/${order.id}/shipments`, {
      carrier: carrier || null,
      trackingNumber: tracking || null,
      expectedDate: expected || null,
      lines: Object.entries(qty)
        .filter(([, q]) => q > 0)
        .map(([lineId, quantity]) => ({ lineId, quantity })),
    }),
  );
  if (left.length === 0) return null;
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          {t('orders-admin.ship.title')}
        </Title>
        <Table.ScrollContainer
          minWidth={300}
          type="native"
          tabIndex={0}
          role="region"
          aria-label={t('orders-admin.ship.title')}
        >
          <Table withTableBorder>
            <Table.Tbody>
              {left.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td>{l.name}</Table.Td>
                  <Table.Td w={130}>
                    <NumberInput
                      aria-label={t('orders-admin.ship.quantityOf', { name: l.name })}
                      min={0}
                      max={l.left}
                      value={qty[l.id]}
                      onChange={(v) => setQty({ ...qty, [l.id]: typeof v === 'number' ? v : 0 })}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group grow wrap="wrap">
          <TextInput
            label={t('orders-admin.ship.carrier')}
            value={carrier}
            onChange={(e) => setCarrier(e.currentTarget.value)}
          />
          <TextInput
            label={t('orders-admin.ship.tracking')}
            value={tracking}
            onChange={(e) => setTracking(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t('orders-admin.ship.expected')}
            value={expected}
            onChange={(e) => setExpected(e.currentTarget.value)}
          />
        </Group>
        <Problem error={ship.error} />
        <Group>
          <Button loading={ship.isPending} onClick={() => ship.mutate(undefined)}>
            {t('orders-admin.ship.submit')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** A tracking event of a shipment: status, place and coordinates. */
export function TrackingForm({ orderId, shipment }: { orderId: string; shipment: Shipment }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string>('in_transit');
  const [location, setLocation] = useState('');
  const [lat, setLat] = useState<number | string>('');
  const [lon, setLon] = useState<number | string>('');
  const add = useOrderAction(
    orderId,
    () =>
      send('POST', `/shipments/${shipment.id}/events`, {
        status,
        location: location || null,
        lat: typeof lat === 'number' ? lat : null,
        lon: typeof lon === 'number' ? lon : null,
      }),
    () => {
      setLocation('');
      setLat('');
      setLon('');
    },
  );
  return (
    <Stack gap="xs">
      <Group grow wrap="wrap" align="end">
        <Select
          label={t('orders-admin.track.status')}
          data={shipmentStatuses.map((s) => ({ value: s, label: t(`order-aftercare.shipmentStatus.${s}`) }))}
          value={status}
          onChange={(v) => setStatus(v ?? 'in_transit')}
          allowDeselect={false}
        />
        <TextInput
          label={t('orders-admin.track.location')}
          value={location}
          onChange={(e) => setLocation(e.currentTarget.value)}
        />
        <NumberInput
          label={t('orders-admin.track.lat')}
          min={-90}
          max={90}
          decimalScale={5}
          value={lat}
          onChange={setLat}
        />
        <NumberInput
          label={t('orders-admin.track.lon')}
          min={-180}
          max={180}
          decimalScale={5}
          value={lon}
          onChange={setLon}
        />
      </Group>
      <Problem error={add.error} />
      <Group>
        <Button loading={add.isPending} onClick={() => add.mutate(undefined)}>
          {t('orders-admin.track.submit', { number: shipment.number })}
        </Button>
      </Group>
    </Stack>
  );
}

/** A refund of a card order through the payment provider. */
export function RefundForm({ order }: { order: AdminOrder }) {
  const { t } = useTranslation();
  const [amount, setAmount] = useState<number | string>('');
  const [reason, setReason] = useState('');
  const refund = useOrderAction(order.id, () =>
    send('POST', `/orders/${order.id}/refunds`, {
      amount: typeof amount === 'number' ? Math.round(amount * 100) : 0,
      reason,
    }),
  );
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h4">
          {t('orders-admin.refund.title')}
        </Title>
        <Group grow wrap="wrap">
          <NumberInput
            label={t('orders-admin.refund.amount')}
            min={0}
            decimalScale={2}
            value={amount}
            onChange={setAmount}
          />
          <TextInput
            label={t('orders-admin.refund.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
        </Group>
        <Problem error={refund.error} />
        <Group>
          <Button
            color="orange"
            loading={refund.isPending}
            disabled={!reason.trim()}
            onClick={() => refund.mutate(undefined)}
          >
            {t('orders-admin.refund.submit')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
