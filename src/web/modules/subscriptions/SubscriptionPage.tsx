import {
  Anchor,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../app/api';
import { useFormat } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import {
  base,
  cardsQuery,
  cardTitle,
  day,
  inDays,
  money,
  type SubscriptionDetail,
  subscriptionQuery,
} from './api';
import { SubscriptionActions } from './SubscriptionActions';
import { SubscriptionFacts } from './SubscriptionsPage';

const weeks = Array.from({ length: 26 }, (_, i) => i + 1);

function ChangeForm({ sub }: { sub: SubscriptionDetail }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const cards = useQuery(cardsQuery());
  const [qty, setQty] = useState(sub.quantity ?? 1);
  const [interval, setInterval] = useState(String(sub.intervalWeeks ?? 4));
  const [next, setNext] = useState(sub.nextDate);
  const [card, setCard] = useState<string | null>(sub.savedMethodId);
  useEffect(() => setNext(sub.nextDate), [sub.nextDate]);
  const save = useMutation({
    mutationFn: () => {
      const json: Record<string, unknown> = {};
      if (sub.kind === 'product' && qty !== sub.quantity) json.quantity = qty;
      if (sub.kind === 'product' && Number(interval) !== sub.intervalWeeks)
        json.intervalWeeks = Number(interval);
      if (next !== sub.nextDate) json.nextDate = next;
      if (card && card !== sub.savedMethodId) json.savedMethodId = card;
      return api<SubscriptionDetail>(`${base}/${sub.id}`, { method: 'PATCH', json });
    },
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('subscriptions.saved') });
      await client.invalidateQueries({ queryKey: ['subscriptions'] });
    },
    onError: (error) =>
      notifications.show({ color: 'red', message: isApiError(error) ? error.message : String(error) }),
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="sm" maw={420}>
        <Title order={2} size="h3">
          {t('subscriptions.change')}
        </Title>
        {sub.kind === 'product' ? (
          <>
            <NumberInput
              hideControls
              label={t('subscriptions.quantity')}
              min={1}
              max={999}
              value={qty}
              onChange={(v) => setQty(Number(v) || 1)}
            />
            <Select
              label={t('subscriptions.interval')}
              value={interval}
              allowDeselect={false}
              onChange={(v) => setInterval(v ?? '4')}
              data={weeks.map((w) => ({
                value: String(w),
                label: t('subscriptions.everyWeeks', { count: w }),
              }))}
            />
          </>
        ) : null}
        <TextInput
          type="date"
          label={t('subscriptions.nextDate')}
          value={next}
          min={inDays(1)}
          onChange={(e) => setNext(e.currentTarget.value)}
        />
        <Select
          label={t('subscriptions.card')}
          placeholder={t('subscriptions.noCardSelected')}
          value={card}
          onChange={setCard}
          data={(cards.data?.items ?? []).map((c) => ({ value: c.id, label: cardTitle(c) }))}
        />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('subscriptions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One subscription: facts, actions, the change form, payments and history. */
export function SubscriptionPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const { subscriptionId } = useParams({ strict: false }) as { subscriptionId: string };
  const q = useQuery(subscriptionQuery(subscriptionId));
  usePageTitle(q.data?.title ?? t('subscriptions.title'));
  if (q.isPending) return <ListSkeleton />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const sub = q.data;
  return (
    <Stack gap="lg" maw={960}>
      <PageHeader
        title={sub.title}
        above={
          <Anchor component={Link} to="/subscriptions" size="sm">
            ← {t('subscriptions.back')}
          </Anchor>
        }
      />
      <Card withBorder padding="md">
        <Stack gap="xs">
          <SubscriptionFacts sub={sub} />
          <SubscriptionActions sub={sub} />
        </Stack>
      </Card>
      {sub.status !== 'canceled' ? <ChangeForm sub={sub} /> : null}
      <Stack gap="xs">
        <Title order={2} size="h3">
          {t('subscriptions.charges')}
        </Title>
        {sub.charges.length === 0 ? (
          <Text c="dimmed">{t('subscriptions.noCharges')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={320}>
            <Table>
              <Table.Tbody>
                {sub.charges.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>{day(c.periodDate, i18n.language)}</Table.Td>
                    <Table.Td>{t(`subscriptions.chargeStatus.${c.status}`)}</Table.Td>
                    <Table.Td>{c.amount !== null ? money(c.amount, i18n.language) : '—'}</Table.Td>
                    <Table.Td>
                      {c.orderId ? (
                        <Anchor component={Link} to={`/orders/${c.orderId}`}>
                          {t('subscriptions.open')}
                        </Anchor>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <Stack gap="xs">
        <Title order={2} size="h3">
          {t('subscriptions.history')}
        </Title>
        <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {sub.history.map((h) => (
            <Text component="li" size="sm" key={h.id} data-testid="subscription-event">
              {f.dateTime(h.createdAt)} —{' '}
              {t(`subscriptions.event.${h.kind}` as 'subscriptions.event.created', h.kind)}
              {typeof h.data.nextDate === 'string' ? ` → ${day(h.data.nextDate, i18n.language)}` : ''}
            </Text>
          ))}
        </Stack>
      </Stack>
    </Stack>
  );
}
