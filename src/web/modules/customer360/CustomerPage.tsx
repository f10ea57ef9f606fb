import { Anchor, Select, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { PageSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { NoAccess } from '../backoffice/NoAccess';
import { customerOverviewQuery } from './api';
import { Customer360Panel } from './Customer360Panel';

/**
 * The back office's customer page, `/admin/support/customers/:personId`: the customer-360 panel full width,
 * with a switch between the person's companies (`?companyId=`, else the first one to begin with).
 */
export function CustomerPage() {
  const { t } = useTranslation();
  const { personId } = useParams({ strict: false }) as { personId: string };
  // The person's companies come from the overview without a company (cheap: no company sections).
  const base = useQuery(customerOverviewQuery(personId, null));
  // `?companyId=` opens the page on that company (a link from a request of that company).
  const search = useSearch({ strict: false }) as { companyId?: unknown };
  const [picked, setPicked] = useState<string | null>(
    typeof search.companyId === 'string' ? search.companyId : null,
  );
  usePageTitle(base.data?.person.name ?? t('customer360.pageTitle'));
  const back = (
    <Anchor size="sm" renderRoot={(props) => <Link to="/admin/support/reports" {...props} />}>
      {t('customer360.back')}
    </Anchor>
  );
  if (base.isPending) return <PageSkeleton />;
  if (base.isError) {
    if (isApiError(base.error, 401, 403)) return <NoAccess />;
    if (isApiError(base.error, 404))
      return <StateMessage icon="?" titleOrder={1} title={t('customer360.notFound')} />;
    return <ErrorState titleOrder={1} error={base.error} onRetry={() => void base.refetch()} />;
  }
  const companies = base.data.companies;
  const companyId = picked ?? companies[0]?.id ?? null;
  return (
    <Stack gap={0} maw={960}>
      <PageHeader
        above={back}
        title={base.data.person.name}
        description={t('customer360.title')}
        actions={
          companies.length > 1 ? (
            <Select
              label={t('customer360.company')}
              data={companies.map((c) => ({ value: c.id, label: c.name }))}
              value={companyId}
              onChange={(v) => setPicked(v)}
              allowDeselect={false}
              w={{ base: '100%', xs: 280 }}
            />
          ) : null
        }
      />
      <Customer360Panel personId={personId} companyId={companyId} />
    </Stack>
  );
}
