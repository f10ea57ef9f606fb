import { Badge, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconDeviceDesktop,
  IconDeviceMobile,
  IconDevices,
  IconDeviceTablet,
  IconLogout,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api';
import { useFormat } from '../../../ui/format';
import { ErrorState } from '../../../ui/StatusState';
import { type SessionItem, sessionsQuery } from '../api';

const DEVICES = ['desktop', 'mobile', 'tablet', 'tv', 'bot', 'unknown'] as const;
type Device = (typeof DEVICES)[number];
const deviceOf = (value: string): Device =>
  (DEVICES as readonly string[]).includes(value) ? (value as Device) : 'unknown';

function DeviceIcon({ device }: { device: Device }) {
  const Icon =
    device === 'mobile'
      ? IconDeviceMobile
      : device === 'tablet'
        ? IconDeviceTablet
        : device === 'desktop'
          ? IconDeviceDesktop
          : IconDevices;
  return <Icon size={28} stroke={1.5} aria-hidden="true" />;
}

/** Where the person is signed in: end one session or every other one. */
export function SessionsSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const sessions = useQuery(sessionsQuery);
  const refresh = () => client.invalidateQueries({ queryKey: sessionsQuery.queryKey });
  const end = useMutation({
    mutationFn: (id: string) =>
      api<void>(`/api/v1/me/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: async () => {
      await refresh();
      notifications.show({ message: t('profile.sessions.ended'), color: 'teal' });
    },
  });
  const endOthers = useMutation({
    mutationFn: () => api<{ ended: number }>('/api/v1/me/sessions/end-others', { method: 'POST', json: {} }),
    onSuccess: async ({ ended }) => {
      await refresh();
      notifications.show({ message: t('profile.sessions.endedOthers', { count: ended }), color: 'teal' });
    },
  });

  const name = (s: SessionItem) =>
    [s.browser ?? t('profile.sessions.unknownBrowser'), s.os].filter(Boolean).join(', ');
  const others = sessions.data?.items.filter((s) => !s.current) ?? [];

  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      aria-labelledby="sessions-title"
      data-testid="sessions-section"
    >
      <Stack gap="md">
        <div>
          <Title order={2} size="h3" id="sessions-title">
            {t('profile.sessions.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('profile.sessions.description')}
          </Text>
        </div>
        {sessions.isPending ? (
          <Stack gap="sm" aria-busy="true">
            <Skeleton height={56} />
            <Skeleton height={56} />
          </Stack>
        ) : sessions.isError ? (
          <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
        ) : (
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {sessions.data.items.map((s) => (
              <Paper
                key={s.id}
                component="li"
                withBorder
                p="sm"
                radius="md"
                data-testid="session-item"
                data-current={s.current || undefined}
              >
                <Group gap="sm" wrap="nowrap" align="flex-start">
                  <DeviceIcon device={deviceOf(s.device)} />
                  <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                    <Group gap="xs" wrap="wrap">
                      <Text fw={600} size="sm">
                        {t(`profile.sessions.device.${deviceOf(s.device)}`)} · {name(s)}
                      </Text>
                      {s.current ? (
                        <Badge color="teal" variant="light" size="sm">
                          {t('profile.sessions.current')}
                        </Badge>
                      ) : null}
                    </Group>
                    <Text size="xs" c="dimmed">
                      {t('profile.sessions.lastSeen', { when: format.relative(s.lastSeenAt) })}
                      {' · '}
                      {t('profile.sessions.signedIn', { when: format.dateTime(s.createdAt) })}
                    </Text>
                    {s.ipAddress ? (
                      <Text size="xs" c="dimmed">
                        {t('profile.sessions.ip', { ip: s.ipAddress })}
                      </Text>
                    ) : null}
                  </Stack>
                  {s.current ? null : (
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red"
                      aria-label={t('profile.sessions.endLabel', { name: name(s) })}
                      loading={end.isPending && end.variables === s.id}
                      onClick={() => end.mutate(s.id)}
                    >
                      {t('profile.sessions.end')}
                    </Button>
                  )}
                </Group>
              </Paper>
            ))}
          </Stack>
        )}
        {sessions.isSuccess && others.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="sessions-only-this">
            {t('profile.sessions.onlyThis')}
          </Text>
        ) : null}
        {others.length > 0 ? (
          <Button
            variant="default"
            color="red"
            leftSection={<IconLogout size={16} />}
            loading={endOthers.isPending}
            onClick={() => endOthers.mutate()}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('profile.sessions.endOthers')}
          </Button>
        ) : null}
      </Stack>
    </Paper>
  );
}
