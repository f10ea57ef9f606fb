import {
  ActionIcon,
  Alert,
  Avatar,
  Badge,
  Box,
  Button,
  Group,
  Menu,
  Modal,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlertCircle,
  IconDots,
  IconLock,
  IconMailForward,
  IconUserPlus,
  IconUsers,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { useRoleLabel } from '../../app/contexts';
import { sessionQuery } from '../../app/portal';
import { useFormat } from '../../ui/format';
import { initials } from '../../ui/initials';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import {
  type Company,
  type CompanyMember,
  companyMembersQuery,
  type Invitation,
  invitationsQuery,
  orgWrite,
  roleChoiceOf,
  rolesQuery,
  roleValue,
  useOrgMutation,
} from './api';
import classes from './companies.module.css';
import { serverFieldError } from './validation';

/** Role options for a select: built-in roles (owner only for owners) and the company's custom roles. */
function useRoleOptions(company: Company) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  const roles = useQuery({
    ...rolesQuery(company.id),
    enabled: company.myPermissions.includes('members.read'),
  });
  const canOwners = company.myPermissions.includes('owners.manage');
  const builtIn = (roles.data?.builtIn ?? [])
    .filter((r) => canOwners || r.role !== 'owner')
    .map((r) => ({ value: `role:${r.role}`, label: roleLabel(r.role) }));
  const custom = (roles.data?.custom ?? []).map((r) => ({ value: `custom:${r.id}`, label: r.name }));
  return custom.length > 0
    ? [
        { group: t('companies.rolesPage.builtIn'), items: builtIn },
        { group: t('companies.rolesPage.customGroup'), items: custom },
      ]
    : builtIn;
}

function problemText(
  t: (k: 'companies.members.lastOwner' | 'companies.errors.generic') => string,
  error: unknown,
) {
  if (isApiError(error) && error.code === 'LAST_OWNER') return t('companies.members.lastOwner');
  return isApiError(error) && error.detail ? error.detail : t('companies.errors.generic');
}

function MemberRow({ member, isMe, company }: { member: CompanyMember; isMe: boolean; company: Company }) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  const options = useRoleOptions(company);
  const canManage = company.myPermissions.includes('members.manage');
  const touchesOwner = member.role === 'owner' && !company.myPermissions.includes('owners.manage');
  const change = useOrgMutation(company.id, (value: string) =>
    orgWrite(company.id, 'PATCH', `/members/${member.userId}`, roleChoiceOf(value)),
  );
  const remove = useOrgMutation(company.id, () =>
    orgWrite(company.id, 'DELETE', `/members/${member.userId}`),
  );
  const fail = (error: unknown) => notifications.show({ color: 'red', message: problemText(t, error) });
  const role =
    canManage && !touchesOwner ? (
      <Select
        size="xs"
        w={170}
        data={options}
        value={roleValue(member)}
        allowDeselect={false}
        aria-label={t('companies.members.changeRole', { name: member.name })}
        onChange={(value) => value && change.mutate(value, { onError: fail })}
        disabled={change.isPending}
        data-testid="member-role-select"
      />
    ) : (
      <Badge variant="light" className={classes.noShrink}>
        {roleLabel(member.roleName)}
      </Badge>
    );
  return (
    <li className={classes.member} data-testid="member-row">
      <Avatar radius="xl" size={38} color="brand" variant="light" aria-hidden="true" visibleFrom="xs">
        {initials(member.name)}
      </Avatar>
      <div className={classes.memberBody}>
        <Group gap={6} wrap="nowrap">
          <Text fw={600} truncate>
            {member.name}
          </Text>
          {isMe ? (
            <Badge size="xs" variant="light" color="gray" className={classes.noShrink}>
              {t('companies.members.you')}
            </Badge>
          ) : null}
        </Group>
        <Text size="sm" c="dimmed" truncate>
          {member.email}
        </Text>
        <Box hiddenFrom="xs" mt={4}>
          {role}
        </Box>
      </div>
      <Box visibleFrom="xs">{role}</Box>
      {canManage && !touchesOwner && !isMe ? (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('companies.members.actions', { name: member.name })}
            >
              <IconDots size={18} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item
              color="red"
              onClick={() => {
                if (window.confirm(t('companies.members.removeConfirm', { name: member.name })))
                  remove.mutate(undefined, { onError: fail });
              }}
            >
              {t('companies.members.remove')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      ) : null}
    </li>
  );
}

function InviteDialog({
  company,
  opened,
  onClose,
}: {
  company: Company;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const options = useRoleOptions(company);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<string>('role:buyer');
  const [emailProblem, setEmailProblem] = useState(false);
  const invite = useOrgMutation(company.id, () =>
    orgWrite(company.id, 'POST', '/invitations', { email: email.trim(), ...roleChoiceOf(role) }),
  );
  const close = () => {
    setEmail('');
    setEmailProblem(false);
    invite.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) {
      setEmailProblem(true);
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
  const emailError = emailProblem ? t('companies.validation.email') : serverFieldError(invite.error, 'email');
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
              {problemText(t, invite.error)}
            </Alert>
          ) : null}
          <TextInput
            label={t('companies.invitations.email')}
            type="email"
            inputMode="email"
            required
            value={email}
            onChange={(e) => {
              setEmail(e.currentTarget.value);
              setEmailProblem(false);
            }}
            error={emailError}
            data-autofocus
          />
          <Select
            label={t('companies.invitations.role')}
            data={options}
            value={role}
            allowDeselect={false}
            onChange={(v) => v && setRole(v)}
          />
          <Text size="xs" c="dimmed">
            {t('companies.invitations.hint')}
          </Text>
          <Group justify="flex-end">
            <Button type="submit" loading={invite.isPending} leftSection={<IconMailForward size={16} />}>
              {t('companies.invitations.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function InvitationRow({ invitation, company }: { invitation: Invitation; company: Company }) {
  const { t } = useTranslation();
  const format = useFormat();
  const roleLabel = useRoleLabel();
  const resend = useOrgMutation(company.id, () =>
    orgWrite(company.id, 'POST', `/invitations/${invitation.id}/resend`),
  );
  const revoke = useOrgMutation(company.id, () =>
    orgWrite(company.id, 'DELETE', `/invitations/${invitation.id}`),
  );
  return (
    <li className={classes.member} data-testid="invitation-row">
      <div className={classes.memberBody}>
        <Text fw={600} truncate>
          {invitation.email}
        </Text>
        <Text size="sm" c={invitation.expired ? 'red' : 'dimmed'}>
          {roleLabel(invitation.roleName)} ·{' '}
          {invitation.expired
            ? t('companies.invitations.expired')
            : t('companies.invitations.expires', { date: format.dateTime(invitation.expiresAt) })}
        </Text>
      </div>
      <Group gap={4} wrap="nowrap">
        <Button
          size="xs"
          variant="subtle"
          loading={resend.isPending}
          onClick={() =>
            resend.mutate(undefined, {
              onSuccess: () =>
                notifications.show({ color: 'teal', message: t('companies.invitations.resent') }),
            })
          }
        >
          {t('companies.invitations.resend')}
        </Button>
        <Button
          size="xs"
          variant="subtle"
          color="red"
          loading={revoke.isPending}
          onClick={() => revoke.mutate(undefined)}
        >
          {t('companies.invitations.revoke')}
        </Button>
      </Group>
    </li>
  );
}

function Invitations({ company }: { company: Company }) {
  const { t } = useTranslation();
  const invitations = useQuery(invitationsQuery(company.id));
  if (invitations.isPending) return <ListSkeleton rows={1} />;
  if (invitations.isError)
    return <ErrorState error={invitations.error} onRetry={() => void invitations.refetch()} />;
  return (
    <Box component="section" aria-labelledby="invitations-heading" mt="lg">
      <Title order={3} id="invitations-heading" mb="xs">
        {t('companies.invitations.title')}
      </Title>
      {invitations.data.items.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="invitations-empty">
          {t('companies.invitations.empty')}
        </Text>
      ) : (
        <Paper withBorder className={classes.listPaper}>
          <ul className={classes.list} aria-label={t('companies.invitations.listLabel')}>
            {invitations.data.items.map((i) => (
              <InvitationRow key={i.id} invitation={i} company={company} />
            ))}
          </ul>
        </Paper>
      )}
    </Box>
  );
}

function MembersRestricted({ role }: { role: string }) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  return (
    <StateMessage
      testId="members-restricted"
      titleOrder={3}
      color="gray"
      icon={<IconLock size={28} />}
      title={t('companies.members.restricted.title')}
      description={t('companies.members.restricted.description', { role: roleLabel(role) })}
    />
  );
}

function MembersList({ company }: { company: Company }) {
  const { t } = useTranslation();
  const session = useQuery(sessionQuery);
  const allowed = company.myPermissions.includes('members.read');
  const members = useQuery({ ...companyMembersQuery(company.id), enabled: allowed });
  if (!allowed || isApiError(members.error, 403)) return <MembersRestricted role={company.myRole} />;
  if (members.isPending) return <ListSkeleton rows={3} />;
  if (members.isError) return <ErrorState error={members.error} onRetry={() => void members.refetch()} />;
  if (members.data.items.length === 0) {
    return (
      <StateMessage
        titleOrder={3}
        icon={<IconUsers size={28} />}
        title={t('companies.members.empty')}
        testId="members-empty"
      />
    );
  }
  const myId = session.data?.user?.id;
  return (
    <Paper withBorder className={classes.listPaper}>
      <ul className={classes.list} aria-label={t('companies.members.listLabel')} data-testid="member-list">
        {members.data.items.map((member) => (
          <MemberRow key={member.userId} member={member} isMe={member.userId === myId} company={company} />
        ))}
      </ul>
    </Paper>
  );
}

/** Members of the company; those who manage members also invite, change roles, remove, and see invitations. */
export function MembersSection({ company, onLeft }: { company: Company; onLeft: () => void }) {
  const { t } = useTranslation();
  const [inviting, setInviting] = useState(false);
  const canManage = company.myPermissions.includes('members.manage');
  const leave = useOrgMutation(company.id, () => orgWrite(company.id, 'POST', '/leave'));
  return (
    <Box component="section" aria-labelledby="members-heading">
      <Group justify="space-between" align="flex-end" mb="md" gap="xs">
        <div>
          <Title order={2} id="members-heading">
            {t('companies.members.title')}
          </Title>
          <Text c="dimmed" size="sm" mt={4}>
            {t('companies.members.lead')}
          </Text>
        </div>
        {canManage ? (
          <Button
            leftSection={<IconUserPlus size={16} />}
            onClick={() => setInviting(true)}
            data-testid="invite-button"
          >
            {t('companies.members.invite')}
          </Button>
        ) : null}
      </Group>
      <MembersList company={company} />
      {canManage ? <Invitations company={company} /> : null}
      {canManage ? (
        <InviteDialog company={company} opened={inviting} onClose={() => setInviting(false)} />
      ) : null}
      <Group justify="flex-end" mt="md">
        <Button
          variant="subtle"
          color="red"
          size="xs"
          loading={leave.isPending}
          onClick={() => {
            if (window.confirm(t('companies.members.leaveConfirm', { name: company.name }))) {
              leave.mutate(undefined, {
                onSuccess: onLeft,
                onError: (error) => notifications.show({ color: 'red', message: problemText(t, error) }),
              });
            }
          }}
        >
          {t('companies.members.leave')}
        </Button>
      </Group>
    </Box>
  );
}
