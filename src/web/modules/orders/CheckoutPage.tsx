import { Alert, Button, Card, Group, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconShoppingCartOff } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { PageSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { CheckoutDiscounts, type CheckoutDiscountsValue } from '../promotions/CheckoutDiscounts';
import { apiBase, checkoutQuery, formatMoney, type Order, pageBase } from './api';
import { useOrderScope } from './scope';
import { sourceBody, useCheckoutSource } from './useCheckoutLines';

/** Checkout: address, delivery with its cost, desired date, payment, comment; places the order. */
export function CheckoutPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('orders.checkout.title'));
  const scope = useOrderScope();
  const source = useCheckoutSource();
  const navigate = useNavigate();
  const [addressId, setAddressId] = useState<string | null>(null);
  const options = useQuery(checkoutQuery(scope, source, addressId));
  const [methodId, setMethodId] = useState<string | null>(null);
  const [payment, setPayment] = useState<string | null>(null);
  const [desiredDate, setDesiredDate] = useState('');
  const [comment, setComment] = useState('');
  const [discounts, setDiscounts] = useState<CheckoutDiscountsValue>({ amount: 0 });
  const key = useMemo(() => crypto.randomUUID(), []);
  const data = options.data;
  useEffect(() => {
    if (!data) return;
    if (!addressId && data.addressId) setAddressId(data.addressId);
    if (!methodId) setMethodId(data.deliveryQuotes.find((q) => q.available)?.methodId ?? null);
    if (!payment) setPayment(data.paymentMethods[0] ?? null);
  }, [data, addressId, methodId, payment]);
  const place = useMutation({
    mutationFn: () =>
      api<Order>(`${apiBase(scope)}/orders`, {
        method: 'POST',
        headers: { 'Idempotency-Key': key },
        json: {
          ...sourceBody(source),
          delivery: {
            methodId,
            ...(addressId ? { addressId } : {}),
            ...(desiredDate ? { desiredDate } : {}),
          },
          paymentMethod: payment,
          ...(comment ? { comment } : {}),
          ...(discounts.promoCode ? { promoCode: discounts.promoCode } : {}),
          ...(discounts.bonusPoints ? { bonusPoints: discounts.bonusPoints } : {}),
        },
      }),
    onSuccess: (order) => {
      if (order.payment?.confirmationUrl) window.location.assign(order.payment.confirmationUrl);
      else void navigate({ to: `${pageBase(scope)}/orders/${order.id}` });
    },
  });
  const nothing = !source.cartId && source.lines.length === 0;
  if (nothing || (data && data.cart.lines.length === 0))
    return (
      <StateMessage
        color="gray"
        icon={<IconShoppingCartOff size={28} />}
        title={t('orders.checkout.empty')}
        titleOrder={1}
        testId="checkout-empty"
      />
    );
  if (options.isPending) return <PageSkeleton />;
  if (options.isError)
    return <ErrorState error={options.error} titleOrder={1} onRetry={() => void options.refetch()} />;
  const money = (k: number) => formatMoney(k, i18n.language);
  const quote = data?.deliveryQuotes.find((q) => q.methodId === methodId);
  const total = (data?.cart.itemsTotal ?? 0) - discounts.amount + (quote?.cost ?? 0);
  return (
    <Stack gap="md" maw={820}>
      <PageHeader title={t('orders.checkout.title')} />
      <Card withBorder>
        <Stack gap={4}>
          {data?.cart.lines.map((l) => (
            <Group key={l.variantId} justify="space-between" wrap="nowrap">
              <Text size="sm">
                {l.name} × {l.quantity} {l.unit}
              </Text>
              <Text size="sm">{l.lineTotal === null ? '—' : money(l.lineTotal)}</Text>
            </Group>
          ))}
        </Stack>
      </Card>
      <Card withBorder>
        <Radio.Group
          label={
            <Title order={2} size="h5">
              {t('orders.checkout.address')}
            </Title>
          }
          value={addressId}
          onChange={setAddressId}
        >
          <Stack gap="xs" mt="xs">
            {data?.addresses.length ? (
              data.addresses.map((a) => (
                <Radio key={a.id} value={a.id} label={`${a.label ?? ''} ${a.text}`.trim()} />
              ))
            ) : (
              <Text size="sm" c="dimmed">
                {t('orders.checkout.noAddresses')}
              </Text>
            )}
          </Stack>
        </Radio.Group>
      </Card>
      <Card withBorder>
        <Radio.Group
          label={
            <Title order={2} size="h5">
              {t('orders.checkout.delivery')}
            </Title>
          }
          value={methodId}
          onChange={setMethodId}
        >
          <Stack gap="xs" mt="xs">
            {data?.deliveryQuotes.map((q) => (
              <Radio
                key={q.methodId}
                value={q.methodId}
                disabled={!q.available}
                label={`${q.name} — ${q.available ? (q.cost ? money(q.cost) : t('orders.checkout.free')) : t('orders.checkout.unavailable')}`}
                description={q.deliveryDate ?? undefined}
              />
            ))}
          </Stack>
        </Radio.Group>
        <TextInput
          mt="sm"
          type="date"
          label={t('orders.checkout.desiredDate')}
          value={desiredDate}
          onChange={(e) => setDesiredDate(e.currentTarget.value)}
          maw={240}
        />
      </Card>
      <Card withBorder>
        <Radio.Group
          label={
            <Title order={2} size="h5">
              {t('orders.checkout.payment')}
            </Title>
          }
          value={payment}
          onChange={setPayment}
        >
          <Stack gap="xs" mt="xs">
            {data?.paymentMethods.map((m) => (
              <Radio key={m} value={m} label={t(`orders.payment.${m}` as 'orders.payment.invoice')} />
            ))}
          </Stack>
        </Radio.Group>
        {data?.credit ? (
          <Text size="sm" c="dimmed" mt="xs">
            {t('orders.checkout.credit', { amount: money(data.credit.available) })}
          </Text>
        ) : null}
      </Card>
      <CheckoutDiscounts
        apiBase={apiBase(scope)}
        source={sourceBody(source)}
        deliveryCost={quote?.cost ?? 0}
        value={discounts}
        onChange={setDiscounts}
      />
      <Textarea
        label={t('orders.checkout.comment')}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      {data?.approvalExpected ? <Alert color="yellow">{t('orders.checkout.approvalExpected')}</Alert> : null}
      {place.isError ? (
        <Alert color="red" role="alert">
          {(place.error as Error).message}
        </Alert>
      ) : null}
      <Group justify="space-between">
        <Stack gap={0}>
          {discounts.amount > 0 ? (
            <Text size="sm" data-testid="checkout-discount">
              −{money(discounts.amount)}
            </Text>
          ) : null}
          <Text fw={700} data-testid="checkout-total">
            {money(total)}
          </Text>
        </Stack>
        <Button
          size="md"
          loading={place.isPending}
          disabled={!methodId || !payment}
          onClick={() => place.mutate()}
          data-testid="checkout-place"
        >
          {t('orders.checkout.place')}
        </Button>
      </Group>
    </Stack>
  );
}
