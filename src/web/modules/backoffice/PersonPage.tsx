import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconLock, IconLockOpen, IconShieldOff, IconUserShare } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../app/api';
import { useRoleLabel } from '../../app/contexts';
import { can, resetSessionQueries, sessionQuery } from '../../app/portal';
import { useFormat } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { AuditList } from './AuditList';
import { type PersonCard, personQuery, rolesQuery } from './api';
import classes from './backoffice.module.css';
import { NoAccess } from './NoAccess';
import { useStaffRoleName } from './useLocalizedRole';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text className={classes.wrap}>{children}</Text>
    </div>
  );
}

function StaffRolesEditor({ person }: { person: PersonCard }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const roles = useQuery(rolesQuery);
  const roleName = useStaffRoleName();
  const [value, setValue] = useState(person.staffRoles);
  useEffect(() => setValue(person.staffRoles), [person.staffRoles]);
  const save = useMutation({
    mutationFn: () =>
      api(`/api/v1/admin/people/${person.id}/staff-roles`, { method: 'PUT', json: { roles: value } }),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('backoffice.person.rolesSaved') });
      await client.invalidateQueries({ queryKey: ['admin', 'people'] });
    },
    onError: (error) =>
      notifications.show({
        color: 'red',
        message: t('backoffice.person.failed', { message: error.message }),
      }),
  });
  return (
    <Stack gap="xs">
      <Checkbox.Group
        label={t('backoffice.person.staffRoles')}
        description={t('backoffice.person.staffRolesHint')}
        value={value}
        onChange={setValue}
      >
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing={6} mt={6}>
          {(roles.data?.items ?? []).map((r) => (
            <Checkbox key={r.key} value={r.key} label={roleName(r.key)} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <Group>
        <Button variant="default" onClick={() => save.mutate()} loading={save.isPending}>
          {t('backoffice.person.saveRoles')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Back office: one person — contexts, companies, sessions, 2FA, actions and recent audit. */
export function PersonPage() {
  const { t } = useTranslation();
  const { userId } = useParams({ strict: false }) as { userId: string };
  const format = useFormat();
  const client = useQueryClient();
  const navigate = useNavigate();
  const session = useQuery(sessionQuery);
  const card = useQuery(personQuery(userId));
  const roleName = useStaffRoleName();
  const orgRoleLabel = useRoleLabel();
  const [confirmOpened, confirm] = useDisclosure(false);
  usePageTitle(card.data?.name ?? t('backoffice.people.title'));
  const onError = (error: Error) =>
    notifications.show({ color: 'red', message: t('backoffice.person.failed', { message: error.message }) });

  const setBlocked = useMutation({
    mutationFn: (blocked: boolean) =>
      api(`/api/v1/admin/people/${userId}/${blocked ? 'block' : 'unblock'}`, { method: 'POST', json: {} }),
    onSuccess: async (_data, blocked) => {
      confirm.close();
      notifications.show({
        color: 'teal',
        message: t(blocked ? 'backoffice.person.blockedDone' : 'backoffice.person.unblockedDone'),
      });
      await client.invalidateQueries({ queryKey: ['admin', 'people'] });
    },
    onError,
  });
  const impersonate = useMutation({
    mutationFn: () => api(`/api/v1/admin/people/${userId}/impersonate`, { method: 'POST', json: {} }),
    onSuccess: async () => {
      await resetSessionQueries(client);
      await navigate({ to: '/' });
    },
    onError: (error) =>
      notifications.show({
        color: 'red',
        message: `${t('backoffice.person.impersonateFailed')}: ${error.message}`,
      }),
  });
  const resetTwoFactor = useMutation({
    mutationFn: () => api(`/api/v1/admin/people/${userId}/two-factor/reset`, { method: 'POST', json: {} }),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('backoffice.person.resetTwoFactorDone') });
      await client.invalidateQueries({ queryKey: ['admin', 'people'] });
    },
    onError,
  });

  const back = (
    <Anchor component={Link} to="/admin/people" size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden="true" />
        {t('backoffice.person.back')}
      </Group>
    </Anchor>
  );
  if (card.isPending) return <ListSkeleton />;
  if (isApiError(card.error, 401, 403)) return <NoAccess />;
  if (isApiError(card.error, 404, 400))
    return (
      <>
        <PageHeader above={back} title={t('backoffice.person.notFound')} />
        <StateMessage icon={<IconLock size={28} />} title={t('backoffice.person.notFound')} />
      </>
    );
  if (card.isError) return <ErrorState error={card.error} onRetry={() => void card.refetch()} />;
  const person = card.data;
  const mayManage = can(session.data, 'people.manage');
  const isSelf = session.data?.user?.id === person.id;

  return (
    <>
      <PageHeader
        above={back}
        title={person.name}
        description={person.email}
        actions={
          isSelf ? null : (
            <>
              {can(session.data, 'people.impersonate') && !person.blocked ? (
                <Button
                  variant="default"
                  leftSection={<IconUserShare size={16} />}
                  loading={impersonate.isPending}
                  onClick={() => impersonate.mutate()}
                >
                  {t('backoffice.person.impersonate')}
                </Button>
              ) : null}
              {mayManage && person.twoFactorEnabled === true ? (
                <Button
                  variant="default"
                  leftSection={<IconShieldOff size={16} />}
                  loading={resetTwoFactor.isPending}
                  onClick={() => resetTwoFactor.mutate()}
                >
                  {t('backoffice.person.resetTwoFactor')}
                </Button>
              ) : null}
              {mayManage ? (
                person.blocked ? (
                  <Button
                    color="teal"
                    leftSection={<IconLockOpen size={16} />}
                    loading={setBlocked.isPending}
                    onClick={() => setBlocked.mutate(false)}
                  >
                    {t('backoffice.person.unblock')}
                  </Button>
                ) : (
                  <Button color="red" leftSection={<IconLock size={16} />} onClick={confirm.open}>
                    {t('backoffice.person.block')}
                  </Button>
                )
              ) : null}
            </>
          )
        }
      />
      <Stack gap="md">
        {person.blocked && person.blockedAt ? (
          <Alert color="red" icon={<IconLock size={18} />} data-testid="blocked-notice">
            {t('backoffice.person.blockedNotice', { date: format.dateTime(person.blockedAt) })}
          </Alert>
        ) : null}
        <Paper withBorder p="md">
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
            <Fact label={t('backoffice.person.email')}>{person.email}</Fact>
            <Fact label={t('backoffice.person.phone')}>{person.phone ?? t('backoffice.person.noPhone')}</Fact>
            <Fact label={t('backoffice.person.created')}>{format.dateTime(person.createdAt)}</Fact>
            <Fact label={t('backoffice.person.sessions')}>
              <span data-testid="active-sessions">{format.number(person.activeSessions)}</span>
            </Fact>
            <Fact label={t('backoffice.person.twoFactor')}>
              {person.twoFactorEnabled === null
                ? t('backoffice.person.twoFactorUnknown')
                : person.twoFactorEnabled
                  ? t('backoffice.person.twoFactorOn')
                  : t('backoffice.person.twoFactorOff')}
            </Fact>
          </SimpleGrid>
        </Paper>
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            {t('backoffice.person.contexts')}
          </Title>
          <Group gap="xs" wrap="wrap">
            <Badge variant="light">{t('backoffice.person.personal')}</Badge>
            {person.employee ? <Badge variant="light">{t('backoffice.person.employee')}</Badge> : null}
            {person.staffRoles.length > 0 ? (
              <Badge variant="light" color="grape">
                {t('backoffice.person.backOffice')}: {person.staffRoles.map(roleName).join(', ')}
              </Badge>
            ) : null}
            {person.companies.map((c) => (
              <Badge key={c.id} variant="outline" tt="none">
                {c.name} · {orgRoleLabel(c.role)}
              </Badge>
            ))}
          </Group>
          {person.companies.length === 0 ? (
            <Text size="sm" c="dimmed" mt="xs">
              {t('backoffice.person.noCompanies')}
            </Text>
          ) : null}
        </Paper>
        {can(session.data, 'staff.manage') && !isSelf ? (
          <Paper withBorder p="md">
            <StaffRolesEditor person={person} />
          </Paper>
        ) : null}
        <Paper withBorder className={classes.listPaper}>
          <Title order={2} size="h4" p="md" pb={0}>
            {t('backoffice.person.audit')}
          </Title>
          {person.audit.length === 0 ? (
            <Text c="dimmed" p="md">
              {t('backoffice.person.noAudit')}
            </Text>
          ) : (
            <AuditList entries={person.audit} label={t('backoffice.person.audit')} />
          )}
        </Paper>
      </Stack>
      <Modal
        opened={confirmOpened}
        onClose={confirm.close}
        title={t('backoffice.person.blockTitle', { name: person.name })}
      >
        <Stack>
          <Text>{t('backoffice.person.blockText')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={confirm.close}>
              {t('backoffice.person.cancel')}
            </Button>
            <Button color="red" loading={setBlocked.isPending} onClick={() => setBlocked.mutate(true)}>
              {t('backoffice.person.block')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
