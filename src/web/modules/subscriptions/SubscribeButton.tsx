import {
  Alert,
  Anchor,
  Button,
  Loader,
  Modal,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconRepeat } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../app/api';
import { base, inDays, type SubscriptionDetail } from './api';

/** What checkout offers for the line (the orders API). */
interface Options {
  addresses: { id: string; label: string | null; text: string; isDefault: boolean }[];
  deliveryQuotes: { methodId: string; kind: string; name: string; available: boolean }[];
  savedCards: { id: string; title: string }[];
}

const weeks = Array.from({ length: 26 }, (_, i) => i + 1);

function SubscribeForm({
  variantId,
  quantity,
  onDone,
}: {
  variantId: string;
  quantity: number;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const options = useQuery({
    queryKey: ['subscriptions', 'options', variantId, quantity],
    queryFn: () =>
      api<Options>('/api/v1/me/checkout/options', {
        method: 'POST',
        json: { lines: [{ variantId, quantity }] },
      }),
  });
  const [interval, setInterval] = useState('4');
  const [qty, setQty] = useState<number>(Math.max(1, Math.round(quantity)));
  const [methodId, setMethodId] = useState<string | null>(null);
  const [addressId, setAddressId] = useState<string | null>(null);
  const [cardId, setCardId] = useState<string | null>(null);
  const [first, setFirst] = useState(inDays(1));
  const data = options.data;
  useEffect(() => {
    if (!data) return;
    setMethodId((m) => m ?? data.deliveryQuotes.find((q) => q.available)?.methodId ?? null);
    setAddressId((a) => a ?? data.addresses.find((x) => x.isDefault)?.id ?? data.addresses[0]?.id ?? null);
    setCardId((c) => c ?? data.savedCards[0]?.id ?? null);
  }, [data]);
  const method = data?.deliveryQuotes.find((q) => q.methodId === methodId);
  const create = useMutation({
    mutationFn: () =>
      api<SubscriptionDetail>(base, {
        method: 'POST',
        json: {
          kind: 'product',
          variantId,
          quantity: qty,
          intervalWeeks: Number(interval),
          deliveryMethodId: methodId,
          ...(method?.kind !== 'pickup' && addressId ? { addressId } : {}),
          savedMethodId: cardId,
          nextDate: first,
        },
      }),
    onSuccess: async (sub) => {
      await client.invalidateQueries({ queryKey: ['subscriptions'] });
      notifications.show({ color: 'green', message: t('subscriptions.created') });
      onDone();
      void navigate({ to: '/subscriptions/$subscriptionId', params: { subscriptionId: sub.id } });
    },
  });

  if (options.isPending)
    return (
      <Stack align="center" py="md">
        <Loader size="sm" aria-label={t('subscriptions.loading')} />
      </Stack>
    );
  if (options.isError || !data) return <Alert color="red">{t('subscriptions.loadError')}</Alert>;
  if (data.savedCards.length === 0)
    return (
      <Alert color="blue" data-testid="subscribe-no-card">
        {t('subscriptions.noCard')}
      </Alert>
    );
  const needsAddress = method && method.kind !== 'pickup';
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <Stack gap="sm">
        <Select
          label={t('subscriptions.interval')}
          value={interval}
          onChange={(v) => setInterval(v ?? '4')}
          allowDeselect={false}
          data={weeks.map((w) => ({ value: String(w), label: t('subscriptions.everyWeeks', { count: w }) }))}
        />
        <NumberInput
          hideControls
          label={t('subscriptions.quantity')}
          min={1}
          max={999}
          value={qty}
          onChange={(v) => setQty(Number(v) || 1)}
        />
        <Select
          label={t('subscriptions.delivery')}
          value={methodId}
          onChange={setMethodId}
          allowDeselect={false}
          data={data.deliveryQuotes
            .filter((q) => q.available)
            .map((q) => ({ value: q.methodId, label: q.name }))}
        />
        {needsAddress ? (
          <Select
            label={t('subscriptions.address')}
            value={addressId}
            onChange={setAddressId}
            allowDeselect={false}
            data={data.addresses.map((a) => ({
              value: a.id,
              label: a.label ? `${a.label}: ${a.text}` : a.text,
            }))}
          />
        ) : null}
        <Select
          label={t('subscriptions.card')}
          value={cardId}
          onChange={setCardId}
          allowDeselect={false}
          data={data.savedCards.map((c) => ({ value: c.id, label: c.title }))}
        />
        <TextInput
          type="date"
          label={t('subscriptions.firstDate')}
          value={first}
          min={inDays(0)}
          onChange={(e) => setFirst(e.currentTarget.value)}
          required
        />
        {create.isError ? (
          <Alert color="red" role="alert">
            {isApiError(create.error) ? create.error.message : String(create.error)}
          </Alert>
        ) : null}
        <Button
          type="submit"
          loading={create.isPending}
          disabled={!methodId || !cardId || (needsAddress && !addressId)}
        >
          {t('subscriptions.create')}
        </Button>
      </Stack>
    </form>
  );
}

/** «Подписаться на доставку»: subscribes to this product every N weeks (signed-in retail customers). */
export function SubscribeButton(props: { variantId: string; productName: string; quantity: number }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button variant="light" leftSection={<IconRepeat size={16} aria-hidden="true" />} onClick={open}>
        {t('subscriptions.subscribe')}
      </Button>
      <Modal
        closeButtonProps={{ 'aria-label': t('subscriptions.close') }}
        opened={opened}
        onClose={close}
        title={t('subscriptions.subscribeTitle', { name: props.productName })}
      >
        {opened ? (
          <SubscribeForm variantId={props.variantId} quantity={props.quantity} onDone={close} />
        ) : null}
        <Text size="sm" mt="sm">
          <Anchor component={Link} to="/subscriptions" onClick={close}>
            {t('subscriptions.title')}
          </Anchor>
        </Text>
      </Modal>
    </>
  );
}
