import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Select,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRepeat } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import {
  base,
  cardsQuery,
  cardTitle,
  day,
  money,
  type Plan,
  type Preferences,
  plansQuery,
  remindersQuery,
  type Subscription,
  subscriptionsQuery,
} from './api';
import { SubscriptionActions } from './SubscriptionActions';

const statusColor = { active: 'green', paused: 'yellow', canceled: 'gray' } as const;

/** Status badge, next date and the pause or retry note of a subscription. */
export function SubscriptionFacts({ sub }: { sub: Subscription }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Stack gap={2}>
      <Group gap="xs">
        <Badge color={statusColor[sub.status]} variant="light">
          {t(`subscriptions.status.${sub.status}`)}
        </Badge>
        {sub.intervalWeeks ? (
          <Text size="sm" c="dimmed">
            {sub.quantity} × {t('subscriptions.everyWeeks', { count: sub.intervalWeeks })}
          </Text>
        ) : null}
        {sub.plan ? (
          <Text size="sm" c="dimmed">
            {sub.plan.period === 'month'
              ? t('subscriptions.perMonth', { price: money(sub.plan.price, lang) })
              : t('subscriptions.perWeeks', {
                  price: money(sub.plan.price, lang),
                  count: sub.plan.intervalWeeks ?? 1,
                })}
          </Text>
        ) : null}
      </Group>
      {sub.status !== 'canceled' ? (
        <Text size="sm" data-testid="subscription-next">
          {t('subscriptions.nextDate')}: <b>{day(sub.nextDate, lang)}</b>
          {sub.pausedUntil
            ? ` · ${t('subscriptions.pausedUntil', { date: day(sub.pausedUntil, lang) })}`
            : ''}
        </Text>
      ) : null}
      {sub.status === 'paused' && sub.pauseReason === 'payment_failed' ? (
        <Text size="sm" c="red.9">
          {t('subscriptions.pauseReason.payment_failed')}
        </Text>
      ) : null}
      {sub.retryAt ? (
        <Text size="sm" c="red.9">
          {t('subscriptions.retryAt', { date: day(sub.retryAt, lang) })}
        </Text>
      ) : null}
      {!sub.savedMethodId && sub.status !== 'canceled' ? (
        <Text size="sm" c="red.9">
          {t('subscriptions.noCardSelected')}
        </Text>
      ) : null}
    </Stack>
  );
}

function PlanCard({ plan }: { plan: Plan }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const client = useQueryClient();
  const [opened, setOpened] = useState(false);
  const cards = useQuery({ ...cardsQuery(), enabled: opened });
  const [card, setCard] = useState<string | null>(null);
  const subscribe = useMutation({
    mutationFn: (savedMethodId: string) =>
      api(base, { method: 'POST', json: { kind: 'plan', planId: plan.id, savedMethodId } }),
    onSuccess: async () => {
      setOpened(false);
      notifications.show({ color: 'green', message: t('subscriptions.created') });
      await client.invalidateQueries({ queryKey: ['subscriptions'] });
    },
  });
  const name = lang === 'en' ? plan.nameEn : plan.nameRu;
  const chosen = card ?? cards.data?.items[0]?.id ?? null;
  return (
    <Card withBorder padding="md">
      <Stack gap={4}>
        <Text fw={600}>{name}</Text>
        <Text size="sm" c="dimmed">
          {lang === 'en' ? plan.descriptionEn : plan.descriptionRu}
        </Text>
        <Group justify="space-between" wrap="wrap">
          <Text size="sm">
            {plan.period === 'month'
              ? t('subscriptions.perMonth', { price: money(plan.price, lang) })
              : t('subscriptions.perWeeks', {
                  price: money(plan.price, lang),
                  count: plan.intervalWeeks ?? 1,
                })}
          </Text>
          <Button size="xs" onClick={() => setOpened(true)}>
            {t('subscriptions.subscribePlan')}
          </Button>
        </Group>
      </Stack>
      <Modal
        closeButtonProps={{ 'aria-label': t('subscriptions.close') }}
        opened={opened}
        onClose={() => setOpened(false)}
        title={name}
      >
        {cards.data && cards.data.items.length === 0 ? (
          <Alert color="blue">{t('subscriptions.noCard')}</Alert>
        ) : (
          <Stack gap="sm">
            <Select
              label={t('subscriptions.card')}
              value={chosen}
              onChange={setCard}
              data={(cards.data?.items ?? []).map((c) => ({ value: c.id, label: cardTitle(c) }))}
            />
            {subscribe.isError ? (
              <Alert color="red" role="alert">
                {isApiError(subscribe.error) ? subscribe.error.message : String(subscribe.error)}
              </Alert>
            ) : null}
            <Button
              loading={subscribe.isPending}
              disabled={!chosen}
              onClick={() => chosen && subscribe.mutate(chosen)}
            >
              {t('subscriptions.subscribePlan')}
            </Button>
          </Stack>
        )}
      </Modal>
    </Card>
  );
}

function Notices() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const reminders = useQuery(remindersQuery());
  const save = useMutation({
    mutationFn: (patch: Partial<Preferences>) =>
      api<Preferences>('/api/v1/me/reminders/preferences', { method: 'PUT', json: patch }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['reminders'] }),
  });
  const prefs = reminders.data?.preferences;
  return (
    <Stack gap="xs" id="notices">
      <Title order={2} size="h3">
        {t('subscriptions.notices')}
      </Title>
      <Switch
        label={t('subscriptions.reorderReminders')}
        checked={prefs?.reorderReminders ?? true}
        disabled={!prefs || save.isPending}
        onChange={(e) => save.mutate({ reorderReminders: e.currentTarget.checked })}
      />
      <Switch
        label={t('subscriptions.subscriptionNotices')}
        checked={prefs?.subscriptionNotices ?? true}
        disabled={!prefs || save.isPending}
        onChange={(e) => save.mutate({ subscriptionNotices: e.currentTarget.checked })}
      />
      <Text size="xs" c="dimmed">
        {t('subscriptions.noticesHint')}
      </Text>
    </Stack>
  );
}

/** `/subscriptions`: my subscriptions with the next date and actions, service plans, and notice switches. */
export function SubscriptionsPage() {
  const { t } = useTranslation();
  usePageTitle(t('subscriptions.title'));
  const list = useQuery(subscriptionsQuery());
  const plans = useQuery(plansQuery());
  let body: React.ReactNode;
  if (list.isPending) body = <ListSkeleton />;
  else if (list.isError) body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0)
    body = (
      <StateMessage
        role="status"
        color="gray"
        icon={<IconRepeat size={28} />}
        title={t('subscriptions.empty')}
      />
    );
  else
    body = (
      <Stack gap="xs">
        {list.data.items.map((s) => (
          <Card withBorder key={s.id} padding="md" data-testid="subscription-item">
            <Stack gap="xs">
              <Anchor
                component={Link}
                to={`/subscriptions/${s.id}`}
                fw={600}
                style={{ wordBreak: 'break-word' }}
              >
                {s.title}
              </Anchor>
              <SubscriptionFacts sub={s} />
              <SubscriptionActions sub={s} />
            </Stack>
          </Card>
        ))}
      </Stack>
    );
  return (
    <Stack gap="lg" maw={960}>
      <PageHeader title={t('subscriptions.title')} description={t('subscriptions.description')} />
      {body}
      <Stack gap="xs">
        <Title order={2} size="h3">
          {t('subscriptions.plans')}
        </Title>
        {plans.isPending ? (
          <ListSkeleton />
        ) : plans.data?.items.length ? (
          plans.data.items.map((p) => <PlanCard key={p.id} plan={p} />)
        ) : (
          <Text c="dimmed">{t('subscriptions.noPlans')}</Text>
        )}
      </Stack>
      <Notices />
    </Stack>
  );
}
