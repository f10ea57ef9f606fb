import { Badge, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { permissions } from '../../../shared/permissions';
import { api, isApiError } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { customerGroupsQuery, groupSectionsQuery, rolesQuery, type StaffRole } from './api';
import { NoAccess } from './NoAccess';
import { sectionChoices } from './sections';

function SectionPicker({
  value,
  onChange,
  section,
  label,
}: {
  value: string[] | null;
  onChange: (value: string[] | null) => void;
  section: 'cabinet' | 'backOffice';
  label: string;
}) {
  const { t } = useTranslation();
  const choices = sectionChoices(section);
  return (
    <Stack gap={6}>
      <Switch
        label={`${label}: ${t('backoffice.roles.allSections')}`}
        checked={value === null}
        onChange={(e) => onChange(e.currentTarget.checked ? null : choices.map((c) => c.id))}
      />
      {value !== null ? (
        <Checkbox.Group value={value} onChange={onChange} label={label}>
          <Group gap="md" mt={4}>
            {choices.map((c) => (
              <Checkbox key={c.id} value={c.id} label={t(c.label)} />
            ))}
          </Group>
        </Checkbox.Group>
      ) : null}
    </Stack>
  );
}

function RoleEditor({ role }: { role: StaffRole }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [granted, setGranted] = useState(role.permissions);
  const [sections, setSections] = useState(role.sections);
  useEffect(() => {
    setGranted(role.permissions);
    setSections(role.sections);
  }, [role]);
  const name = i18n.language === 'en' ? role.name.en : role.name.ru;
  const isAdmin = role.key === 'admin';
  const save = useMutation({
    mutationFn: () =>
      api(`/api/v1/admin/roles/${role.key}`, {
        method: 'PUT',
        json: { name: role.name, permissions: granted, sections },
      }),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('backoffice.roles.saved', { name }) });
      await client.invalidateQueries({ queryKey: rolesQuery.queryKey });
    },
    onError: (error) =>
      notifications.show({
        color: 'red',
        message: t('backoffice.person.failed', { message: error.message }),
      }),
  });
  const headingId = `role-${role.key}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId} data-testid={`role-${role.key}`}>
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <Title order={2} size="h4" id={headingId}>
            {name}
          </Title>
          {role.builtIn ? (
            <Badge variant="light" size="sm">
              {t('backoffice.roles.builtIn')}
            </Badge>
          ) : null}
        </Group>
      </Group>
      <Stack gap="md">
        {isAdmin ? (
          <Text size="sm" c="dimmed">
            {t('backoffice.roles.adminAll')}
          </Text>
        ) : (
          <Checkbox.Group value={granted} onChange={setGranted} label={t('backoffice.roles.permissions')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6} mt={6}>
              {permissions.map((p) => (
                <Checkbox key={p} value={p} label={t(`backoffice.permissions.${p}`, { defaultValue: p })} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
        )}
        <SectionPicker
          value={sections}
          onChange={setSections}
          section="backOffice"
          label={t('backoffice.roles.sections')}
        />
        <Group>
          <Button
            leftSection={<IconDeviceFloppy size={16} />}
            onClick={() => save.mutate()}
            loading={save.isPending}
          >
            {t('backoffice.roles.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function GroupSections() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const stored = useQuery(groupSectionsQuery);
  const groups = useQuery(customerGroupsQuery);
  const save = useMutation({
    mutationFn: ({ id, sections }: { id: string; sections: string[] | null }) =>
      api(`/api/v1/admin/section-access/groups/${encodeURIComponent(id)}`, {
        method: 'PUT',
        json: { sections },
      }),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('backoffice.roles.groupSaved') });
      await client.invalidateQueries({ queryKey: groupSectionsQuery.queryKey });
    },
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="group-sections">
      <Title order={2} size="h4" id="group-sections" mb="sm">
        {t('backoffice.roles.groupsTitle')}
      </Title>
      {groups.isPending || stored.isPending ? (
        <ListSkeleton />
      ) : (groups.data ?? []).length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('backoffice.roles.groupsNone')}
        </Text>
      ) : (
        <Stack>
          {(groups.data ?? []).map((g) => (
            <SectionPicker
              key={g.id}
              label={g.name}
              section="cabinet"
              value={stored.data?.groups[g.id] ?? null}
              onChange={(sections) => save.mutate({ id: g.id, sections })}
            />
          ))}
        </Stack>
      )}
    </Paper>
  );
}

/** Back office: staff roles as sets of permissions, and the sections each role and customer group sees. */
export function RolesPage() {
  const { t } = useTranslation();
  usePageTitle(t('backoffice.roles.title'));
  const roles = useQuery(rolesQuery);
  let body: React.ReactNode;
  if (roles.isPending) body = <ListSkeleton />;
  else if (isApiError(roles.error, 401, 403)) body = <NoAccess />;
  else if (roles.isError) body = <ErrorState error={roles.error} onRetry={() => void roles.refetch()} />;
  else
    body = (
      <Stack gap="md">
        {roles.data.items.map((role) => (
          <RoleEditor key={role.key} role={role} />
        ))}
        <GroupSections />
      </Stack>
    );
  return (
    <>
      <PageHeader title={t('backoffice.roles.title')} description={t('backoffice.roles.description')} />
      {body}
    </>
  );
}
