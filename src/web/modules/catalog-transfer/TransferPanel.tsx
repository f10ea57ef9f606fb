import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState } from '../../ui/StatusState';
import {
  applyImport,
  errorReportUrl,
  isRunning,
  type Transfer,
  type TransferChange,
  transferQuery,
} from './api';
import { StatusBadge } from './StatusBadge';
import { useValueFormat } from './useValueFormat';

interface TransferPanelProps {
  id: string;
  onClose: () => void;
}

/** One import or export as it runs: progress, counts, the outcome, changes and problems, and the next step. */
export function TransferPanel({ id, onClose }: TransferPanelProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ru';
  const query = useQuery(transferQuery(id, lang));
  const client = useQueryClient();
  const apply = useMutation({
    mutationFn: (mode: 'all' | 'valid') => applyImport(id, mode, lang),
    onSuccess: (transfer) => {
      client.setQueryData(transferQuery(id, lang).queryKey, transfer);
      void client.invalidateQueries({ queryKey: ['catalog-transfer', 'history'] });
    },
  });

  if (query.isPending) return <ListSkeleton />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const transfer = query.data;
  const running = isRunning(transfer);

  return (
    <Paper withBorder p="md" data-testid="transfer-panel" aria-busy={running}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Title order={2} size="h3" style={{ overflowWrap: 'anywhere' }}>
              {transfer.fileName}
            </Title>
            <Group gap="xs">
              <Badge variant="light" color="gray">
                {t(`catalog-transfer.kind.${transfer.kind}`)}
              </Badge>
              <StatusBadge status={transfer.status} />
            </Group>
          </Stack>
          <Button
            variant="subtle"
            color="gray"
            size="compact-sm"
            onClick={onClose}
            leftSection={<IconX size={14} />}
          >
            {t('catalog-transfer.result.close')}
          </Button>
        </Group>
        <Stack gap={4}>
          <Progress
            value={transfer.progress}
            size="lg"
            striped={running}
            animated={running}
            color={transfer.status === 'failed' ? 'red' : undefined}
            aria-label={t('catalog-transfer.progressLabel', {
              status: t(`catalog-transfer.status.${transfer.status}`),
            })}
            data-testid="transfer-progress"
          />
          <Text size="sm" c="dimmed" aria-live="polite">
            {t(`catalog-transfer.status.${transfer.status}`)} · {transfer.progress}%
          </Text>
        </Stack>
        {transfer.direction === 'import' ? <Counts transfer={transfer} /> : null}
        <Outcome transfer={transfer} />
        {apply.isError ? (
          <Alert color="red" title={t('catalog-transfer.result.applyFailed')} role="alert">
            {apply.error instanceof Error ? apply.error.message : null}
          </Alert>
        ) : null}
        {transfer.status === 'validated' ? (
          <Group gap="xs">
            {transfer.errorCount === 0 &&
            (transfer.counts.create ?? 0) + (transfer.counts.update ?? 0) > 0 ? (
              <Button
                loading={apply.isPending}
                onClick={() => apply.mutate('all')}
                leftSection={<IconCheck size={16} />}
              >
                {t('catalog-transfer.result.apply')}
              </Button>
            ) : null}
            {transfer.errorCount > 0 && (transfer.counts.valid ?? 0) > 0 ? (
              <Button loading={apply.isPending} variant="light" onClick={() => apply.mutate('valid')}>
                {t('catalog-transfer.result.applyValid')}
              </Button>
            ) : null}
          </Group>
        ) : null}
        {transfer.preview && transfer.preview.length > 0 ? <Changes transfer={transfer} /> : null}
        {transfer.errors && transfer.errors.length > 0 ? <Errors transfer={transfer} lang={lang} /> : null}
      </Stack>
    </Paper>
  );
}

function Counts({ transfer }: { transfer: Transfer }) {
  const { t } = useTranslation();
  const { number } = useValueFormat();
  const keys = ['rows', 'valid', 'invalid', 'create', 'update', 'unchanged'] as const;
  if (transfer.counts.rows === undefined) return null;
  return (
    <SimpleGrid cols={{ base: 3, sm: 6 }} spacing="xs" data-testid="transfer-counts">
      {keys.map((key) => (
        <Stack key={key} gap={0}>
          <Text size="xs" c="dimmed">
            {t(`catalog-transfer.counts.${key}`)}
          </Text>
          <Text fw={600} c={key === 'invalid' && (transfer.counts[key] ?? 0) > 0 ? 'red.8' : undefined}>
            {number(transfer.counts[key] ?? 0)}
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}

function Outcome({ transfer }: { transfer: Transfer }) {
  const { t } = useTranslation();
  const counts = { create: transfer.counts.create ?? 0, update: transfer.counts.update ?? 0 };
  if (transfer.message) {
    return (
      <Alert
        color={transfer.status === 'failed' ? 'red' : 'yellow'}
        icon={<IconAlertTriangle size={18} />}
        role="alert"
      >
        {transfer.message}
      </Alert>
    );
  }
  if (transfer.direction !== 'import') return null;
  if (transfer.status === 'done') {
    return (
      <Alert color="teal" icon={<IconCheck size={18} />} data-testid="transfer-done">
        {t(
          transfer.applyMode === 'valid'
            ? 'catalog-transfer.result.doneValid'
            : 'catalog-transfer.result.done',
          counts,
        )}
      </Alert>
    );
  }
  if (transfer.status !== 'validated') return null;
  if (transfer.errorCount > 0) {
    return (
      <Alert color="yellow" icon={<IconAlertTriangle size={18} />}>
        {t('catalog-transfer.result.checkedErrors', { count: transfer.errorCount })}
      </Alert>
    );
  }
  return (
    <Alert color="teal" icon={<IconCheck size={18} />}>
      {counts.create + counts.update > 0
        ? t('catalog-transfer.result.checkedOk')
        : t('catalog-transfer.result.nothingToChange')}
    </Alert>
  );
}

function Changes({ transfer }: { transfer: Transfer }) {
  const { t } = useTranslation();
  const { value } = useValueFormat();
  const where = (c: TransferChange) =>
    [c.target, c.minQty && c.minQty !== 1 ? t('catalog-transfer.result.fromQty', { qty: c.minQty }) : null]
      .filter(Boolean)
      .join(', ');
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('catalog-transfer.result.changes')}
      </Title>
      {/* A native, focusable scroll box: on a phone the table scrolls sideways and keyboards must reach it. */}
      <Table.ScrollContainer
        minWidth={420}
        type="native"
        tabIndex={0}
        role="region"
        aria-label={t('catalog-transfer.result.changesCaption')}
      >
        <Table striped data-testid="transfer-changes">
          <Table.Caption>{t('catalog-transfer.result.changesCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('catalog-transfer.result.row')}</Table.Th>
              <Table.Th>{t('catalog-transfer.result.sku')}</Table.Th>
              {transfer.kind === 'products' ? null : (
                <Table.Th>{t('catalog-transfer.result.target')}</Table.Th>
              )}
              <Table.Th>{t('catalog-transfer.result.before')}</Table.Th>
              <Table.Th>{t('catalog-transfer.result.after')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(transfer.preview ?? []).map((c) => (
              <Table.Tr key={`${c.row}-${c.sku}`}>
                <Table.Td>{c.row}</Table.Td>
                <Table.Td>{c.sku}</Table.Td>
                {transfer.kind === 'products' ? null : <Table.Td>{where(c)}</Table.Td>}
                <Table.Td>
                  {c.before === null ? t('catalog-transfer.result.new') : value(transfer.kind, c.before)}
                </Table.Td>
                <Table.Td>
                  {value(transfer.kind, c.after)}
                  {c.fields?.length ? (
                    <Text size="xs" c="dimmed">
                      {t('catalog-transfer.result.changedFields', { fields: c.fields.join(', ') })}
                    </Text>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function Errors({ transfer, lang }: { transfer: Transfer; lang: string }) {
  const { t } = useTranslation();
  const shown = transfer.errors?.length ?? 0;
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('catalog-transfer.result.errors')}
      </Title>
      {shown < transfer.errorCount ? (
        <Text size="sm">
          {t('catalog-transfer.result.errorsShown', { shown, total: transfer.errorCount })}
        </Text>
      ) : null}
      <Group gap="xs">
        <Text size="sm">{t('catalog-transfer.result.report')}</Text>
        <Anchor size="sm" href={errorReportUrl(transfer.id, 'xlsx', lang)} download>
          XLSX
        </Anchor>
        <Anchor size="sm" href={errorReportUrl(transfer.id, 'csv', lang)} download>
          CSV
        </Anchor>
      </Group>
      <Table.ScrollContainer
        minWidth={320}
        type="native"
        tabIndex={0}
        role="region"
        aria-label={t('catalog-transfer.result.errorsCaption')}
      >
        <Table striped data-testid="transfer-errors">
          <Table.Caption>{t('catalog-transfer.result.errorsCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('catalog-transfer.result.row')}</Table.Th>
              <Table.Th>{t('catalog-transfer.result.column')}</Table.Th>
              <Table.Th>{t('catalog-transfer.result.message')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(transfer.errors ?? []).map((e) => (
              <Table.Tr key={`${e.row}-${e.column}-${e.code}`}>
                <Table.Td>{e.row}</Table.Td>
                <Table.Td>{e.column ?? '—'}</Table.Td>
                <Table.Td>{e.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
