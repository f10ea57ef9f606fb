import { ActionIcon, Alert, Button, Group, Modal, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconFingerprint, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import type { TranslationKey } from '../../i18n/types';
import { useFormat } from '../../ui/format';
import { ListSkeleton } from '../../ui/Skeletons';
import {
  type PasskeyItem,
  passkeysQuery,
  passkeysSupported,
  signInOptionsQuery,
  useAddPasskey,
  useDeletePasskey,
  useRenamePasskey,
} from './api';

/** The device's own name as a default passkey name ("Android", "Windows", …). */
function deviceName(): string {
  const platform =
    (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform ??
    navigator.platform;
  return platform || 'Passkey';
}

function RenameModal({ passkey, onClose }: { passkey: PasskeyItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const rename = useRenamePasskey();
  const [name, setName] = useState(passkey?.name ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!passkey || !name.trim()) return;
    rename.mutate({ id: passkey.id, name: name.trim() }, { onSuccess: onClose });
  };
  return (
    <Modal opened={passkey !== null} onClose={onClose} title={t('external.passkeys.renameTitle')}>
      <form onSubmit={submit} aria-label={t('external.passkeys.renameTitle')}>
        <Stack gap="sm">
          <TextInput
            label={t('external.passkeys.name')}
            required
            maxLength={100}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('external.passkeys.cancel')}
            </Button>
            <Button type="submit" loading={rename.isPending}>
              {t('external.passkeys.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The person's passkeys on the security page: add (WebAuthn registration), rename, delete. */
export function PasskeysSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const options = useQuery(signInOptionsQuery);
  const list = useQuery(passkeysQuery);
  const add = useAddPasskey();
  const remove = useDeletePasskey();
  const [renaming, setRenaming] = useState<PasskeyItem | null>(null);
  const [deleting, setDeleting] = useState<PasskeyItem | null>(null);
  const [problem, setProblem] = useState<TranslationKey | null>(null);

  if (options.data && !options.data.methods.passkey && list.data?.items.length === 0) return null;
  const label = (p: PasskeyItem) => p.name || t('external.passkeys.unnamed');

  const addPasskey = () => {
    setProblem(null);
    if (!passkeysSupported()) {
      setProblem('external.passkeys.unsupported');
      return;
    }
    add.mutate(deviceName(), {
      onSuccess: () => notifications.show({ message: t('external.passkeys.added'), color: 'teal' }),
      onError: () => setProblem('external.passkeys.failed'),
    });
  };

  const confirmDelete = () => {
    if (!deleting) return;
    remove.mutate(deleting.id, {
      onSuccess: () => {
        setDeleting(null);
        notifications.show({ message: t('external.passkeys.deleted'), color: 'teal' });
      },
      onError: (error) => {
        setDeleting(null);
        setProblem(
          isApiError(error, 409) && error.code === 'LAST_SIGN_IN_METHOD'
            ? 'external.passkeys.lastMethod'
            : 'identity.errors.generic',
        );
      },
    });
  };

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="passkeys-title">
      <Stack gap="md">
        <div>
          <Title order={2} size="h3" id="passkeys-title">
            {t('external.passkeys.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('external.passkeys.description')}
          </Text>
        </div>
        {problem ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle />} data-testid="passkeys-error">
            {t(problem)}
          </Alert>
        ) : null}
        {list.isPending ? <ListSkeleton rows={2} /> : null}
        {list.isError ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle />}>
            {t('external.loadFailed')}
          </Alert>
        ) : null}
        {list.data?.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('external.passkeys.empty')}
          </Text>
        ) : null}
        {list.data && list.data.items.length > 0 ? (
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} data-testid="passkey-list">
            {list.data.items.map((p) => (
              <Group key={p.id} component="li" justify="space-between" wrap="nowrap" gap="sm">
                <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
                  <IconFingerprint size={22} aria-hidden />
                  <div style={{ minWidth: 0 }}>
                    <Text fw={500} truncate>
                      {label(p)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('external.passkeys.createdAt', { date: format.dateTime(p.createdAt) })}
                      {p.backedUp ? ` · ${t('external.passkeys.synced')}` : ''}
                    </Text>
                  </div>
                </Group>
                <Group gap={4} wrap="nowrap">
                  <ActionIcon
                    variant="subtle"
                    size="lg"
                    aria-label={`${t('external.passkeys.rename')}: ${label(p)}`}
                    onClick={() => setRenaming(p)}
                  >
                    <IconPencil size={18} />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={`${t('external.passkeys.delete')}: ${label(p)}`}
                    onClick={() => setDeleting(p)}
                  >
                    <IconTrash size={18} />
                  </ActionIcon>
                </Group>
              </Group>
            ))}
          </Stack>
        ) : null}
        {options.data?.methods.passkey ? (
          <Button
            variant="light"
            leftSection={<IconPlus size={18} />}
            loading={add.isPending}
            onClick={addPasskey}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('external.passkeys.add')}
          </Button>
        ) : null}
      </Stack>
      {/* Keyed by the passkey, so the field starts with that passkey's name. */}
      <RenameModal key={renaming?.id ?? 'none'} passkey={renaming} onClose={() => setRenaming(null)} />
      <Modal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('external.passkeys.delete')}
      >
        <Stack gap="md">
          <Text>{t('external.passkeys.deleteConfirm', { name: deleting ? label(deleting) : '' })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>
              {t('external.passkeys.cancel')}
            </Button>
            <Button color="red" loading={remove.isPending} onClick={confirmDelete}>
              {t('external.passkeys.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
