import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Menu,
  Modal,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconArrowLeft, IconDots, IconPlus, IconShieldLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customRolePermissions, type OrgPermission } from '../../../shared/permissions';
import { isApiError } from '../../app/api';
import { useRoleLabel } from '../../app/contexts';
import { sessionQuery } from '../../app/portal';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { type Company, type CustomRole, companyQuery, orgWrite, rolesQuery, useOrgMutation } from './api';
import { CompanyNotFound, CompanySkeleton, SignInRequired } from './CompanyPage';
import classes from './companies.module.css';
import { serverFieldError } from './validation';

const route = getRouteApi('/orgs/$orgId/roles');

function usePermissionLabel() {
  const { t } = useTranslation();
  return (key: string) => {
    const [group, action] = key.split('.');
    return t(`companies.permissions.${group}.${action}` as never, { defaultValue: key });
  };
}

function RoleEditor({
  company,
  role,
  onClose,
}: {
  company: Company;
  role: CustomRole | 'new';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const label = usePermissionLabel();
  const [name, setName] = useState(role === 'new' ? '' : role.name);
  const [picked, setPicked] = useState<string[]>(role === 'new' ? ['company.read'] : role.permissions);
  const [nameMissing, setNameMissing] = useState(false);
  const save = useOrgMutation(company.id, () =>
    role === 'new'
      ? orgWrite(company.id, 'POST', '/roles', { name: name.trim(), permissions: picked })
      : orgWrite(company.id, 'PATCH', `/roles/${role.id}`, { name: name.trim(), permissions: picked }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameMissing(true);
      return;
    }
    save.mutate(undefined, { onSuccess: onClose });
  };
  const nameError = nameMissing ? t('companies.validation.required') : serverFieldError(save.error, 'name');
  return (
    <form onSubmit={submit} noValidate aria-label={t('companies.rolesPage.save')}>
      <Stack gap="sm">
        {save.error && !nameError ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
            {t('companies.errors.generic')}
          </Alert>
        ) : null}
        <TextInput
          label={t('companies.rolesPage.name')}
          required
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            setNameMissing(false);
          }}
          error={nameError}
          data-autofocus
        />
        <Checkbox.Group label={t('companies.rolesPage.permissions')} value={picked} onChange={setPicked}>
          <Stack gap={8} mt={6}>
            {customRolePermissions.map((key) => (
              <Checkbox key={key} value={key} label={label(key)} disabled={key === 'company.read'} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('companies.details.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('companies.rolesPage.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CustomRoleRow({
  company,
  role,
  canManage,
  onEdit,
}: {
  company: Company;
  role: CustomRole;
  canManage: boolean;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const label = usePermissionLabel();
  const remove = useOrgMutation(company.id, () => orgWrite(company.id, 'DELETE', `/roles/${role.id}`));
  return (
    <li className={classes.member} data-testid="custom-role-row">
      <div className={classes.memberBody}>
        <Group gap={6}>
          <Text fw={600}>{role.name}</Text>
          <Badge size="xs" variant="light" color="gray">
            {t('companies.rolesPage.members', { count: role.members })}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {role.permissions.map(label).join(' · ')}
        </Text>
      </div>
      {canManage ? (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`${t('companies.rolesPage.edit')}: ${role.name}`}
            >
              <IconDots size={18} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={onEdit}>{t('companies.rolesPage.edit')}</Menu.Item>
            <Menu.Item
              color="red"
              onClick={() =>
                remove.mutate(undefined, {
                  onError: (error) =>
                    notifications.show({
                      color: 'red',
                      message: isApiError(error, 409)
                        ? t('companies.rolesPage.inUse')
                        : t('companies.errors.generic'),
                    }),
                })
              }
            >
              {t('companies.rolesPage.delete')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      ) : null}
    </li>
  );
}

function RolesView({ company }: { company: Company }) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  const label = usePermissionLabel();
  const roles = useQuery(rolesQuery(company.id));
  const [editing, setEditing] = useState<CustomRole | 'new' | null>(null);
  const canManage = company.myPermissions.includes('roles.manage');
  usePageTitle(`${t('companies.rolesPage.title')} · ${company.name}`);
  return (
    <div data-testid="roles-page">
      <PageHeader
        title={t('companies.rolesPage.title')}
        description={t('companies.rolesPage.lead')}
        above={
          <Anchor
            size="sm"
            renderRoot={(props) => <Link to="/orgs/$orgId" params={{ orgId: company.id }} {...props} />}
          >
            <Group gap={4}>
              <IconArrowLeft size={14} aria-hidden="true" />
              {company.name}
            </Group>
          </Anchor>
        }
        actions={
          canManage ? (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setEditing('new')}
              data-testid="create-role"
            >
              {t('companies.rolesPage.create')}
            </Button>
          ) : null
        }
      />
      {roles.isPending ? <ListSkeleton rows={4} /> : null}
      {roles.isError ? <ErrorState error={roles.error} onRetry={() => void roles.refetch()} /> : null}
      {roles.data ? (
        <Stack gap="xl">
          <section aria-labelledby="custom-roles-heading">
            <Title order={2} id="custom-roles-heading" mb="sm">
              {t('companies.rolesPage.custom')}
            </Title>
            {roles.data.custom.length === 0 ? (
              <StateMessage
                titleOrder={3}
                color="gray"
                icon={<IconShieldLock size={28} />}
                title={t('companies.rolesPage.empty')}
                description={canManage ? undefined : t('companies.rolesPage.noAccess')}
              />
            ) : (
              <Paper withBorder className={classes.listPaper}>
                <ul className={classes.list} aria-label={t('companies.rolesPage.custom')}>
                  {roles.data.custom.map((role) => (
                    <CustomRoleRow
                      key={role.id}
                      company={company}
                      role={role}
                      canManage={canManage}
                      onEdit={() => setEditing(role)}
                    />
                  ))}
                </ul>
              </Paper>
            )}
          </section>
          <section aria-labelledby="builtin-roles-heading">
            <Title order={2} id="builtin-roles-heading" mb="sm">
              {t('companies.rolesPage.builtIn')}
            </Title>
            <Paper withBorder className={classes.listPaper}>
              <ul className={classes.list} aria-label={t('companies.rolesPage.builtIn')}>
                {roles.data.builtIn.map((r) => (
                  <li key={r.role} className={classes.member}>
                    <div className={classes.memberBody}>
                      <Text fw={600}>{roleLabel(r.role)}</Text>
                      <Text size="sm" c="dimmed">
                        {r.permissions.map((p) => label(p as OrgPermission)).join(' · ')}
                      </Text>
                    </div>
                  </li>
                ))}
              </ul>
            </Paper>
          </section>
        </Stack>
      ) : null}
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('companies.rolesPage.create') : t('companies.rolesPage.edit')}
      >
        {editing ? <RoleEditor company={company} role={editing} onClose={() => setEditing(null)} /> : null}
      </Modal>
    </div>
  );
}

/** Roles of a company: built-in ones for reference, and the custom roles its admins assemble from permissions. */
export function RolesPage() {
  const { orgId } = route.useParams();
  const session = useQuery(sessionQuery);
  const signedIn = Boolean(session.data?.user);
  const company = useQuery({ ...companyQuery(orgId), enabled: signedIn });
  if (session.isPending) return <CompanySkeleton />;
  if (!signedIn || isApiError(company.error, 401)) return <SignInRequired />;
  if (company.isPending) return <CompanySkeleton />;
  if (isApiError(company.error, 404)) return <CompanyNotFound />;
  if (company.isError)
    return <ErrorState error={company.error} titleOrder={1} onRetry={() => void company.refetch()} />;
  return <RolesView company={company.data} />;
}
