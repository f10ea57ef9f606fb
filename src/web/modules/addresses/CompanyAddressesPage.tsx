import { Anchor, Group, Stack } from '@mantine/core';
import { IconArrowLeft, IconLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { sessionQuery } from '../../app/portal';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { type Company, companyQuery } from '../companies/api';
import { CompanyNotFound, CompanySkeleton, SignInRequired } from '../companies/CompanyPage';
import { AddressBook } from './AddressBook';

const route = getRouteApi('/orgs/$orgId/addresses');

function CompanyAddresses({ company }: { company: Company }) {
  const { t } = useTranslation();
  usePageTitle(t('addresses.company.title'));
  const canRead = company.myPermissions.includes('addresses.read');
  return (
    <Stack gap={0} maw={820}>
      <PageHeader
        title={t('addresses.company.title')}
        description={t('addresses.company.description', { company: company.name })}
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
      />
      {canRead ? (
        <AddressBook
          book={{ kind: 'company', orgId: company.id }}
          canManage={company.myPermissions.includes('addresses.manage')}
        />
      ) : (
        <StateMessage
          color="gray"
          icon={<IconLock size={28} />}
          title={t('addresses.company.noAccess')}
          testId="addresses-no-access"
        />
      )}
    </Stack>
  );
}

/** A company's delivery addresses and consignees: buyers read them, admins and owners manage them. */
export function CompanyAddressesPage() {
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
  return <CompanyAddresses company={company.data} />;
}
