import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlugConnectedX, IconUserOff } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../app/api';
import { useFormat } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { NoAccess } from '../devmail/NoAccess';

interface Account {
  id: string;
  login: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface LogEntry {
  id: string;
  login: string;
  result: 'open' | 'success' | 'failure';
  createdAt: string;
  files: { name: string; status: string; counts: Record<string, number>; error: string | null }[];
}

const base = '/api/v1/admin/integrations/1c';

/** Back office: where 1C connects, the integration accounts it signs in with, and what the last exchanges did. */
export function Exchange1cPage() {
  const { t } = useTranslation();
  usePageTitle(t('exchange1c.title'));
  const settings = useQuery({
    queryKey: ['admin', '1c', 'settings'],
    queryFn: () => api<{ url: string; envLogin: string | null; fileLimit: number }>(base),
  });
  if (isApiError(settings.error, 401, 403)) return <NoAccess />;
  return (
    <>
      <PageHeader title={t('exchange1c.title')} description={t('exchange1c.description')} />
      <Stack gap="xl">
        {settings.isPending ? (
          <ListSkeleton />
        ) : settings.isError ? (
          <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
        ) : (
          <Paper withBorder p="md">
            <Text fw={600}>{t('exchange1c.url')}</Text>
            <Group gap="xs" mt={6} wrap="nowrap">
              <Code style={{ overflowWrap: 'anywhere' }} data-testid="exchange-url">
                {settings.data.url}
              </Code>
              <CopyButton value={settings.data.url}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="light" onClick={copy}>
                    {copied ? t('exchange1c.copied') : t('exchange1c.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
            {settings.data.envLogin ? (
              <Text size="sm" c="dimmed" mt={6}>
                {t('exchange1c.envAccount', { login: settings.data.envLogin })}
              </Text>
            ) : null}
            <Text size="sm" c="dimmed">
              {t('exchange1c.fileLimit', { size: settings.data.fileLimit })}
            </Text>
          </Paper>
        )}
        <Accounts />
        <ExchangeLog />
      </Stack>
    </>
  );
}

function Accounts() {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const accounts = useQuery({
    queryKey: ['admin', '1c', 'accounts'],
    queryFn: () => api<{ items: Account[] }>(`${base}/accounts`),
  });
  const [login, setLogin] = useState('');
  const [name, setName] = useState('');
  const [shown, setShown] = useState<{ login: string; password: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['admin', '1c', 'accounts'] });
  const create = useMutation({
    mutationFn: () =>
      api<{ account: Account; password: string }>(`${base}/accounts`, {
        method: 'POST',
        json: { login, name },
      }),
    onSuccess: (created) => {
      setShown({ login: created.account.login, password: created.password });
      setLogin('');
      setName('');
      void refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api<Account>(`${base}/accounts/${id}/revoke`, { method: 'POST' }),
    onSuccess: () => void refresh(),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const items = accounts.data?.items ?? [];
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t('exchange1c.accounts')}
      </Title>
      {shown ? (
        <Alert color="green" withCloseButton onClose={() => setShown(null)} data-testid="account-created">
          <Text size="sm">{t('exchange1c.created', { login: shown.login })}</Text>
          <Group gap="xs" mt={6}>
            <Text size="sm">{t('exchange1c.password')}:</Text>
            <Code data-testid="account-password">{shown.password}</Code>
          </Group>
        </Alert>
      ) : null}
      <form onSubmit={submit}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label={t('exchange1c.login')}
            value={login}
            onChange={(e) => setLogin(e.currentTarget.value)}
            required
            error={create.error ? create.error.message : undefined}
          />
          <TextInput
            label={t('exchange1c.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <Button type="submit" loading={create.isPending}>
            {t('exchange1c.create')}
          </Button>
        </Group>
      </form>
      {accounts.isPending ? (
        <ListSkeleton />
      ) : accounts.isError ? (
        <ErrorState error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : items.length === 0 ? (
        <StateMessage role="status" icon={<IconUserOff size={28} />} title={t('exchange1c.noAccounts')} />
      ) : (
        <Stack
          gap="xs"
          component="ul"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('exchange1c.accounts')}
        >
          {items.map((a) => (
            <Paper withBorder p="sm" component="li" key={a.id}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Stack gap={0}>
                  <Text fw={600}>
                    {a.login}{' '}
                    {a.name ? (
                      <Text span c="dimmed">
                        — {a.name}
                      </Text>
                    ) : null}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {a.lastUsedAt
                      ? t('exchange1c.lastUsed', { when: format.relative(a.lastUsedAt) })
                      : t('exchange1c.neverUsed')}
                  </Text>
                </Stack>
                {a.revokedAt ? (
                  <Badge color="gray">{t('exchange1c.revoked')}</Badge>
                ) : (
                  <Button size="xs" variant="light" color="red" onClick={() => revoke.mutate(a.id)}>
                    {t('exchange1c.revoke')}
                  </Button>
                )}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function ExchangeLog() {
  const { t } = useTranslation();
  const format = useFormat();
  const log = useQuery({
    queryKey: ['admin', '1c', 'log'],
    queryFn: () => api<{ items: LogEntry[] }>(`${base}/log`, { query: { limit: 20 } }),
    refetchInterval: 10_000,
  });
  const items = log.data?.items ?? [];
  const colour = { open: 'blue', success: 'green', failure: 'red' } as const;
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t('exchange1c.log')}
      </Title>
      {log.isPending ? (
        <ListSkeleton />
      ) : log.isError ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : items.length === 0 ? (
        <StateMessage role="status" icon={<IconPlugConnectedX size={28} />} title={t('exchange1c.noLog')} />
      ) : (
        <Stack
          gap="xs"
          component="ul"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('exchange1c.log')}
        >
          {items.map((entry) => (
            <Paper withBorder p="sm" component="li" key={entry.id} data-testid="exchange-log-row">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Text fw={600}>{entry.login}</Text>
                <Group gap={8}>
                  <Badge color={colour[entry.result]} variant="light">
                    {t(`exchange1c.result.${entry.result}`)}
                  </Badge>
                  <Text size="xs" c="dimmed" component="time" dateTime={entry.createdAt}>
                    {format.dateTime(entry.createdAt)}
                  </Text>
                </Group>
              </Group>
              {entry.files.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('exchange1c.noFiles')}
                </Text>
              ) : (
                entry.files.map((f) => (
                  <Text size="sm" key={f.name} style={{ overflowWrap: 'anywhere' }}>
                    <Code>{f.name}</Code>{' '}
                    {f.error ??
                      Object.entries(f.counts)
                        .filter(([, n]) => n > 0)
                        .map(([k, n]) => `${k}: ${format.number(n)}`)
                        .join(', ')}
                  </Text>
                ))
              )}
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
