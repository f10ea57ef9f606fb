import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconFileInvoice } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useMe } from '../../app/contexts';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { day, lastFullQuarter, listQuery, money, type Reconciliation, recentQuarters } from './api';
import { ActProgress, StatusBadge } from './parts';

/** `/reconciliations`: the company's acts, or a choice of company when the person has several. */
export function ReconciliationsEntryPage() {
  const { t } = useTranslation();
  usePageTitle(t('reconciliations.title'));
  const me = useMe();
  if (me.isPending) return <ListSkeleton />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  const companies = me.data.contexts.companies;
  if (companies.length === 1 && companies[0])
    return <Navigate to="/orgs/$orgId/reconciliations" params={{ orgId: companies[0].id }} replace />;
  return (
    <>
      <PageHeader title={t('reconciliations.title')} />
      {companies.length === 0 ? (
        <StateMessage
          role="status"
          icon={<IconFileInvoice size={28} />}
          title={t('reconciliations.noCompany')}
        />
      ) : (
        <Stack>
          <Text>{t('reconciliations.pickCompany')}</Text>
          {companies.map((c) => (
            <Anchor key={c.id} component={Link} to={`/orgs/${c.id}/reconciliations`}>
              {c.name}
            </Anchor>
          ))}
        </Stack>
      )}
    </>
  );
}

/** The request form: a quarter (the last full one first) or a custom period. */
function RequestForm({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [mode, setMode] = useState<'quarter' | 'period'>('quarter');
  const [quarter, setQuarter] = useState(lastFullQuarter());
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const create = useMutation({
    mutationFn: () =>
      api<Reconciliation>(`/api/v1/orgs/${orgId}/finance/reconciliations`, {
        method: 'POST',
        json: mode === 'quarter' ? { quarter } : { from, to },
      }),
    onSuccess: async (act) => {
      await client.invalidateQueries({ queryKey: ['reconciliations', orgId] });
      await navigate({ to: '/orgs/$orgId/reconciliations/$id', params: { orgId, id: act.id } });
    },
  });
  return (
    <Card withBorder>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack>
          <SegmentedControl
            aria-label={t('reconciliations.periodKind')}
            value={mode}
            onChange={(v) => setMode(v as 'quarter' | 'period')}
            data={[
              { value: 'quarter', label: t('reconciliations.byQuarter') },
              { value: 'period', label: t('reconciliations.byPeriod') },
            ]}
          />
          {mode === 'quarter' ? (
            <Select
              label={t('reconciliations.quarter')}
              value={quarter}
              allowDeselect={false}
              onChange={(v) => v && setQuarter(v)}
              data={recentQuarters().map((q) => ({
                value: q,
                label: t('reconciliations.quarterLabel', { q: q.slice(6), year: q.slice(0, 4) }),
              }))}
            />
          ) : (
            <Group grow wrap="wrap">
              <TextInput
                type="date"
                label={t('reconciliations.from')}
                value={from}
                onChange={(e) => setFrom(e.currentTarget.value)}
                required
              />
              <TextInput
                type="date"
                label={t('reconciliations.to')}
                value={to}
                onChange={(e) => setTo(e.currentTarget.value)}
                required
              />
            </Group>
          )}
          {create.isError ? (
            <Alert color="red" role="alert">
              {create.error.message || t('reconciliations.failed')}
            </Alert>
          ) : null}
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('reconciliations.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** `/orgs/:orgId/reconciliations`: the company's acts with their statuses, and the request form. */
export function ReconciliationsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('reconciliations.title'));
  const { orgId } = useParams({ strict: false }) as { orgId: string };
  const list = useQuery(listQuery(orgId));
  let body: React.ReactNode;
  if (list.isPending) body = <ListSkeleton />;
  else if (list.isError) body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0)
    body = (
      <StateMessage role="status" icon={<IconFileInvoice size={28} />} title={t('reconciliations.empty')} />
    );
  else
    body = (
      <Stack>
        {list.data.items.map((a) => (
          <Card withBorder key={a.id} data-testid="act">
            <Group justify="space-between" wrap="wrap">
              <Anchor component={Link} to={`/orgs/${orgId}/reconciliations/${a.id}`} fw={600}>
                {t('reconciliations.period', {
                  from: day(a.from, i18n.language),
                  to: day(a.to, i18n.language),
                })}
              </Anchor>
              <StatusBadge status={a.status} />
            </Group>
            {a.closing !== null ? (
              <Text size="sm">
                {t('reconciliations.closing')}: {money(a.closing, i18n.language)}
              </Text>
            ) : null}
            <ActProgress act={a} />
          </Card>
        ))}
      </Stack>
    );
  return (
    <>
      <PageHeader title={t('reconciliations.title')} description={t('reconciliations.description')} />
      <Stack>
        <RequestForm orgId={orgId} />
        {body}
      </Stack>
    </>
  );
}
