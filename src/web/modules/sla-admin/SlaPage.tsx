import { Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { NoAccess } from '../backoffice/NoAccess';
import { calendarQuery, groupsQuery, policiesQuery } from './api';
import { DaysSection } from './DaysSection';
import { HoursEditor } from './HoursEditor';
import { PoliciesSection } from './PoliciesSection';
import { PreviewCard } from './PreviewCard';

/** Back office: business hours, holidays and SLA targets, with a preview of the deadlines they give. */
export function SlaPage() {
  const { t } = useTranslation();
  usePageTitle(t('sla-admin.title'));
  const calendar = useQuery(calendarQuery);
  const policies = useQuery(policiesQuery);
  const groups = useQuery(groupsQuery);
  const failed = [calendar, policies, groups].find((q) => q.isError);
  let body: React.ReactNode;
  if (isApiError(failed?.error, 401, 403)) body = <NoAccess />;
  else if (failed) body = <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />;
  else if (!calendar.data || !policies.data || !groups.data) body = <ListSkeleton />;
  else
    body = (
      <Stack gap="xl">
        <PreviewCard groups={groups.data} timeZone={calendar.data.timeZone} />
        <HoursEditor calendar={calendar.data} />
        <DaysSection />
        <PoliciesSection policies={policies.data} groups={groups.data} />
      </Stack>
    );
  return (
    <>
      <PageHeader title={t('sla-admin.title')} />
      {body}
    </>
  );
}
