import { Alert, Anchor, Button, Card, Group, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { IconFileInvoice } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { adminActQuery, day, disputedQuery, type ReconciliationDetail } from './api';
import { LinesView, StatusBadge, Totals } from './parts';

/** `/admin/reconciliations`: acts companies disputed, to answer. */
export function AdminReconciliationsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('reconciliations.admin.title'));
  const list = useQuery(disputedQuery);
  let body: React.ReactNode;
  if (list.isPending) body = <ListSkeleton />;
  else if (list.isError) body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0)
    body = (
      <StateMessage
        role="status"
        icon={<IconFileInvoice size={28} />}
        title={t('reconciliations.admin.empty')}
      />
    );
  else
    body = (
      <Stack>
        {list.data.items.map((a) => (
          <Card withBorder key={a.id}>
            <Group justify="space-between" wrap="wrap">
              <Anchor component={Link} to={`/admin/reconciliations/${a.id}`} fw={600}>
                {t('reconciliations.period', {
                  from: day(a.from, i18n.language),
                  to: day(a.to, i18n.language),
                })}
              </Anchor>
              <StatusBadge status={a.status} />
            </Group>
          </Card>
        ))}
      </Stack>
    );
  return (
    <>
      <PageHeader title={t('reconciliations.admin.title')} />
      {body}
    </>
  );
}

/** `/admin/reconciliations/:id`: the disputed lines with an answer for each. */
export function AdminActPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams({ strict: false }) as { id: string };
  const client = useQueryClient();
  const act = useQuery(adminActQuery(id));
  const [answers, setAnswers] = useState<
    Record<number, { answer: 'resolved' | 'rejected'; comment: string }>
  >({});
  usePageTitle(t('reconciliations.actTitle'));
  const resolve = useMutation({
    mutationFn: () =>
      api<ReconciliationDetail>(`/api/v1/admin/reconciliations/${id}/resolve`, {
        method: 'POST',
        json: { answers: Object.entries(answers).map(([lineId, a]) => ({ lineId: Number(lineId), ...a })) },
      }),
    onSuccess: (data) => {
      client.setQueryData(adminActQuery(id).queryKey, data);
      void client.invalidateQueries({ queryKey: disputedQuery.queryKey });
    },
  });
  if (act.isPending) return <ListSkeleton />;
  if (act.isError) return <ErrorState error={act.error} onRetry={() => void act.refetch()} />;
  const a = act.data;
  const open = a.status === 'disputed';
  return (
    <>
      <PageHeader
        title={t('reconciliations.actPeriod', {
          from: day(a.from, i18n.language),
          to: day(a.to, i18n.language),
        })}
        above={
          <Anchor component={Link} to="/admin/reconciliations" size="sm">
            {t('reconciliations.admin.back')}
          </Anchor>
        }
      />
      <Stack>
        <StatusBadge status={a.status} />
        <Totals act={a} />
        <LinesView act={a} />
        {open ? (
          <Card withBorder>
            <Stack>
              {a.disputes.map((d) => {
                const current = answers[d.lineId] ?? { answer: 'resolved' as const, comment: '' };
                const set = (next: Partial<typeof current>) =>
                  setAnswers((prev) => ({ ...prev, [d.lineId]: { ...current, ...next } }));
                return (
                  <Stack key={d.lineId} gap="xs">
                    <Text fw={600}>
                      {t('reconciliations.admin.line', { n: d.lineId, comment: d.comment })}
                    </Text>
                    <SegmentedControl
                      aria-label={t('reconciliations.admin.answer', { n: d.lineId })}
                      value={current.answer}
                      onChange={(v) => set({ answer: v as 'resolved' | 'rejected' })}
                      data={[
                        { value: 'resolved', label: t('reconciliations.answer.resolved') },
                        { value: 'rejected', label: t('reconciliations.answer.rejected') },
                      ]}
                    />
                    <Textarea
                      label={t('reconciliations.admin.comment', { n: d.lineId })}
                      value={current.comment}
                      onChange={(e) => set({ comment: e.currentTarget.value })}
                      autosize
                    />
                  </Stack>
                );
              })}
              {resolve.isError ? (
                <Alert color="red" role="alert">
                  {resolve.error.message}
                </Alert>
              ) : null}
              <Group>
                <Button
                  onClick={() => resolve.mutate()}
                  loading={resolve.isPending}
                  disabled={a.disputes.some((d) => !answers[d.lineId]?.comment.trim())}
                >
                  {t('reconciliations.admin.resolve')}
                </Button>
              </Group>
            </Stack>
          </Card>
        ) : null}
      </Stack>
    </>
  );
}
