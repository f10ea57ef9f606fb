import {
  Avatar,
  Badge,
  Box,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconBuildingOff, IconLock, IconLogin, IconUsers } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useLocation } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { useRoleLabel } from '../../app/contexts';
import { sessionQuery } from '../../app/portal';
import { initials } from '../../ui/initials';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { type Company, type CompanyMember, companyMembersQuery, companyQuery } from './api';
import classes from './companies.module.css';

const route = getRouteApi('/orgs/$orgId');
const KINDS = ['client', 'partner', 'supplier'] as const;
type Kind = (typeof KINDS)[number];
const isKind = (kind: string): kind is Kind => (KINDS as readonly string[]).includes(kind);

function SignInRequired() {
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

function CompanyNotFound() {
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

function Requisites({ company }: { company: Company }) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  const notSet = (
    <Text span c="dimmed" inherit>
      {t('companies.card.notSet')}
    </Text>
  );
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="requisites-heading">
      <Title order={2} id="requisites-heading" mb="md">
        {t('companies.card.title')}
      </Title>
      {/* Two columns on a phone (long values span both), three from md. */}
      <SimpleGrid component="dl" cols={{ base: 2, md: 3 }} spacing="md" className={classes.details}>
        <Detail label={t('companies.card.legalName')} wide>
          {company.legalName}
        </Detail>
        <Detail label={t('companies.card.inn')}>
          <span className={classes.number}>{company.inn}</span>
        </Detail>
        <Detail label={t('companies.card.kpp')}>
          {company.kpp ? <span className={classes.number}>{company.kpp}</span> : notSet}
        </Detail>
        <Detail label={t('companies.card.ogrn')}>
          {company.ogrn ? <span className={classes.number}>{company.ogrn}</span> : notSet}
        </Detail>
        <Detail label={t('companies.card.legalAddress')} wide>
          {company.legalAddress ?? notSet}
        </Detail>
        <Detail label={t('companies.card.myRole')}>
          <span data-testid="company-my-role">{roleLabel(company.myRole)}</span>
        </Detail>
      </SimpleGrid>
    </Paper>
  );
}

function MemberRow({ member, isMe }: { member: CompanyMember; isMe: boolean }) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  const role = (
    <Badge variant="light" className={classes.noShrink}>
      {roleLabel(member.role)}
    </Badge>
  );
  return (
    <li className={classes.member} data-testid="member-row">
      <Avatar radius="xl" size={38} color="brand" variant="light" aria-hidden="true">
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
        {/* On a phone the role goes under the name, leaving the name the full width. */}
        <Box hiddenFrom="xs" mt={4}>
          {role}
        </Box>
      </div>
      <Box visibleFrom="xs">{role}</Box>
    </li>
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
  // The person's role decides whether the list is theirs to see; ask only when it is.
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
          <MemberRow key={member.userId} member={member} isMe={member.userId === myId} />
        ))}
      </ul>
    </Paper>
  );
}

function CompanyView({ company }: { company: Company }) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
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
            <Badge variant="light" size="sm">
              {t('companies.myRole', { role: roleLabel(company.myRole) })}
            </Badge>
          </Group>
        }
      />
      <Stack gap="xl">
        <Requisites company={company} />
        <Box component="section" aria-labelledby="members-heading">
          <Title order={2} id="members-heading">
            {t('companies.members.title')}
          </Title>
          <Text c="dimmed" size="sm" mt={4} mb="md">
            {t('companies.members.lead')}
          </Text>
          <MembersList company={company} />
        </Box>
      </Stack>
    </div>
  );
}

function CompanySkeleton() {
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
