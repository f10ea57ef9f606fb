import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconFileExport } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { usePageTitle } from '../../ui/usePageTitle';
import { kinds, startExport, type TransferFormat, type TransferKind, templateUrl, uploadImport } from './api';
import { HistoryList } from './HistoryList';
import { TransferPanel } from './TransferPanel';
import { UploadZone } from './UploadZone';

/** Back office: upload a file of products, prices or stock, watch it being checked and applied; export. */
export function CatalogTransferPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('catalog-transfer.title'));
  const lang = i18n.language === 'en' ? 'en' : 'ru';
  const client = useQueryClient();
  const [kind, setKind] = useState<TransferKind>('prices');
  const [exportKind, setExportKind] = useState<TransferKind>('prices');
  const [current, setCurrent] = useState<string | null>(null);
  const refreshHistory = () => client.invalidateQueries({ queryKey: ['catalog-transfer', 'history'] });

  const upload = useMutation({
    mutationFn: (file: File) => uploadImport(kind, file, lang),
    onSuccess: (transfer) => {
      setCurrent(transfer.id);
      void refreshHistory();
    },
  });
  const exporting = useMutation({
    mutationFn: (format: TransferFormat) => startExport(exportKind, format, lang),
    onSuccess: () => void refreshHistory(),
  });
  const kindOptions = kinds.map((k) => ({ value: k, label: t(`catalog-transfer.kind.${k}`) }));

  let uploadProblem: string | null = null;
  if (upload.error instanceof ApiError) {
    if (upload.error.status === 415) uploadProblem = t('catalog-transfer.import.wrongType');
    else if (upload.error.status === 413) uploadProblem = t('catalog-transfer.import.tooBig');
    else uploadProblem = upload.error.detail ?? upload.error.message;
  }

  return (
    <>
      <PageHeader title={t('catalog-transfer.title')} description={t('catalog-transfer.description')} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" mb="md">
        <Paper withBorder p="md" component="section" aria-labelledby="import-title">
          <Stack gap="sm">
            <Title order={2} size="h3" id="import-title">
              {t('catalog-transfer.import.title')}
            </Title>
            <SegmentedControl
              fullWidth
              aria-label={t('catalog-transfer.kind.label')}
              value={kind}
              onChange={(value) => setKind(value as TransferKind)}
              data={kindOptions}
            />
            <UploadZone busy={upload.isPending} onFile={(file) => upload.mutate(file)} />
            {uploadProblem ? (
              <Alert color="red" title={t('catalog-transfer.import.uploadFailed')} role="alert">
                {uploadProblem}
              </Alert>
            ) : null}
            <Group gap="xs">
              <Text size="sm">{t('catalog-transfer.import.templates')}</Text>
              <Anchor size="sm" href={templateUrl(kind, 'xlsx')} download>
                XLSX
              </Anchor>
              <Anchor size="sm" href={templateUrl(kind, 'csv')} download>
                CSV
              </Anchor>
            </Group>
          </Stack>
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="export-title">
          <Stack gap="sm">
            <Title order={2} size="h3" id="export-title">
              {t('catalog-transfer.export.title')}
            </Title>
            <SegmentedControl
              fullWidth
              aria-label={t('catalog-transfer.kind.label')}
              value={exportKind}
              onChange={(value) => setExportKind(value as TransferKind)}
              data={kindOptions}
            />
            <Text size="sm" c="dimmed">
              {t('catalog-transfer.export.hint')}
            </Text>
            <Group gap="xs">
              {(['xlsx', 'csv'] as const).map((format) => (
                <Button
                  key={format}
                  variant="light"
                  leftSection={<IconFileExport size={16} />}
                  loading={exporting.isPending && exporting.variables === format}
                  onClick={() => exporting.mutate(format)}
                >
                  {t(`catalog-transfer.export.${format}`)}
                </Button>
              ))}
            </Group>
            {exporting.isError ? (
              <Alert color="red" role="alert">
                {t('catalog-transfer.export.failed')}
              </Alert>
            ) : null}
          </Stack>
        </Paper>
      </SimpleGrid>
      {current ? (
        <Stack mb="md">
          <TransferPanel id={current} onClose={() => setCurrent(null)} />
        </Stack>
      ) : null}
      <Title order={2} size="h3" mb="sm">
        {t('catalog-transfer.history.title')}
      </Title>
      <HistoryList lang={lang} onOpen={setCurrent} />
    </>
  );
}
