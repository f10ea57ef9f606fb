import { Alert, Anchor, Button, Card, Group, NumberInput, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { actQuery, day, type ReconciliationDetail } from './api';
import { ActProgress, LinesView, StatusBadge, Totals } from './parts';

interface DraftLine {
  comment: string;
  amount: number | '';
}

/** `/orgs/:orgId/reconciliations/:id`: progress while drawn up, then lines, totals, the PDF and the answer. */
export function ActPage() {
  const { t, i18n } = useTranslation();
  const { orgId, id } = useParams({ strict: false }) as { orgId: string; id: string };
  const client = useQueryClient();
  const act = useQuery(actQuery(orgId, id));
  const [disputing, setDisputing] = useState(false);
  const [draft, setDraft] = useState<Map<number, DraftLine>>(new Map());
  usePageTitle(t('reconciliations.actTitle'));
  const done = (data: ReconciliationDetail) => {
    client.setQueryData(actQuery(orgId, id).queryKey, data);
    void client.invalidateQueries({ queryKey: ['reconciliations', orgId], exact: true });
    setDisputing(false);
  };
  const confirm = useMutation({
    mutationFn: () =>
      api<ReconciliationDetail>(`/api/v1/orgs/${orgId}/finance/reconciliations/${id}/confirm`, {
        method: 'POST',
      }),
    onSuccess: done,
  });
  const dispute = useMutation({
    mutationFn: () =>
      api<ReconciliationDetail>(`/api/v1/orgs/${orgId}/finance/reconciliations/${id}/disputes`, {
        method: 'POST',
        json: {
          lines: [...draft].map(([lineId, d]) => ({
            lineId,
            comment: d.comment,
            ...(d.amount === '' ? {} : { theirAmount: Math.round(Number(d.amount) * 100) }),
          })),
        },
      }),
    onSuccess: done,
  });
  if (act.isPending) return <ListSkeleton />;
  if (act.isError) return <ErrorState error={act.error} onRetry={() => void act.refetch()} />;
  const a = act.data;
  const title = t('reconciliations.actPeriod', {
    from: day(a.from, i18n.language),
    to: day(a.to, i18n.language),
  });
  const toggle = (lineId: number) =>
    setDraft((prev) => {
      const next = new Map(prev);
      if (next.has(lineId)) next.delete(lineId);
      else next.set(lineId, { comment: '', amount: '' });
      return next;
    });
  const error = confirm.error ?? dispute.error;
  return (
    <>
      <PageHeader
        title={title}
        above={
          <Anchor component={Link} to={`/orgs/${orgId}/reconciliations`} size="sm">
            {t('reconciliations.back')}
          </Anchor>
        }
      />
      <Stack>
        <Group>
          <StatusBadge status={a.status} testId="act-page-status" />
          {a.documentUrl ? (
            <Button component="a" href={a.documentUrl} variant="light">
              {t('reconciliations.download')}
            </Button>
          ) : null}
        </Group>
        <ActProgress act={a} />
        {a.status === 'queued' || a.status === 'running' ? (
          <Text role="status">{t('reconciliations.running', { percent: a.progress })}</Text>
        ) : null}
        {a.status === 'failed' ? (
          <Alert color="red" role="alert" title={t('reconciliations.failed')}>
            {a.error}
          </Alert>
        ) : null}
        {a.status === 'resolved' && a.resolution ? <Alert color="teal">{a.resolution}</Alert> : null}
        {a.opening !== null ? (
          <>
            <Totals act={a} />
            <LinesView act={a} selectable={disputing} selected={new Set(draft.keys())} onToggle={toggle} />
          </>
        ) : null}
        {error ? (
          <Alert color="red" role="alert">
            {error.message}
          </Alert>
        ) : null}
        {a.status === 'ready' && !disputing ? (
          <Group>
            <Button onClick={() => confirm.mutate()} loading={confirm.isPending}>
              {t('reconciliations.confirm')}
            </Button>
            <Button variant="default" onClick={() => setDisputing(true)} disabled={a.lines.length === 0}>
              {t('reconciliations.dispute')}
            </Button>
          </Group>
        ) : null}
        {disputing ? (
          <Card withBorder>
            <Stack>
              <Text>{t('reconciliations.disputeHelp')}</Text>
              {[...draft].map(([lineId, d]) => (
                <Group key={lineId} align="flex-end" wrap="wrap">
                  <Textarea
                    label={t('reconciliations.comment', { n: lineId })}
                    value={d.comment}
                    required
                    autosize
                    style={{ flex: '1 1 16rem' }}
                    onChange={(e) => {
                      const comment = e.currentTarget.value;
                      setDraft((prev) => new Map(prev).set(lineId, { ...d, comment }));
                    }}
                  />
                  <NumberInput
                    label={t('reconciliations.theirAmount')}
                    value={d.amount}
                    min={0}
                    decimalScale={2}
                    decimalSeparator={i18n.language === 'ru' ? ',' : '.'}
                    style={{ flex: '0 1 12rem' }}
                    onChange={(v) =>
                      setDraft((prev) =>
                        new Map(prev).set(lineId, { ...d, amount: v === '' ? '' : Number(v) }),
                      )
                    }
                  />
                </Group>
              ))}
              <Group>
                <Button
                  onClick={() => dispute.mutate()}
                  loading={dispute.isPending}
                  disabled={draft.size === 0 || [...draft.values()].some((d) => !d.comment.trim())}
                >
                  {t('reconciliations.sendDispute')}
                </Button>
                <Button variant="subtle" onClick={() => setDisputing(false)}>
                  {t('reconciliations.cancel')}
                </Button>
              </Group>
            </Stack>
          </Card>
        ) : null}
      </Stack>
    </>
  );
}
