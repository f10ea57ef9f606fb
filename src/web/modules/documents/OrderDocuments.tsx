import { Anchor, Button, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconFileInvoice } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { companyQuery } from '../companies/api';
import { type CompanyDocument, formatDay, formatRub, orderDocumentsQuery } from './api';
import { DocumentPreview, DownloadButton, StatusBadge, useDocumentTitle } from './DocumentParts';
import { RequestInvoiceDialog } from './RequestInvoiceDialog';

/**
 * The «Документы» block of a company order's page: the order's documents with preview and download, and
 * «Запросить счёт» while the order has no live invoice (members with documents.request).
 */
export function OrderDocuments({
  orgId,
  order,
}: {
  orgId: string;
  order: { id: string; number: string; status: string };
}) {
  const { t, i18n } = useTranslation();
  const title = useDocumentTitle();
  const company = useQuery(companyQuery(orgId));
  const permissions = company.data?.myPermissions ?? [];
  const canRead = permissions.includes('documents.read');
  const docs = useQuery({ ...orderDocumentsQuery(orgId, order.id), enabled: canRead });
  const [preview, setPreview] = useState<CompanyDocument | null>(null);
  const [requesting, setRequesting] = useState(false);
  if (!canRead) return null;
  const items = docs.data?.items ?? [];
  const hasLiveInvoice = items.some((d) => d.kind === 'invoice' && d.status !== 'cancelled');
  const canRequest =
    permissions.includes('documents.request') && order.status !== 'cancelled' && !hasLiveInvoice;
  return (
    <Card withBorder data-testid="order-documents">
      <Group justify="space-between" mb="xs" gap="xs">
        <Title order={2} size="h4">
          {t('documents.order.title')}
        </Title>
        <Group gap="xs">
          {canRequest && docs.isSuccess ? (
            <Button
              size="compact-md"
              leftSection={<IconFileInvoice size={16} aria-hidden="true" />}
              onClick={() => setRequesting(true)}
              data-testid="order-request-invoice"
            >
              {t('documents.order.request')}
            </Button>
          ) : null}
          <Anchor size="sm" renderRoot={(props) => <Link to={`/orgs/${orgId}/documents`} {...props} />}>
            {t('documents.order.all')}
          </Anchor>
        </Group>
      </Group>
      {docs.isPending ? (
        <Skeleton height={36} radius="sm" />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('documents.order.empty')}
        </Text>
      ) : (
        <Stack gap="xs">
          {items.map((doc) => (
            <Group key={doc.id} justify="space-between" gap="xs" data-testid="order-document">
              <Stack gap={0}>
                <Anchor component="button" type="button" size="sm" fw={600} onClick={() => setPreview(doc)}>
                  {title(doc)}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {t('documents.row.of', { date: formatDay(doc.date, i18n.language) })} ·{' '}
                  {formatRub(doc.amount, i18n.language)}
                </Text>
              </Stack>
              <Group gap="xs">
                <StatusBadge status={doc.status} />
                <DownloadButton doc={doc} compact />
              </Group>
            </Group>
          ))}
        </Stack>
      )}
      <DocumentPreview doc={preview} onClose={() => setPreview(null)} />
      <RequestInvoiceDialog
        orgId={orgId}
        opened={requesting}
        onClose={() => setRequesting(false)}
        order={{ id: order.id, number: order.number }}
      />
    </Card>
  );
}
