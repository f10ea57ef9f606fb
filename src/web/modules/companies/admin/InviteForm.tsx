import { Alert, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orgRoles } from '../../../../shared/permissions';
import { useRoleLabel } from '../../../app/contexts';
import { serverFieldError } from '../validation';
import { adminWrite, useAdminMutation } from './api';

/** Staff invite a person into a company with a built-in role (often its first owner). */
export function InviteForm({
  companyId,
  opened,
  onClose,
}: {
  companyId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('owner');
  const [missing, setMissing] = useState(false);
  const invite = useAdminMutation(() =>
    adminWrite('POST', `/companies/${companyId}/invitations`, { email: email.trim(), role }),
  );
  const close = () => {
    setEmail('');
    setMissing(false);
    invite.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) {
      setMissing(true);
      return;
    }
    invite.mutate(undefined, {
      onSuccess: () => {
        notifications.show({
          color: 'teal',
          message: t('companies.invitations.sent', { email: email.trim() }),
        });
        close();
      },
    });
  };
  const emailError = missing ? t('companies.validation.email') : serverFieldError(invite.error, 'email');
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={opened}
      onClose={close}
      title={t('companies.invitations.dialogTitle')}
    >
      <form onSubmit={submit} noValidate aria-label={t('companies.invitations.dialogTitle')}>
        <Stack gap="sm">
          {invite.error && !emailError ? (
            <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
              {t('companies.errors.generic')}
            </Alert>
          ) : null}
          <TextInput
            label={t('companies.invitations.email')}
            type="email"
            required
            value={email}
            onChange={(e) => {
              setEmail(e.currentTarget.value);
              setMissing(false);
            }}
            error={emailError}
            data-autofocus
          />
          <Select
            label={t('companies.invitations.role')}
            data={Object.keys(orgRoles).map((r) => ({ value: r, label: roleLabel(r) }))}
            value={role}
            allowDeselect={false}
            onChange={(v) => v && setRole(v)}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={invite.isPending}>
              {t('companies.invitations.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
