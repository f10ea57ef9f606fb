import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMailForward, IconSend, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useFormat } from '../../ui/format';
import { invitationsQuery, rolesQuery } from './api';
import { useStaffRoleName } from './useLocalizedRole';

const failed = (t: (k: 'backoffice.person.failed', o: { message: string }) => string) => (error: Error) =>
  notifications.show({ color: 'red', message: t('backoffice.person.failed', { message: error.message }) });

/** The "invite a staff member" dialog. */
export function InviteStaffModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const roles = useQuery(rolesQuery);
  const roleName = useStaffRoleName();
  const [email, setEmail] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const invite = useMutation({
    mutationFn: () =>
      api('/api/v1/admin/staff-invitations', { method: 'POST', json: { email, roles: selected } }),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('backoffice.invite.sent') });
      setEmail('');
      setSelected([]);
      onClose();
      await client.invalidateQueries({ queryKey: invitationsQuery.queryKey });
    },
    onError: failed(t),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('backoffice.invite.title')}>
      <form onSubmit={submit} aria-label={t('backoffice.invite.title')}>
        <Stack>
          <TextInput
            type="email"
            required
            label={t('backoffice.invite.email')}
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <Checkbox.Group
            required
            label={t('backoffice.invite.roles')}
            value={selected}
            onChange={setSelected}
          >
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing={6} mt={6}>
              {(roles.data?.items ?? []).map((r) => (
                <Checkbox key={r.key} value={r.key} label={roleName(r.key)} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Group justify="flex-end">
            <Button
              type="submit"
              leftSection={<IconSend size={16} />}
              loading={invite.isPending}
              disabled={selected.length === 0}
            >
              {t('backoffice.invite.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Open staff invitations with "send again" and "revoke". */
export function OpenInvitations() {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const list = useQuery(invitationsQuery);
  const roleName = useStaffRoleName();
  const refresh = () => client.invalidateQueries({ queryKey: invitationsQuery.queryKey });
  const resend = useMutation({
    mutationFn: (id: string) =>
      api(`/api/v1/admin/staff-invitations/${id}/resend`, { method: 'POST', json: {} }),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('backoffice.invite.resent') });
      await refresh();
    },
    onError: failed(t),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api(`/api/v1/admin/staff-invitations/${id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('backoffice.invite.revoked') });
      await refresh();
    },
    onError: failed(t),
  });
  const items = list.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Paper withBorder p="md" mt="lg">
      <Title order={2} size="h4" mb="sm">
        {t('backoffice.invite.open')}
      </Title>
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {items.map((inv) => (
          <Group
            key={inv.id}
            component="li"
            justify="space-between"
            wrap="nowrap"
            data-testid="invitation-row"
          >
            <div style={{ minWidth: 0 }}>
              <Text fw={600} truncate>
                {inv.email}
              </Text>
              <Text size="sm" c="dimmed">
                {inv.roles.map(roleName).join(', ')} ·{' '}
                {inv.expired
                  ? t('backoffice.invite.expired')
                  : t('backoffice.invite.expires', { date: format.dateTime(inv.expiresAt) })}
              </Text>
            </div>
            <Group gap={4} wrap="nowrap">
              <Tooltip label={t('backoffice.invite.resend')}>
                <ActionIcon
                  variant="default"
                  size="lg"
                  aria-label={`${t('backoffice.invite.resend')}: ${inv.email}`}
                  onClick={() => resend.mutate(inv.id)}
                >
                  <IconMailForward size={18} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={t('backoffice.invite.revoke')}>
                <ActionIcon
                  variant="default"
                  color="red"
                  size="lg"
                  aria-label={`${t('backoffice.invite.revoke')}: ${inv.email}`}
                  onClick={() => revoke.mutate(inv.id)}
                >
                  <IconTrash size={18} />
                </ActionIcon>
              </Tooltip>
            </Group>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
