import { Alert, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconLink, IconUnlink } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useLocation } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import type { TranslationKey } from '../../i18n/types';
import { useFormat } from '../../ui/format';
import { ListSkeleton } from '../../ui/Skeletons';
import {
  type ExternalAccountItem,
  externalAccountsQuery,
  signInOptionsQuery,
  startLinking,
  useUnlinkAccount,
} from './api';

/** External accounts (Yandex ID, VK ID, Google, OIDC) on the security page: link more, unlink. */
export function LinkedAccountsSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const location = useLocation();
  const options = useQuery(signInOptionsQuery);
  const list = useQuery(externalAccountsQuery);
  const unlink = useUnlinkAccount();
  const search = new URLSearchParams(location.searchStr);
  const [problem, setProblem] = useState<TranslationKey | null>(
    search.get('error') ? 'external.linked.linkFailed' : null,
  );
  const [unlinking, setUnlinking] = useState<ExternalAccountItem | null>(null);
  const [pending, setPending] = useState<string | null>(null);

  const providers = options.data?.providers ?? [];
  const nameOf = (id: string) => providers.find((p) => p.id === id)?.name ?? id;
  const linked = new Set(list.data?.items.map((a) => a.provider));
  const linkable = providers.filter((p) => !linked.has(p.id));
  if (providers.length === 0 && (list.data?.items.length ?? 0) === 0) return null;

  const link = async (provider: string) => {
    setProblem(null);
    setPending(provider);
    try {
      await startLinking(provider, location.pathname);
    } catch {
      setPending(null);
      setProblem('external.linked.linkFailed');
    }
  };

  const confirmUnlink = () => {
    if (!unlinking) return;
    unlink.mutate(unlinking.id, {
      onSuccess: () => {
        setUnlinking(null);
        notifications.show({ message: t('external.linked.unlinked'), color: 'teal' });
      },
      onError: (error) => {
        setUnlinking(null);
        setProblem(
          isApiError(error, 409) && error.code === 'LAST_SIGN_IN_METHOD'
            ? 'external.linked.lastMethod'
            : 'identity.errors.generic',
        );
      },
    });
  };

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="linked-title">
      <Stack gap="md">
        <div>
          <Title order={2} size="h3" id="linked-title">
            {t('external.linked.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('external.linked.description')}
          </Text>
        </div>
        {problem ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle />} data-testid="linked-error">
            {t(problem)}
          </Alert>
        ) : null}
        {list.isPending ? <ListSkeleton rows={1} /> : null}
        {list.isError ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle />}>
            {t('external.loadFailed')}
          </Alert>
        ) : null}
        {list.data?.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('external.linked.empty')}
          </Text>
        ) : null}
        {list.data && list.data.items.length > 0 ? (
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} data-testid="linked-list">
            {list.data.items.map((account) => (
              <Group key={account.id} component="li" justify="space-between" wrap="nowrap" gap="sm">
                <div style={{ minWidth: 0 }}>
                  <Text fw={500} truncate>
                    {nameOf(account.provider)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('external.linked.linkedAt', { date: format.dateTime(account.linkedAt) })}
                  </Text>
                </div>
                <Button
                  variant="subtle"
                  color="red"
                  size="compact-sm"
                  leftSection={<IconUnlink size={16} />}
                  aria-label={`${t('external.linked.unlink')}: ${nameOf(account.provider)}`}
                  onClick={() => setUnlinking(account)}
                >
                  {t('external.linked.unlink')}
                </Button>
              </Group>
            ))}
          </Stack>
        ) : null}
        {options.data?.methods.external && linkable.length > 0 ? (
          <Group gap="xs">
            {linkable.map((p) => (
              <Button
                key={p.id}
                variant="light"
                leftSection={<IconLink size={18} />}
                loading={pending === p.id}
                onClick={() => void link(p.id)}
              >
                {t('external.linked.link', { provider: p.name })}
              </Button>
            ))}
          </Group>
        ) : null}
      </Stack>
      <Modal
        opened={unlinking !== null}
        onClose={() => setUnlinking(null)}
        title={t('external.linked.unlink')}
      >
        <Stack gap="md">
          <Text>
            {t('external.linked.unlinkConfirm', { provider: unlinking ? nameOf(unlinking.provider) : '' })}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setUnlinking(null)}>
              {t('external.passkeys.cancel')}
            </Button>
            <Button color="red" loading={unlink.isPending} onClick={confirmUnlink}>
              {t('external.linked.unlink')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
