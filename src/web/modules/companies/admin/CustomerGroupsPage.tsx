import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Menu,
  Modal,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconAlertCircle, IconDots, IconPlus, IconTags } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../app/api';
import { PageHeader } from '../../../ui/PageHeader';
import { ListSkeleton } from '../../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../../ui/StatusState';
import { usePageTitle } from '../../../ui/usePageTitle';
import classes from '../companies.module.css';
import { serverFieldError } from '../validation';
import { adminWrite, type CustomerGroup, customerGroupsQuery, useAdminMutation } from './api';
import { AdminNoAccess } from './CompaniesAdminPage';

function GroupForm({ group, onClose }: { group: CustomerGroup | 'new'; onClose: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(group === 'new' ? '' : group.name);
  const [description, setDescription] = useState(group === 'new' ? '' : (group.description ?? ''));
  const [missing, setMissing] = useState(false);
  const save = useAdminMutation(() => {
    const body = { name: name.trim(), description: description.trim() || null };
    return group === 'new'
      ? adminWrite('POST', '/customer-groups', body)
      : adminWrite('PATCH', `/customer-groups/${group.id}`, body);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setMissing(true);
      return;
    }
    save.mutate(undefined, { onSuccess: onClose });
  };
  const nameError = missing ? t('companies.validation.required') : serverFieldError(save.error, 'name');
  return (
    <form onSubmit={submit} noValidate aria-label={t('companies.admin.groups.save')}>
      <Stack gap="sm">
        {save.error && !nameError ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
            {t('companies.errors.generic')}
          </Alert>
        ) : null}
        <TextInput
          label={t('companies.admin.groups.name')}
          required
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            setMissing(false);
          }}
          error={nameError}
          data-autofocus
        />
        <Textarea
          label={t('companies.admin.groups.description')}
          autosize
          minRows={2}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('companies.details.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('companies.admin.groups.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function GroupRow({ group, onEdit }: { group: CustomerGroup; onEdit: () => void }) {
  const { t } = useTranslation();
  const remove = useAdminMutation(() => adminWrite('DELETE', `/customer-groups/${group.id}`));
  return (
    <li className={classes.member} data-testid="customer-group-row">
      <div className={classes.memberBody}>
        <Group gap={6}>
          <Text fw={600}>{group.name}</Text>
          <Badge size="xs" variant="light" color="gray">
            {t('companies.admin.groups.companies', { count: group.companies })}
          </Badge>
        </Group>
        {group.description ? (
          <Text size="sm" c="dimmed">
            {group.description}
          </Text>
        ) : null}
      </div>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={`${t('companies.admin.groups.rename')}: ${group.name}`}
          >
            <IconDots size={18} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={onEdit}>{t('companies.admin.groups.rename')}</Menu.Item>
          <Menu.Item
            color="red"
            onClick={() => {
              if (window.confirm(t('companies.admin.groups.deleteConfirm', { name: group.name })))
                remove.mutate(undefined);
            }}
          >
            {t('companies.admin.groups.delete')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </li>
  );
}

/** Back office: customer (price) groups — a company belongs to at most one. */
export function CustomerGroupsPage() {
  const { t } = useTranslation();
  usePageTitle(t('companies.admin.groups.title'));
  const groups = useQuery(customerGroupsQuery);
  const [editing, setEditing] = useState<CustomerGroup | 'new' | null>(null);
  if (isApiError(groups.error, 401, 403)) return <AdminNoAccess />;
  return (
    <div data-testid="customer-groups-page">
      <PageHeader
        title={t('companies.admin.groups.title')}
        description={t('companies.admin.groups.lead')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('companies.admin.groups.create')}
          </Button>
        }
      />
      {groups.isPending ? <ListSkeleton rows={3} /> : null}
      {groups.isError ? <ErrorState error={groups.error} onRetry={() => void groups.refetch()} /> : null}
      {groups.data && groups.data.items.length === 0 ? (
        <StateMessage
          titleOrder={2}
          color="gray"
          icon={<IconTags size={28} />}
          title={t('companies.admin.groups.empty')}
        />
      ) : null}
      {groups.data && groups.data.items.length > 0 ? (
        <Paper withBorder className={classes.listPaper}>
          <ul className={classes.list} aria-label={t('companies.admin.groups.listLabel')}>
            {groups.data.items.map((g) => (
              <GroupRow key={g.id} group={g} onEdit={() => setEditing(g)} />
            ))}
          </ul>
        </Paper>
      ) : null}
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('companies.admin.groups.create') : t('companies.admin.groups.rename')}
      >
        {editing ? <GroupForm group={editing} onClose={() => setEditing(null)} /> : null}
      </Modal>
    </div>
  );
}
