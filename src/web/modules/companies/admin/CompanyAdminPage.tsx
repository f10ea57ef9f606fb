import {
  Anchor,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconCheck, IconUserPlus, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../app/api';
import { useRoleLabel } from '../../../app/contexts';
import { sessionQuery } from '../../../app/portal';
import { useFormat } from '../../../ui/format';
import { PageHeader } from '../../../ui/PageHeader';
import { ListSkeleton } from '../../../ui/Skeletons';
import { ErrorState } from '../../../ui/StatusState';
import { usePageTitle } from '../../../ui/usePageTitle';
import { AdminCompanyDocuments } from '../../documents/AdminCompanyDocuments';
import { AdminCompanyFinance } from '../../finance/AdminCompanyFinance';
import classes from '../companies.module.css';
import { DetailsForm, detailsBody, detailsValuesOf } from '../DetailsForm';
import { serverFieldError } from '../validation';
import {
  type AdminCompany,
  adminCompanyQuery,
  adminMembersQuery,
  adminWrite,
  customerGroupsQuery,
  managersQuery,
  useAdminMutation,
} from './api';
import { AdminNoAccess } from './CompaniesAdminPage';
import { InviteForm } from './InviteForm';

const route = getRouteApi('/admin/companies/$companyId');

function Terms({ company }: { company: AdminCompany }) {
  const { t } = useTranslation();
  const managers = useQuery(managersQuery);
  const groups = useQuery(customerGroupsQuery);
  const [managerId, setManagerId] = useState<string | null>(company.manager?.id ?? null);
  const [groupId, setGroupId] = useState<string | null>(company.customerGroup?.id ?? null);
  const [limit, setLimit] = useState<number | string>(
    company.creditLimit === null ? '' : company.creditLimit / 100,
  );
  const save = useAdminMutation(() =>
    adminWrite('PATCH', `/companies/${company.id}`, {
      managerId,
      customerGroupId: groupId,
      creditLimit: limit === '' ? null : Math.round(Number(limit) * 100),
    }),
  );
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="terms-heading">
      <Title order={2} id="terms-heading" mb="md">
        {t('companies.admin.company.terms')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Select
          label={t('companies.admin.company.manager')}
          placeholder={t('companies.admin.company.noManager')}
          clearable
          searchable
          data={(managers.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.name} (${m.email})` }))}
          value={managerId}
          onChange={setManagerId}
          error={serverFieldError(save.error, 'managerId')}
        />
        <Select
          label={t('companies.admin.company.customerGroup')}
          placeholder={t('companies.admin.company.noGroup')}
          clearable
          data={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
          value={groupId}
          onChange={setGroupId}
          error={serverFieldError(save.error, 'customerGroupId')}
        />
        <NumberInput
          hideControls
          label={t('companies.admin.company.creditLimit')}
          min={0}
          decimalScale={2}
          thousandSeparator=" "
          value={limit}
          onChange={setLimit}
          error={serverFieldError(save.error, 'creditLimit') ? t('companies.validation.number') : undefined}
        />
      </SimpleGrid>
      <Group justify="flex-end" mt="md">
        <Button
          loading={save.isPending}
          onClick={() =>
            save.mutate(undefined, {
              onSuccess: () =>
                notifications.show({ color: 'teal', message: t('companies.admin.company.saved') }),
            })
          }
          data-testid="save-terms"
        >
          {t('companies.admin.company.save')}
        </Button>
      </Group>
    </Paper>
  );
}

function Members({ company }: { company: AdminCompany }) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  const format = useFormat();
  const members = useQuery(adminMembersQuery(company.id));
  const [inviting, setInviting] = useState(false);
  return (
    <section aria-labelledby="admin-members-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} id="admin-members-heading">
          {t('companies.admin.company.members')}
        </Title>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconUserPlus size={14} />}
          onClick={() => setInviting(true)}
        >
          {t('companies.admin.company.invite')}
        </Button>
      </Group>
      {members.isPending ? <ListSkeleton rows={2} /> : null}
      {members.isError ? <ErrorState error={members.error} onRetry={() => void members.refetch()} /> : null}
      {members.data && members.data.items.length === 0 && members.data.invitations.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('companies.admin.company.noMembers')}
        </Text>
      ) : null}
      {members.data && (members.data.items.length > 0 || members.data.invitations.length > 0) ? (
        <Paper withBorder className={classes.listPaper}>
          <ul className={classes.list} aria-label={t('companies.members.listLabel')}>
            {members.data.items.map((m) => (
              <li key={m.userId} className={classes.member} data-testid="admin-member-row">
                <div className={classes.memberBody}>
                  <Text fw={600} truncate>
                    {m.name}
                  </Text>
                  <Text size="sm" c="dimmed" truncate>
                    {m.email}
                  </Text>
                </div>
                <Badge variant="light">{roleLabel(m.roleName)}</Badge>
              </li>
            ))}
            {members.data.invitations.map((i) => (
              <li key={i.id} className={classes.member}>
                <div className={classes.memberBody}>
                  <Text fw={600} truncate>
                    {i.email}
                  </Text>
                  <Text size="sm" c={i.expired ? 'red' : 'dimmed'}>
                    {t('companies.invitations.title')} ·{' '}
                    {i.expired
                      ? t('companies.invitations.expired')
                      : t('companies.invitations.expires', { date: format.dateTime(i.expiresAt) })}
                  </Text>
                </div>
                <Badge variant="outline">{roleLabel(i.roleName)}</Badge>
              </li>
            ))}
          </ul>
        </Paper>
      ) : null}
      <InviteForm companyId={company.id} opened={inviting} onClose={() => setInviting(false)} />
    </section>
  );
}

function CompanyAdminView({ company }: { company: AdminCompany }) {
  const { t } = useTranslation();
  usePageTitle(company.name);
  const canManage = useQuery(sessionQuery).data?.permissions.includes('companies.manage') ?? false;
  const save = useAdminMutation((body: object) => adminWrite('PATCH', `/companies/${company.id}`, body));
  const decide = useAdminMutation((decision: 'approve' | 'reject') =>
    adminWrite('POST', `/companies/${company.id}/${decision}`),
  );
  const decided = (decision: 'approve' | 'reject') =>
    decide.mutate(decision, {
      onSuccess: () =>
        notifications.show({
          color: 'teal',
          message: t(
            decision === 'approve' ? 'companies.admin.company.approved' : 'companies.admin.company.rejected',
          ),
        }),
    });
  return (
    <div data-testid="admin-company-page">
      <PageHeader
        title={company.name}
        description={company.legalName}
        above={
          <Group gap="sm">
            <Anchor size="sm" renderRoot={(props) => <Link to="/admin/companies" {...props} />}>
              <Group gap={4}>
                <IconArrowLeft size={14} aria-hidden="true" />
                {t('companies.admin.company.back')}
              </Group>
            </Anchor>
            <Badge
              variant="light"
              color={company.status === 'active' ? 'teal' : 'orange'}
              data-testid="admin-company-status"
            >
              {t(`companies.status.${company.status}`)}
            </Badge>
          </Group>
        }
        actions={
          company.status === 'pending' && canManage ? (
            <>
              <Button
                color="teal"
                leftSection={<IconCheck size={16} />}
                loading={decide.isPending}
                onClick={() => decided('approve')}
              >
                {t('companies.admin.company.approve')}
              </Button>
              <Button
                variant="default"
                color="red"
                leftSection={<IconX size={16} />}
                loading={decide.isPending}
                onClick={() => decided('reject')}
              >
                {t('companies.admin.company.reject')}
              </Button>
            </>
          ) : null
        }
      />
      <Stack gap="xl">
        <Paper
          withBorder
          p={{ base: 'md', sm: 'lg' }}
          component="section"
          aria-labelledby="admin-details-heading"
        >
          <Title order={2} id="admin-details-heading" mb="md">
            {t('companies.details.title')}
          </Title>
          <DetailsForm
            key={company.id}
            initial={detailsValuesOf(company)}
            innEditable
            submitLabel={t('companies.admin.company.save')}
            pending={save.isPending}
            error={save.error}
            onSubmit={(values) =>
              save.mutate(detailsBody(values, true), {
                onSuccess: () =>
                  notifications.show({ color: 'teal', message: t('companies.admin.company.saved') }),
              })
            }
          />
        </Paper>
        <Terms company={company} />
        <Members company={company} />
        <AdminCompanyDocuments companyId={company.id} />
        <AdminCompanyFinance companyId={company.id} />
      </Stack>
    </div>
  );
}

/** Back office: one company — details, approval, manager, customer group, credit limit, members. */
export function CompanyAdminPage() {
  const { companyId } = route.useParams();
  const company = useQuery(adminCompanyQuery(companyId));
  if (company.isPending) return <ListSkeleton rows={6} />;
  if (isApiError(company.error, 401, 403)) return <AdminNoAccess />;
  if (company.isError)
    return <ErrorState error={company.error} titleOrder={1} onRetry={() => void company.refetch()} />;
  return <CompanyAdminView company={company.data} />;
}
