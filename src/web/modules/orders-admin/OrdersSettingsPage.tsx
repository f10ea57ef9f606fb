import { Button, Group, Paper, Radio, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CreditOverLimitPolicy, creditOverLimitPolicies } from '../../../shared/orders';
import { api } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';

interface OrdersSettings {
  creditOverLimit: CreditOverLimitPolicy;
}

const path = '/api/v1/admin/settings/orders';
const settingsQuery = queryOptions({
  queryKey: ['admin', 'settings', 'orders'],
  queryFn: () => api<OrdersSettings>(path),
});

function SettingsForm({ settings }: { settings: OrdersSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [policy, setPolicy] = useState(settings.creditOverLimit);
  const save = useMutation({
    mutationFn: (value: OrdersSettings) => api<OrdersSettings>(path, { method: 'PUT', json: value }),
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsQuery.queryKey, saved);
      notifications.show({ color: 'green', message: t('orders-admin.settings.saved') });
    },
    onError: () => notifications.show({ color: 'red', message: t('orders-admin.settings.failed') }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ creditOverLimit: policy });
  };
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="form" onSubmit={submit}>
      <Stack gap="md">
        <Radio.Group
          label={t('orders-admin.settings.creditOverLimit')}
          description={t('orders-admin.settings.creditOverLimitLead')}
          value={policy}
          onChange={(value) => setPolicy(value as CreditOverLimitPolicy)}
        >
          <Stack gap="xs" mt="xs">
            {creditOverLimitPolicies.map((p) => (
              <Radio key={p} value={p} label={t(`orders-admin.settings.policies.${p}`)} />
            ))}
          </Stack>
        </Radio.Group>
        <Group justify="flex-end">
          <Button
            type="submit"
            loading={save.isPending}
            disabled={policy === settings.creditOverLimit}
            leftSection={<IconDeviceFloppy size={16} />}
          >
            {t('orders-admin.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Back office: the business's ordering rules (needs `settings.manage`). */
export function OrdersSettingsPage() {
  const { t } = useTranslation();
  usePageTitle(t('orders-admin.settings.title'));
  const settings = useQuery(settingsQuery);
  return (
    <>
      <PageHeader
        title={t('orders-admin.settings.title')}
        description={t('orders-admin.settings.description')}
      />
      {settings.data ? (
        <SettingsForm settings={settings.data} />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <ListSkeleton rows={3} />
      )}
    </>
  );
}
