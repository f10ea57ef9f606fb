import {
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { type Charge, day, money, type Plan, type Subscription } from './api';

const adminBase = '/api/v1/admin/subscriptions';

function Plans() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const plans = useQuery({
    queryKey: ['admin-subscriptions', 'plans'],
    queryFn: () => api<{ items: Plan[] }>(`${adminBase}/plans`),
  });
  const [form, setForm] = useState({
    nameRu: '',
    nameEn: '',
    descriptionRu: '',
    descriptionEn: '',
    rub: 1000,
    period: 'month',
    weeks: 2,
  });
  const create = useMutation({
    mutationFn: () =>
      api(`${adminBase}/plans`, {
        method: 'POST',
        json: {
          nameRu: form.nameRu,
          nameEn: form.nameEn,
          descriptionRu: form.descriptionRu,
          descriptionEn: form.descriptionEn,
          price: Math.round(form.rub * 100),
          period: form.period,
          intervalWeeks: form.period === 'weeks' ? form.weeks : null,
        },
      }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('subscriptions.admin.planCreated') });
      setForm({ ...form, nameRu: '', nameEn: '', descriptionRu: '', descriptionEn: '' });
      await client.invalidateQueries({ queryKey: ['admin-subscriptions'] });
    },
    onError: (error) =>
      notifications.show({ color: 'red', message: isApiError(error) ? error.message : String(error) }),
  });
  const toggle = useMutation({
    mutationFn: (p: Plan) =>
      api(`${adminBase}/plans/${p.id}`, { method: 'PATCH', json: { isActive: !p.isActive } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin-subscriptions'] }),
  });
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t('subscriptions.plans')}
      </Title>
      {plans.isPending ? <ListSkeleton rows={2} /> : null}
      {plans.data?.items.map((p) => (
        <Card withBorder key={p.id} padding="sm">
          <Group justify="space-between" wrap="wrap">
            <Stack gap={0}>
              <Text fw={600}>{i18n.language === 'en' ? p.nameEn : p.nameRu}</Text>
              <Text size="sm" c="dimmed">
                {p.period === 'month'
                  ? t('subscriptions.perMonth', { price: money(p.price, i18n.language) })
                  : t('subscriptions.perWeeks', {
                      price: money(p.price, i18n.language),
                      count: p.intervalWeeks ?? 1,
                    })}
              </Text>
            </Stack>
            <Switch
              label={t('subscriptions.admin.active')}
              checked={p.isActive}
              onChange={() => toggle.mutate(p)}
            />
          </Group>
        </Card>
      ))}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Card withBorder padding="md">
          <Stack gap="xs">
            <Title order={3} size="h4">
              {t('subscriptions.admin.newPlan')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                required
                label={t('subscriptions.admin.nameRu')}
                value={form.nameRu}
                onChange={(e) => setForm({ ...form, nameRu: e.currentTarget.value })}
              />
              <TextInput
                required
                label={t('subscriptions.admin.nameEn')}
                value={form.nameEn}
                onChange={(e) => setForm({ ...form, nameEn: e.currentTarget.value })}
              />
              <TextInput
                label={t('subscriptions.admin.descriptionRu')}
                value={form.descriptionRu}
                onChange={(e) => setForm({ ...form, descriptionRu: e.currentTarget.value })}
              />
              <TextInput
                label={t('subscriptions.admin.descriptionEn')}
                value={form.descriptionEn}
                onChange={(e) => setForm({ ...form, descriptionEn: e.currentTarget.value })}
              />
              <NumberInput
                hideControls
                required
                min={0.01}
                decimalScale={2}
                label={t('subscriptions.admin.price')}
                value={form.rub}
                onChange={(v) => setForm({ ...form, rub: Number(v) || 0 })}
              />
              <Select
                label={t('subscriptions.admin.period')}
                value={form.period}
                allowDeselect={false}
                onChange={(v) => setForm({ ...form, period: v ?? 'month' })}
                data={[
                  { value: 'month', label: t('subscriptions.admin.month') },
                  { value: 'weeks', label: t('subscriptions.admin.weeks') },
                ]}
              />
              {form.period === 'weeks' ? (
                <NumberInput
                  hideControls
                  min={1}
                  max={26}
                  label={t('subscriptions.admin.weeksCount')}
                  value={form.weeks}
                  onChange={(v) => setForm({ ...form, weeks: Number(v) || 1 })}
                />
              ) : null}
            </SimpleGrid>
            <Group>
              <Button type="submit" loading={create.isPending}>
                {t('subscriptions.admin.createPlan')}
              </Button>
            </Group>
          </Stack>
        </Card>
      </form>
    </Stack>
  );
}

/** `/admin/subscriptions`: subscriptions with filters, failed payments and the service plans. */
export function AdminSubscriptionsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('subscriptions.admin.title'));
  const [status, setStatus] = useState('all');
  const [failing, setFailing] = useState(false);
  const list = useQuery({
    queryKey: ['admin-subscriptions', status, failing],
    queryFn: () =>
      api<{ items: (Subscription & { personName: string | null })[] }>(adminBase, {
        query: { status: status === 'all' ? undefined : status, failing: failing ? 'true' : undefined },
      }),
  });
  const failed = useQuery({
    queryKey: ['admin-subscriptions', 'failed'],
    queryFn: () =>
      api<{ items: (Charge & { title: string; subscriptionId: string })[] }>(`${adminBase}/failed-charges`),
  });
  return (
    <Stack gap="lg" maw={1100}>
      <PageHeader title={t('subscriptions.admin.title')} />
      <Group gap="sm" wrap="wrap" align="center">
        <SegmentedControl
          aria-label={t('subscriptions.admin.filterStatus')}
          value={status}
          onChange={setStatus}
          data={[
            { value: 'all', label: t('subscriptions.admin.all') },
            { value: 'active', label: t('subscriptions.status.active') },
            { value: 'paused', label: t('subscriptions.status.paused') },
            { value: 'canceled', label: t('subscriptions.status.canceled') },
          ]}
        />
        <Checkbox
          label={t('subscriptions.admin.failing')}
          checked={failing}
          onChange={(e) => setFailing(e.currentTarget.checked)}
        />
      </Group>
      {list.isPending ? (
        <ListSkeleton />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Text c="dimmed">{t('subscriptions.admin.nothing')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('subscriptions.admin.person')}</Table.Th>
                <Table.Th>{t('subscriptions.admin.what')}</Table.Th>
                <Table.Th>{t('subscriptions.admin.filterStatus')}</Table.Th>
                <Table.Th>{t('subscriptions.nextDate')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{s.personName ?? '—'}</Table.Td>
                  <Table.Td>{s.title}</Table.Td>
                  <Table.Td>
                    <Badge variant="light">{t(`subscriptions.status.${s.status}`)}</Badge>
                  </Table.Td>
                  <Table.Td>{day(s.nextDate, i18n.language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Stack gap="xs">
        <Title order={2} size="h3">
          {t('subscriptions.admin.failedCharges')}
        </Title>
        {failed.data?.items.length ? (
          failed.data.items.map((c) => (
            <Text size="sm" key={c.id}>
              {day(c.periodDate, i18n.language)} — {c.title}: {t(`subscriptions.chargeStatus.${c.status}`)},{' '}
              {t('subscriptions.admin.attempts', { count: c.attempts })} ({c.lastError ?? '—'})
            </Text>
          ))
        ) : (
          <Text c="dimmed">{t('subscriptions.admin.noFailed')}</Text>
        )}
      </Stack>
      <Plans />
      <Anchor href="/api/docs" size="xs" c="dimmed">
        API
      </Anchor>
    </Stack>
  );
}
