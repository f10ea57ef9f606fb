import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { type Claim, claimQuery, claimsQuery } from './api';

/** The company's claims, newest first. */
export function ClaimsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  usePageTitle(t('order-aftercare.claims.title'));
  const { orgId } = useParams({ strict: false }) as { orgId: string };
  const claims = useQuery(claimsQuery(orgId));
  let body: React.ReactNode;
  if (claims.isPending) body = <ListSkeleton />;
  else if (claims.isError) body = <ErrorState error={claims.error} onRetry={() => void claims.refetch()} />;
  else if (claims.data.items.length === 0)
    body = (
      <StateMessage
        role="status"
        icon={<IconAlertTriangle size={28} />}
        title={t('order-aftercare.claims.empty')}
      />
    );
  else
    body = (
      <Stack>
        {claims.data.items.map((c) => (
          <Card withBorder key={c.id} data-testid="claim">
            <Group justify="space-between" wrap="wrap">
              <Anchor component={Link} to={`/orgs/${orgId}/claims/${c.id}`} fw={600}>
                {c.number}
              </Anchor>
              <StatusBadge claim={c} />
            </Group>
            <Text size="sm">
              {f.dateTime(c.createdAt)} ·{' '}
              {t(`order-aftercare.claimKinds.${c.kind}` as 'order-aftercare.claimKinds.defect')}
            </Text>
          </Card>
        ))}
      </Stack>
    );
  return (
    <>
      <PageHeader title={t('order-aftercare.claims.title')} />
      {body}
    </>
  );
}

function StatusBadge({ claim }: { claim: Claim }) {
  const { t } = useTranslation();
  return (
    <Badge>
      {t(`order-aftercare.claimStatus.${claim.status}` as 'order-aftercare.claimStatus.submitted')}
    </Badge>
  );
}

/** One claim: what was filed, the files and the manager's answer. */
export function ClaimPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { orgId, claimId } = useParams({ strict: false }) as { orgId: string; claimId: string };
  const claim = useQuery(claimQuery(orgId, claimId));
  usePageTitle(claim.data?.number ?? t('order-aftercare.claims.title'));
  if (claim.isPending) return <ListSkeleton />;
  if (claim.isError) return <ErrorState error={claim.error} onRetry={() => void claim.refetch()} />;
  const c = claim.data;
  return (
    <>
      <PageHeader title={t('order-aftercare.claims.one', { number: c.number })} />
      <Stack maw={720}>
        <Group>
          <StatusBadge claim={c} />
          <Text size="sm">{f.dateTime(c.createdAt)}</Text>
        </Group>
        <Text>{t(`order-aftercare.claimKinds.${c.kind}` as 'order-aftercare.claimKinds.defect')}</Text>
        <Text>{c.description}</Text>
        {c.requestedResolution ? (
          <Text size="sm">
            {t('order-aftercare.claims.resolution')}: {c.requestedResolution}
          </Text>
        ) : null}
        <Text size="sm">{c.lines.map((l) => `${l.name} × ${l.quantity}`).join(', ')}</Text>
        <Group gap="xs">
          {c.attachments.map((a) => (
            <Anchor key={a.id} href={a.url} size="sm">
              {a.fileName}
            </Anchor>
          ))}
        </Group>
        <Card withBorder>
          <Text fw={600}>{t('order-aftercare.claims.answer')}</Text>
          <Text>{c.managerAnswer ?? t('order-aftercare.claims.noAnswer')}</Text>
        </Card>
      </Stack>
    </>
  );
}
