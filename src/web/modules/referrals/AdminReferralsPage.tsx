import {
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import {
  adminReferralsQuery,
  type ReferralStatus,
  referralSettingsQuery,
  referralStatuses,
  type Terms,
  useSaveReferralSettings,
} from './api';
import { ReferralStatusBadge } from './parts';

/** The programme's terms: points for both sides and the minimum first order. */
function SettingsForm({ initial }: { initial: Terms }) {
  const { t } = useTranslation();
  const save = useSaveReferralSettings();
  const [v, setV] = useState(initial);
  useEffect(() => setV(initial), [initial]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(v, {
      onSuccess: () => notifications.show({ message: t('referrals.admin.saved'), color: 'teal' }),
    });
  };
  const int = (value: string | number) => Math.max(0, Math.round(Number(value) || 0));
  return (
    <Card withBorder padding="lg">
      <form onSubmit={submit} aria-label={t('referrals.admin.settings')}>
        <Stack gap="md">
          <Title order={2} size="h4">
            {t('referrals.admin.settings')}
          </Title>
          <Switch
            label={t('referrals.admin.enabled')}
            checked={v.enabled}
            onChange={(e) => setV({ ...v, enabled: e.currentTarget.checked })}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput
              label={t('referrals.admin.referrerPoints')}
              min={0}
              allowDecimal={false}
              value={v.referrerPoints}
              onChange={(x) => setV({ ...v, referrerPoints: int(x) })}
            />
            <NumberInput
              label={t('referrals.admin.friendPoints')}
              min={0}
              allowDecimal={false}
              value={v.friendPoints}
              onChange={(x) => setV({ ...v, friendPoints: int(x) })}
            />
            <NumberInput
              label={t('referrals.admin.minOrderAmount')}
              min={0}
              allowDecimal={false}
              value={v.minOrderAmount / 100}
              onChange={(x) => setV({ ...v, minOrderAmount: int(x) * 100 })}
            />
          </SimpleGrid>
          {save.isError ? (
            <Text c="red.9" size="sm" role="alert">
              {save.error.message}
            </Text>
          ) : null}
          <Group>
            <Button type="submit" loading={save.isPending} leftSection={<IconDeviceFloppy size={16} />}>
              {t('referrals.admin.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** `/admin/referrals` (permission `loyalty.manage`): the terms and every referral with its fraud reason. */
export function AdminReferralsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [status, setStatus] = useState<ReferralStatus | null>(null);
  const settings = useQuery(referralSettingsQuery);
  const list = useQuery(adminReferralsQuery(status));
  usePageTitle(t('referrals.admin.title'));
  const counts = list.data?.counts ?? {};

  let body: React.ReactNode;
  if (list.isPending) body = <ListSkeleton />;
  else if (list.isError) body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0)
    body = <StateMessage role="status" color="gray" icon={null} title={t('referrals.admin.empty')} />;
  else
    body = (
      <Table.ScrollContainer minWidth={720} type="native" tabIndex={0} aria-label={t('referrals.admin.list')}>
        <Table withTableBorder striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('referrals.admin.joinedCol')}</Table.Th>
              <Table.Th>{t('referrals.admin.referrer')}</Table.Th>
              <Table.Th>{t('referrals.admin.friend')}</Table.Th>
              <Table.Th>{t('referrals.admin.statusCol')}</Table.Th>
              <Table.Th>{t('referrals.admin.orderCol')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((r) => (
              <Table.Tr key={r.id} data-testid="admin-referral">
                <Table.Td>{f.dateTime(r.joinedAt)}</Table.Td>
                <Table.Td>
                  <Text size="sm">{r.referrer.name}</Text>
                  <Text size="xs" c="dimmed">
                    {r.referrer.email}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{r.friend.name}</Text>
                  <Text size="xs" c="dimmed">
                    {r.friend.email}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <ReferralStatusBadge status={r.status} />
                  {r.rejectReason ? (
                    <Text size="xs" c="red.9">
                      {t(`referrals.reason.${r.rejectReason}`)}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{r.orderNumber ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );

  return (
    <>
      <PageHeader title={t('referrals.admin.title')} description={t('referrals.admin.lead')} />
      <Stack gap="lg">
        {settings.data ? (
          <SettingsForm initial={settings.data} />
        ) : settings.isError ? (
          <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
        ) : (
          <ListSkeleton />
        )}
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Title order={2} size="h3">
            {t('referrals.admin.list')}
          </Title>
          <Select
            label={t('referrals.admin.statusCol')}
            value={status ?? 'all'}
            onChange={(x) => setStatus(x && x !== 'all' ? (x as ReferralStatus) : null)}
            allowDeselect={false}
            data={[
              { value: 'all', label: t('referrals.admin.all') },
              ...referralStatuses.map((s) => ({
                value: s,
                label: `${t(`referrals.status.${s}`)} (${counts[s] ?? 0})`,
              })),
            ]}
            w={240}
          />
        </Group>
        {body}
      </Stack>
    </>
  );
}
