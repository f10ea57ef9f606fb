import {
  Alert,
  Button,
  Group,
  Modal,
  Paper,
  PasswordInput,
  Progress,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconDatabaseExport, IconDownload, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../app/api';
import { resetSessionQueries, sessionQuery } from '../../app/portal';
import type { TranslationKey } from '../../i18n/types';
import { useFormat } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { requestErrorKey } from '../identity/form';
import { type DataExport, dataExportsQuery, deletionQuery } from './api';
import { SignedInOnly } from './SignedInOnly';

/** "My data": download everything the portal holds about me, and delete my account. */
export function PrivacyPage() {
  const { t } = useTranslation();
  usePageTitle(t('profile.privacy.title'));
  // Shown after the deletion request signed the person out everywhere.
  const [requested, setRequested] = useState<string | null>(null);
  const format = useFormat();
  if (requested) {
    return (
      <Stack maw={720}>
        <PageHeader title={t('profile.privacy.title')} />
        <StateMessage
          testId="deletion-requested"
          role="status"
          color="orange"
          icon={<IconTrash size={28} />}
          title={t('profile.privacy.deletion.requestedTitle')}
          description={t('profile.privacy.deletion.requested', { date: format.dateTime(requested) })}
        />
      </Stack>
    );
  }
  return (
    <SignedInOnly>
      <PageHeader title={t('profile.privacy.title')} description={t('profile.privacy.description')} />
      <Stack gap="lg" maw={720} data-testid="privacy-page">
        <ExportSection />
        <DeletionSection onRequested={setRequested} />
      </Stack>
    </SignedInOnly>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={`${id}-title`}>
      <Stack gap="md">
        <Title order={2} size="h3" id={`${id}-title`}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

function formatSize(bytes: number | null, locale: string) {
  const value = bytes ?? 0;
  const [amount, unit] =
    value >= 1024 * 1024 ? [value / 1024 / 1024, 'megabyte'] : [Math.max(1, value / 1024), 'kilobyte'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(amount);
}

function ExportRow({ item }: { item: DataExport }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const when = format.dateTime(item.createdAt);
  return (
    <Paper component="li" withBorder p="sm" radius="md" data-testid="export-item" data-status={item.status}>
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Stack gap={2} style={{ flex: '1 1 12rem', minWidth: 0 }}>
          <Text size="sm" fw={600}>
            {t('profile.privacy.export.requested', { when })}
          </Text>
          {item.status === 'queued' ? (
            <>
              <Text size="xs" c="dimmed" role="status">
                {t('profile.privacy.export.queued', { progress: item.progress })}
              </Text>
              <Progress value={Math.max(item.progress, 5)} animated size="sm" aria-hidden="true" />
            </>
          ) : item.status === 'ready' ? (
            <Text size="xs" c="dimmed">
              {t('profile.privacy.export.ready', { size: formatSize(item.size, i18n.language) })}
              {item.expiresAt
                ? ` · ${t('profile.privacy.export.expires', { date: format.dateTime(item.expiresAt) })}`
                : ''}
            </Text>
          ) : (
            <Text size="xs" c="red">
              {t('profile.privacy.export.failed')}
            </Text>
          )}
        </Stack>
        {item.status === 'ready' ? (
          <Button
            component="a"
            href={`/api/v1/me/data-exports/${item.id}/download`}
            download
            size="compact-md"
            variant="light"
            leftSection={<IconDownload size={16} />}
            aria-label={t('profile.privacy.export.downloadLabel', { when })}
            data-testid="export-download"
          >
            {t('profile.privacy.export.download')}
          </Button>
        ) : null}
      </Group>
    </Paper>
  );
}

function ExportSection() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const exports = useQuery(dataExportsQuery);
  const [error, setError] = useState<TranslationKey | null>(null);
  const start = useMutation({
    mutationFn: () => api<DataExport>('/api/v1/me/data-export', { method: 'POST', json: {} }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: dataExportsQuery.queryKey });
      notifications.show({ message: t('profile.privacy.export.started'), color: 'teal' });
    },
    onError: (e) => setError(requestErrorKey(e)),
  });
  const building = exports.data?.items.some((e) => e.status === 'queued') ?? false;
  return (
    <Section id="export" title={t('profile.privacy.export.title')}>
      <Text size="sm" c="dimmed">
        {t('profile.privacy.export.description')}
      </Text>
      {error ? (
        <Alert color="red" variant="light" role="alert">
          {t(error)}
        </Alert>
      ) : null}
      {exports.isPending ? (
        <Skeleton height={56} />
      ) : exports.isError ? (
        <ErrorState error={exports.error} onRetry={() => void exports.refetch()} />
      ) : exports.data.items.length === 0 ? (
        <Text size="sm" data-testid="exports-empty">
          {t('profile.privacy.export.empty')}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {exports.data.items.map((item) => (
            <ExportRow key={item.id} item={item} />
          ))}
        </Stack>
      )}
      <Button
        leftSection={<IconDatabaseExport size={16} />}
        loading={start.isPending}
        disabled={building}
        onClick={() => {
          setError(null);
          start.mutate();
        }}
        style={{ alignSelf: 'flex-start' }}
        data-testid="export-start"
      >
        {t('profile.privacy.export.start')}
      </Button>
    </Section>
  );
}

function DeletionSection({ onRequested }: { onRequested: (eraseAfter: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const state = useQuery(deletionQuery);
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<TranslationKey | null>(null);
  const [formError, setFormError] = useState<TranslationKey | null>(null);

  const request = useMutation({
    mutationFn: (body: { password?: string }) =>
      api<{ eraseAfter: string }>('/api/v1/me/deletion', { method: 'POST', json: body }),
  });
  const undo = useMutation({
    mutationFn: () => api<void>('/api/v1/me/deletion', { method: 'DELETE' }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: deletionQuery.queryKey });
      notifications.show({ message: t('profile.privacy.deletion.undone'), color: 'teal' });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    setPasswordError(null);
    // Without a password the server accepts only a sign-in from the last few minutes.
    request.mutate(password ? { password } : {}, {
      onSuccess: async ({ eraseAfter }) => {
        setOpen(false);
        onRequested(eraseAfter);
        // Every session has ended, this one too.
        client.setQueryData(sessionQuery.queryKey, { user: null, permissions: [] });
        client.removeQueries({ predicate: (query) => query.meta?.needsPerson === true });
        await resetSessionQueries(client);
      },
      onError: (e) => {
        if (isApiError(e, 400)) setPasswordError('profile.privacy.deletion.wrongPassword');
        else if (isApiError(e, 403) && e.code === 'REAUTHENTICATION_REQUIRED') {
          setPasswordError('profile.privacy.deletion.passwordRequired');
        } else setFormError(requestErrorKey(e));
      },
    });
  };

  if (state.isPending) return <Skeleton height={120} />;
  if (state.isError) return <ErrorState error={state.error} onRetry={() => void state.refetch()} />;
  const { deletion, graceDays } = state.data;
  const eraseDate = new Date(Date.now() + graceDays * 86_400_000);

  return (
    <Section id="deletion" title={t('profile.privacy.deletion.title')}>
      {deletion ? (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle />} data-testid="deletion-pending">
          <Stack gap="xs">
            <Text size="sm">
              {t('profile.privacy.deletion.pending', { date: format.dateTime(deletion.eraseAfter) })}
            </Text>
            <Button
              variant="default"
              size="compact-md"
              loading={undo.isPending}
              onClick={() => undo.mutate()}
              style={{ alignSelf: 'flex-start' }}
              data-testid="deletion-undo"
            >
              {t('profile.privacy.deletion.undo')}
            </Button>
          </Stack>
        </Alert>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('profile.privacy.deletion.description', { count: graceDays })}
          </Text>
          <Button
            color="red"
            variant="light"
            leftSection={<IconTrash size={16} />}
            onClick={() => setOpen(true)}
            style={{ alignSelf: 'flex-start' }}
            data-testid="deletion-start"
          >
            {t('profile.privacy.deletion.start')}
          </Button>
        </>
      )}
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('profile.privacy.deletion.confirmTitle')}
        centered
      >
        <form onSubmit={submit} noValidate aria-label={t('profile.privacy.deletion.confirmTitle')}>
          <Stack gap="sm">
            <Text size="sm">
              {t('profile.privacy.deletion.confirmText', { date: format.dateTime(eraseDate) })}
            </Text>
            {formError ? (
              <Alert color="red" variant="light" role="alert">
                {t(formError)}
              </Alert>
            ) : null}
            <PasswordInput
              label={t('profile.privacy.deletion.password')}
              description={t('profile.privacy.deletion.passwordHint')}
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              error={passwordError ? t(passwordError) : undefined}
              data-testid="deletion-password"
            />
            <Group justify="flex-end" gap="xs" wrap="wrap">
              <Button variant="default" onClick={() => setOpen(false)}>
                {t('profile.privacy.deletion.cancel')}
              </Button>
              <Button type="submit" color="red" loading={request.isPending} data-testid="deletion-confirm">
                {t('profile.privacy.deletion.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Section>
  );
}
