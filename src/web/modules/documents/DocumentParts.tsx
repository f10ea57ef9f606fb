import { Badge, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconDownload, IconExternalLink } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type CompanyDocument, type DocumentStatus, fileUrl, formatDay } from './api';

const statusColor: Record<DocumentStatus, string> = { issued: 'blue', paid: 'green', cancelled: 'gray' };

/** Matches Mantine's `sm` breakpoint, as the shell's phone layout does. */
export const PHONE_QUERY = '(max-width: 47.99em)';
export const useIsPhone = () => useMediaQuery(PHONE_QUERY, false, { getInitialValueInEffect: false });

export function StatusBadge({ status }: { status: DocumentStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={statusColor[status]} data-testid="document-status">
      {t(`documents.status.${status}`)}
    </Badge>
  );
}

/** "Счёт на оплату № 12" in the UI language. */
export function useDocumentTitle() {
  const { t } = useTranslation();
  return (doc: CompanyDocument) =>
    t('documents.row.title', { kind: t(`documents.kind.${doc.kind}`), number: doc.number });
}

/** The download link of a document's PDF. */
export function DownloadButton({ doc, compact = false }: { doc: CompanyDocument; compact?: boolean }) {
  const { t } = useTranslation();
  const kind = t(`documents.kind.${doc.kind}`);
  return (
    <Button
      component="a"
      href={fileUrl(doc)}
      download={doc.fileName}
      variant="default"
      size={compact ? 'compact-sm' : 'sm'}
      leftSection={<IconDownload size={16} aria-hidden="true" />}
      aria-label={t('documents.row.downloadLabel', { kind, number: doc.number })}
      data-testid="document-download"
    >
      {t('documents.row.download')}
    </Button>
  );
}

/**
 * The preview of a document: its PDF in a same-origin frame (the file route's `disposition=inline`) with a
 * download button; on a phone, links to open or download it instead of a frame.
 */
export function DocumentPreview({ doc, onClose }: { doc: CompanyDocument | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const isPhone = useIsPhone();
  const title = doc
    ? t('documents.preview.title', {
        kind: t(`documents.kind.${doc.kind}`),
        number: doc.number,
        date: formatDay(doc.date, i18n.language),
      })
    : '';
  return (
    <Modal
      opened={doc !== null}
      onClose={onClose}
      title={title}
      size="xl"
      fullScreen={isPhone}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {doc ? (
        <Stack gap="sm" data-testid="document-preview">
          {isPhone ? (
            <Text size="sm" c="dimmed">
              {t('documents.preview.phoneHint')}
            </Text>
          ) : (
            <iframe
              src={fileUrl(doc, true)}
              title={t('documents.preview.frame')}
              style={{ width: '100%', height: '70vh', border: 0 }}
              data-testid="document-preview-frame"
            />
          )}
          <Group gap="xs">
            <Button
              component="a"
              href={fileUrl(doc)}
              download={doc.fileName}
              leftSection={<IconDownload size={16} aria-hidden="true" />}
              data-testid="document-preview-download"
            >
              {t('documents.preview.download')}
            </Button>
            {isPhone ? (
              <Button
                component="a"
                variant="default"
                href={fileUrl(doc, true)}
                target="_blank"
                rel="noopener"
                leftSection={<IconExternalLink size={16} aria-hidden="true" />}
              >
                {t('documents.preview.open')}
              </Button>
            ) : null}
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
