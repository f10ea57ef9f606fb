import { Alert, Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconUserShare } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useMe } from '../../app/contexts';
import { resetSessionQueries } from '../../app/portal';
import { useFormat } from '../../ui/format';

/** While support is signed in as someone: who, until when, and one click back to their own account. */
export function ImpersonationBanner() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  const client = useQueryClient();
  const navigate = useNavigate();
  const impersonation = me.data?.impersonation;
  const end = useMutation({
    mutationFn: () => api<{ restored: boolean }>('/api/v1/impersonation/end', { method: 'POST', json: {} }),
    onSuccess: async (result) => {
      const userId = me.data?.user.id;
      await resetSessionQueries(client);
      if (result.restored && userId) await navigate({ to: '/admin/people/$userId', params: { userId } });
      else await navigate({ to: '/' });
    },
    onError: (error) => notifications.show({ color: 'red', message: error.message }),
  });
  if (!impersonation || !me.data) return null;
  return (
    <Alert
      color="red.9"
      variant="filled"
      mb="md"
      icon={<IconUserShare size={20} />}
      data-testid="impersonation-banner"
    >
      <Group justify="space-between" gap="sm" wrap="wrap">
        <div>
          <Text fw={700}>{t('backoffice.banner.text', { name: me.data.user.name })}</Text>
          <Text size="sm">
            {t('backoffice.banner.by', {
              by: impersonation.by.name,
              time: impersonation.expiresAt ? format.dateTime(impersonation.expiresAt) : '—',
            })}
          </Text>
        </div>
        <Button
          variant="white"
          color="dark"
          leftSection={<IconArrowBackUp size={16} />}
          loading={end.isPending}
          onClick={() => end.mutate()}
        >
          {t('backoffice.banner.return')}
        </Button>
      </Group>
    </Alert>
  );
}
