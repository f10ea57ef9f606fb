import { Button, Group, List, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { ErrorState } from '../../ui/StatusState';
import { recompute, recoStatusQuery } from './api';

/** The recommendations job: its last run, its settings, and «recompute now». */
export function RecommendationsTab() {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const query = useQuery({
    ...recoStatusQuery,
    refetchInterval: (q) => (q.state.data?.queued ? 3000 : false),
  });
  const run = useMutation({
    mutationFn: recompute,
    onSuccess: (data) => client.setQueryData(recoStatusQuery.queryKey, data),
  });
  if (query.isPending) return <Skeleton h={120} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  const { lastRun, queued, settings } = query.data;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm" data-testid="reco-status">
        {lastRun ? (
          <List spacing={4} size="sm">
            <List.Item>
              {t('offers.admin.reco.lastRun', {
                at: format.dateTime(lastRun.finishedAt),
                ms: lastRun.durationMs,
              })}
            </List.Item>
            <List.Item>{t('offers.admin.reco.buyAgainRows', { count: lastRun.buyAgainRows })}</List.Item>
            <List.Item>{t('offers.admin.reco.pairRows', { count: lastRun.boughtTogetherRows })}</List.Item>
          </List>
        ) : (
          <Text size="sm" c="dimmed" role="status">
            {t('offers.admin.reco.never')}
          </Text>
        )}
        <Text size="sm" c="dimmed">
          {t('offers.admin.reco.settings', settings)}
        </Text>
        <Group>
          <Button
            leftSection={<IconRefresh size={16} aria-hidden="true" />}
            onClick={() => run.mutate()}
            loading={run.isPending}
            disabled={queued}
          >
            {queued ? t('offers.admin.reco.queued') : t('offers.admin.reco.run')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
