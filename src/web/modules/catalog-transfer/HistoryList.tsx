import { Anchor, Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { IconDownload, IconFileExport, IconFileImport, IconHistory } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { exportFileUrl, historyQuery, isRunning } from './api';
import { StatusBadge } from './StatusBadge';

/** Recent imports and exports: status, progress while running, a download for finished exports. */
export function HistoryList({ lang, onOpen }: { lang: string; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useQuery(historyQuery(lang));
  if (query.isPending) return <ListSkeleton />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.items.length === 0) {
    return (
      <StateMessage
        role="status"
        testId="history-empty"
        icon={<IconHistory size={28} />}
        title={t('catalog-transfer.history.empty')}
        description={t('catalog-transfer.history.emptyHint')}
        titleOrder={3}
      />
    );
  }
  return (
    <Stack
      gap="xs"
      component="ul"
      p={0}
      m={0}
      aria-label={t('catalog-transfer.history.listLabel')}
      style={{ listStyle: 'none' }}
    >
      {query.data.items.map((item) => (
        <Paper key={item.id} withBorder p="sm" component="li" data-testid="history-item">
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Group gap="xs" wrap="nowrap" style={{ minWidth: 0, flex: '1 1 14rem' }}>
              {item.direction === 'import' ? (
                <IconFileImport size={20} aria-hidden="true" />
              ) : (
                <IconFileExport size={20} aria-hidden="true" />
              )}
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text fw={500} size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {t(`catalog-transfer.history.${item.direction}`)} ·{' '}
                  {t(`catalog-transfer.kind.${item.kind}`)} · {item.fileName}
                </Text>
                <Text size="xs" c="dimmed">
                  {format.dateTime(item.createdAt)}
                  {item.createdBy.name
                    ? ` · ${t('catalog-transfer.history.by', { name: item.createdBy.name })}`
                    : ''}
                </Text>
              </Stack>
            </Group>
            <Group gap="xs">
              <StatusBadge status={item.status} />
              {item.direction === 'export' && item.status === 'done' ? (
                <Button
                  component="a"
                  href={exportFileUrl(item.id)}
                  download
                  size="compact-sm"
                  variant="light"
                  leftSection={<IconDownload size={14} />}
                >
                  {t('catalog-transfer.history.download')}
                </Button>
              ) : null}
              {item.direction === 'import' ? (
                <Anchor component="button" type="button" size="sm" onClick={() => onOpen(item.id)}>
                  {t('catalog-transfer.history.open')}
                </Anchor>
              ) : null}
            </Group>
          </Group>
          {isRunning(item) ? (
            <Progress
              mt="xs"
              value={item.progress}
              size="sm"
              striped
              animated
              aria-label={t('catalog-transfer.progressLabel', {
                status: t(`catalog-transfer.status.${item.status}`),
              })}
            />
          ) : null}
        </Paper>
      ))}
    </Stack>
  );
}
