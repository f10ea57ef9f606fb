import { Badge, Button, Group, Modal, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconBuildingOff,
  IconEdit,
  IconFileCertificate,
  IconLogin,
  IconMapPin,
  IconShieldLock,
} from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useLocation, useNavigate } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { useRoleLabel } from '../../app/contexts';
import { resetSessionQueries, sessionQuery } from '../../app/portal';
import { useFormat } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { type Company, companyQuery, orgWrite, useOrgMutation } from './api';
import { BankAccounts } from './BankAccounts';
import classes from './companies.module.css';
import { DetailsForm, detailsBody, detailsValuesOf } from './DetailsForm';
import { MembersSection } from './MembersSection';

const route = getRouteApi('/orgs/$orgId');
const KINDS = ['client', 'partner', 'supplier'] as const;
type Kind = (typeof KINDS)[number];
const isKind = (kind: string): kind is Kind => (KINDS as readonly string[]).includes(kind);

export function SignInRequired() {
  const { t } = useTranslation();
  const { href } = useLocation();
  return (
    <StateMessage
      testId="company-sign-in"
      titleOrder={1}
      icon={<IconLogin size={28} />}
      title={t('companies.signInRequired.title')}
      description={t('companies.signInRequired.description')}
      actions={
        <Button
          leftSection={<IconLogin size={16} />}
          renderRoot={(props) => <Link to="/sign-in" search={{ redirect: href }} {...props} />}
        >
          {t('shell.user.signIn')}
        </Button>
      }
    />
  );
}

export function CompanyNotFound() {
  const { t } = useTranslation();
  usePageTitle(t('companies.notFound.title'));
  return (
    <StateMessage
      testId="company-not-found"
      titleOrder={1}
      icon={<IconBuildingOff size={28} />}
      title={t('companies.notFound.title')}
      description={t('companies.notFound.description')}
      actions={
        <Button variant="default" renderRoot={(props) => <Link to="/" {...props} />}>
          {t('notFound.home')}
        </Button>
      }
    />
  );
}

function Detail({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={classes.detail} data-wide={wide || undefined}>
      <dt className={classes.detailLabel}>{label}</dt>
      <dd className={classes.detailValue}>{children}</dd>
    </div>
  );
}

function EditDetails({
  company,
  opened,
  onClose,
}: {
  company: Company;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useOrgMutation(company.id, (body: ReturnType<typeof detailsBody>) =>
    orgWrite(company.id, 'PATCH', '', body),
  );
  const close = () => {
    save.reset();
    onClose();
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={opened}
      onClose={close}
      title={t('companies.details.title')}
      size="lg"
    >
      {opened ? (
        <DetailsForm
          initial={detailsValuesOf(company)}
          innEditable={false}
          submitLabel={t('companies.details.save')}
          pending={save.isPending}
          error={save.error}
          onCancel={close}
          onSubmit={(values) =>
            save.mutate(detailsBody(values, false), {
              onSuccess: () => {
                notifications.show({ color: 'teal', message: t('companies.details.saved') });
                close();
              },
            })
          }
        />
      ) : null}
    </Modal>
  );
}

function Requisites({ company }: { company: Company }) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  const format = useFormat();
  const [editing, setEditing] = useState(false);
  const notSet = (
    <Text span c="dimmed" inherit>
      {t('companies.card.notSet')}
    </Text>
  );
  const number = (value: string | null) => (value ? <span className={classes.number}>{value}</span> : notSet);
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="requisites-heading">
      <Group justify="space-between" mb="md" gap="xs">
        <Title order={2} id="requisites-heading">
          {t('companies.card.title')}
        </Title>
        {company.myPermissions.includes('company.manage') ? (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconEdit size={14} />}
            onClick={() => setEditing(true)}
            data-testid="edit-details"
          >
            {t('companies.card.edit')}
          </Button>
        ) : null}
      </Group>
      {/* Two columns on a phone (long values span both), three from md. */}
      <SimpleGrid component="dl" cols={{ base: 2, md: 3 }} spacing="md" className={classes.details}>
        <Detail label={t('companies.card.legalName')} wide>
          {company.legalName}
        </Detail>
        <Detail label={t('companies.card.inn')}>{number(company.inn)}</Detail>
        <Detail label={t('companies.card.kpp')}>{number(company.kpp)}</Detail>
        <Detail label={t('companies.card.ogrn')}>{number(company.ogrn)}</Detail>
        <Detail label={t('companies.card.legalAddress')} wide>
          {company.legalAddress ?? notSet}
        </Detail>
        <Detail label={t('companies.card.postalAddress')} wide>
          {company.postalAddress ?? notSet}
        </Detail>
        <Detail label={t('companies.card.myRole')}>
          <span data-testid="company-my-role">{roleLabel(company.myRole)}</span>
        </Detail>
        {company.manager ? (
          <Detail label={t('companies.card.manager')} wide>
            {company.manager.name} · {company.manager.email}
          </Detail>
        ) : null}
        {company.customerGroup ? (
          <Detail label={t('companies.card.customerGroup')}>{company.customerGroup.name}</Detail>
        ) : null}
        {company.creditLimit !== null ? (
          <Detail label={t('companies.card.creditLimit')}>
            {format.number(company.creditLimit / 100)} ₽
          </Detail>
        ) : null}
      </SimpleGrid>
      <EditDetails company={company} opened={editing} onClose={() => setEditing(false)} />
    </Paper>
  );
}

function CompanyView({ company }: { company: Company }) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  const client = useQueryClient();
  const navigate = useNavigate();
  usePageTitle(company.name);
  return (
    <div data-testid="company-page">
      <PageHeader
        title={company.name}
        description={company.legalName}
        above={
          <Group gap={6}>
            {company.kinds.map((kind) => (
              <Badge key={kind} variant="light" color="gray" size="sm">
                {isKind(kind) ? t(`companies.kinds.${kind}`) : kind}
              </Badge>
            ))}
            {company.status !== 'active' ? (
              <Badge variant="light" color="orange" size="sm">
                {t(`companies.status.${company.status}`)}
              </Badge>
            ) : null}
            <Badge variant="light" size="sm">
              {t('companies.myRole', { role: roleLabel(company.myRole) })}
            </Badge>
          </Group>
        }
        actions={
          <>
            {company.myPermissions.includes('addresses.read') ? (
              <Button
                variant="default"
                leftSection={<IconMapPin size={16} />}
                renderRoot={(props) => (
                  <Link to="/orgs/$orgId/addresses" params={{ orgId: company.id }} {...props} />
                )}
              >
                {t('companies.tabs.addresses')}
              </Button>
            ) : null}
            {company.myPermissions.includes('agreements.read') ? (
              <Button
                variant="default"
                leftSection={<IconFileCertificate size={16} />}
                renderRoot={(props) => <Link to={`/orgs/${company.id}/agreements`} {...props} />}
              >
                {t('companies.tabs.agreements')}
              </Button>
            ) : null}
            {company.myPermissions.includes('members.read') ? (
              <Button
                variant="default"
                leftSection={<IconShieldLock size={16} />}
                renderRoot={(props) => (
                  <Link to="/orgs/$orgId/roles" params={{ orgId: company.id }} {...props} />
                )}
              >
                {t('companies.tabs.roles')}
              </Button>
            ) : null}
          </>
        }
      />
      <Stack gap="xl">
        <Requisites company={company} />
        <BankAccounts company={company} />
        <MembersSection
          company={company}
          onLeft={() => {
            void resetSessionQueries(client);
            void navigate({ to: '/' });
          }}
        />
      </Stack>
    </div>
  );
}

export function CompanySkeleton() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" role="status" aria-busy="true" aria-label={t('common.loading')}>
      <Skeleton height={28} width="45%" radius="xl" />
      <Skeleton height={12} width="30%" radius="xl" />
      <Skeleton height={180} radius="lg" />
      <Skeleton height={220} radius="lg" />
    </Stack>
  );
}

/** The company cabinet's home: the company card, my role and the members (when my role may see them). */
export function CompanyPage() {
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
  return <CompanyView company={company.data} />;
}
