import { Button, Group, Modal, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { sessionQuery } from '../../app/portal';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState } from '../../ui/StatusState';
import { type CompanyDocument, type DocumentPage, formatDay, formatRub } from './api';
import { DownloadButton, StatusBadge, useDocumentTitle } from './DocumentParts';

const key = (companyId: string) => ['admin', 'companies', companyId, 'documents'];

/**
 * The back office's view of a company's documents (its latest 20) on the company page; staff with
 * `orders.manage` cancel an issued invoice with a reason (audited on the server).
 */
export function AdminCompanyDocuments({ companyId }: { companyId: string }) {
  const { t, i18n } = useTranslation();
  const title = useDocumentTitle();
  const client = useQueryClient();
  const session = useQuery(sessionQuery);
  const canCancel = session.data?.permissions?.includes('orders.manage') ?? false;
  const docs = useQuery({
    queryKey: key(companyId),
    queryFn: () =>
      api<DocumentPage>(`/api/v1/admin/companies/${encodeURIComponent(companyId)}/documents`, {
        query: { limit: 20 },
      }),
  });
  const [cancelling, setCancelling] = useState<CompanyDocument | null>(null);
  const [reason, setReason] = useState('');
  const cancel = useMutation({
    mutationFn: (doc: CompanyDocument) =>
      api<CompanyDocument>(`/api/v1/admin/documents/${doc.id}/cancel`, { method: 'POST', json: { reason } }),
    onSuccess: async (doc) => {
      await client.invalidateQueries({ queryKey: key(companyId) });
      notifications.show({ color: 'teal', message: t('documents.admin.cancelled', { number: doc.number }) });
      setCancelling(null);
      setReason('');
    },
  });
  const items = docs.data?.items ?? [];
  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      component="section"
      aria-labelledby="admin-documents-heading"
    >
      <Title order={2} id="admin-documents-heading" mb="md">
        {t('documents.admin.title')}
      </Title>
      {docs.isPending ? <ListSkeleton rows={2} /> : null}
      {docs.isError ? <ErrorState error={docs.error} onRetry={() => void docs.refetch()} /> : null}
      {docs.isSuccess && items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('documents.admin.empty')}
        </Text>
      ) : null}
      <Stack gap="xs">
        {items.map((doc) => (
          <Group key={doc.id} justify="space-between" gap="xs" data-testid="admin-document">
            <Stack gap={0}>
              <Text size="sm" fw={600}>
                {title(doc)}
              </Text>
              <Text size="xs" c="dimmed">
                {t('documents.row.of', { date: formatDay(doc.date, i18n.language) })} ·{' '}
                {formatRub(doc.amount, i18n.language)}
                {doc.orderNumber ? ` · ${t('documents.row.order', { number: doc.orderNumber })}` : ''}
              </Text>
            </Stack>
            <Group gap="xs">
              <StatusBadge status={doc.status} />
              <DownloadButton doc={doc} compact />
              {canCancel && doc.kind === 'invoice' && doc.status === 'issued' ? (
                <Button size="compact-sm" variant="light" color="red" onClick={() => setCancelling(doc)}>
                  {t('documents.admin.cancel')}
                </Button>
              ) : null}
            </Group>
          </Group>
        ))}
      </Stack>
      <Modal
        opened={cancelling !== null}
        onClose={() => setCancelling(null)}
        title={cancelling ? t('documents.admin.cancelTitle', { number: cancelling.number }) : ''}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="sm">
          <Textarea
            label={t('documents.admin.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            minLength={3}
            maxLength={500}
            required
            error={cancel.error instanceof Error ? cancel.error.message : null}
          />
          <Group justify="flex-end">
            <Button
              color="red"
              loading={cancel.isPending}
              disabled={reason.trim().length < 3}
              onClick={() => cancelling && cancel.mutate(cancelling)}
            >
              {t('documents.admin.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
