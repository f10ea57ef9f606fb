import {
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEye, IconFileInvoice, IconFiles, IconFileZip } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, isApiError } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { companyQuery } from '../companies/api';
import { CompanyNotFound } from '../companies/CompanyPage';
import {
  type CompanyDocument,
  type DocumentFilters,
  documentKinds,
  documentPage,
  documentStatuses,
  documentsKey,
  downloadArchive,
  formatDay,
  formatRub,
} from './api';
import { DocumentPreview, DownloadButton, StatusBadge, useDocumentTitle, useIsPhone } from './DocumentParts';
import { RequestInvoiceDialog } from './RequestInvoiceDialog';

interface RowProps {
  doc: CompanyDocument;
  orgId: string;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onPreview: () => void;
}

function OrderLink({ doc, orgId }: { doc: CompanyDocument; orgId: string }) {
  const { t } = useTranslation();
  if (!doc.orderId)
    return (
      <Text span c="dimmed">
        {t('documents.row.noOrder')}
      </Text>
    );
  return (
    <Anchor
      size="sm"
      renderRoot={(props) => <Link to={`/orgs/${orgId}/orders/${doc.orderId}`} {...props} />}
      data-testid="document-order"
    >
      {t('documents.row.order', { number: doc.orderNumber ?? '' })}
    </Anchor>
  );
}

function PreviewButton({
  doc,
  onPreview,
  compact,
}: {
  doc: CompanyDocument;
  onPreview: () => void;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Button
      variant="light"
      size={compact ? 'compact-sm' : 'sm'}
      leftSection={<IconEye size={16} aria-hidden="true" />}
      onClick={onPreview}
      aria-label={t('documents.row.previewLabel', {
        kind: t(`documents.kind.${doc.kind}`),
        number: doc.number,
      })}
      data-testid="document-preview-open"
    >
      {t('documents.row.preview')}
    </Button>
  );
}

/** A document on a phone: a card with the same facts and actions as a table row. */
function DocumentCard({ doc, orgId, selected, onSelect, onPreview }: RowProps) {
  const { t, i18n } = useTranslation();
  const title = useDocumentTitle();
  return (
    <Card withBorder padding="sm" data-testid="document-row" data-number={doc.number} data-kind={doc.kind}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          <Checkbox
            checked={selected}
            onChange={(e) => onSelect(e.currentTarget.checked)}
            label={<Text fw={600}>{title(doc)}</Text>}
            aria-label={t('documents.row.select', {
              kind: t(`documents.kind.${doc.kind}`),
              number: doc.number,
            })}
            data-testid="document-select"
          />
          <StatusBadge status={doc.status} />
        </Group>
        <Group justify="space-between" gap="xs">
          <Text size="sm" c="dimmed">
            {t('documents.row.of', { date: formatDay(doc.date, i18n.language) })}
          </Text>
          <Text fw={600}>{formatRub(doc.amount, i18n.language)}</Text>
        </Group>
        <OrderLink doc={doc} orgId={orgId} />
        <Group gap="xs">
          <PreviewButton doc={doc} onPreview={onPreview} compact />
          <DownloadButton doc={doc} compact />
        </Group>
      </Stack>
    </Card>
  );
}

function DocumentRow({ doc, orgId, selected, onSelect, onPreview }: RowProps) {
  const { t, i18n } = useTranslation();
  return (
    <Table.Tr data-testid="document-row" data-number={doc.number} data-kind={doc.kind}>
      <Table.Td>
        <Checkbox
          checked={selected}
          onChange={(e) => onSelect(e.currentTarget.checked)}
          aria-label={t('documents.row.select', {
            kind: t(`documents.kind.${doc.kind}`),
            number: doc.number,
          })}
          data-testid="document-select"
        />
      </Table.Td>
      <Table.Td>{t(`documents.kind.${doc.kind}`)}</Table.Td>
      <Table.Td fw={600}>{doc.number}</Table.Td>
      <Table.Td>{formatDay(doc.date, i18n.language)}</Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {formatRub(doc.amount, i18n.language)}
      </Table.Td>
      <Table.Td>
        <StatusBadge status={doc.status} />
      </Table.Td>
      <Table.Td>
        <OrderLink doc={doc} orgId={orgId} />
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <PreviewButton doc={doc} onPreview={onPreview} compact />
          <DownloadButton doc={doc} compact />
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function Filters({ onApply }: { onApply: (filters: DocumentFilters) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<DocumentFilters>({});
  const set = (key: keyof DocumentFilters) => (value: string | null) =>
    setDraft((d) => ({ ...d, [key]: value ?? '' }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const clean: DocumentFilters = {};
    for (const [k, v] of Object.entries(draft)) if (v?.trim()) clean[k as keyof DocumentFilters] = v.trim();
    onApply(clean);
  };
  return (
    <form onSubmit={submit} aria-label={t('documents.filters.label')} data-testid="document-filters">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="xs">
        <Select
          label={t('documents.filters.kind')}
          clearable
          data={documentKinds.map((k) => ({ value: k, label: t(`documents.kind.${k}`) }))}
          value={draft.kind ?? null}
          onChange={set('kind')}
          data-testid="document-filter-kind"
        />
        <Select
          label={t('documents.filters.status')}
          clearable
          data={documentStatuses.map((s) => ({ value: s, label: t(`documents.status.${s}`) }))}
          value={draft.status ?? null}
          onChange={set('status')}
        />
        <TextInput
          type="date"
          label={t('documents.filters.from')}
          value={draft.from ?? ''}
          onChange={(e) => set('from')(e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t('documents.filters.to')}
          value={draft.to ?? ''}
          onChange={(e) => set('to')(e.currentTarget.value)}
        />
        <TextInput
          label={t('documents.filters.orderNumber')}
          value={draft.orderNumber ?? ''}
          maxLength={40}
          onChange={(e) => set('orderNumber')(e.currentTarget.value)}
          data-testid="document-filter-order"
        />
      </SimpleGrid>
      <Group mt="xs" gap="xs">
        <Button type="submit" data-testid="document-filters-apply">
          {t('documents.filters.apply')}
        </Button>
        <Button
          variant="subtle"
          onClick={() => {
            setDraft({});
            onApply({});
          }}
        >
          {t('documents.filters.reset')}
        </Button>
      </Group>
    </form>
  );
}

/** A company's documents (`/orgs/:orgId/documents`): filters, pages, preview, download, ZIP, request an invoice. */
export function DocumentsPage() {
  const { t } = useTranslation();
  const { orgId } = useParams({ strict: false }) as { orgId: string };
  usePageTitle(t('documents.title'));
  const isPhone = useIsPhone();
  const company = useQuery(companyQuery(orgId));
  const [filters, setFilters] = useState<DocumentFilters>({});
  const [selected, setSelected] = useState<Map<string, CompanyDocument>>(new Map());
  const [preview, setPreview] = useState<CompanyDocument | null>(null);
  const [requesting, setRequesting] = useState(false);
  const [zipping, setZipping] = useState(false);
  const list = useInfiniteQuery({
    queryKey: [...documentsKey(orgId), 'list', filters],
    queryFn: ({ pageParam }) => documentPage(orgId, filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    meta: { needsPerson: true },
  });
  if (isApiError(company.error, 404) || isApiError(list.error, 404)) return <CompanyNotFound />;
  const canRequest = company.data?.myPermissions.includes('documents.request') ?? false;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const select = (doc: CompanyDocument) => (on: boolean) =>
    setSelected((current) => {
      const next = new Map(current);
      if (on) next.set(doc.id, doc);
      else next.delete(doc.id);
      return next;
    });
  const allOnPage = items.length > 0 && items.every((d) => selected.has(d.id));
  const zip = async () => {
    setZipping(true);
    try {
      await downloadArchive(orgId, [...selected.keys()]);
    } catch (error) {
      notifications.show({
        color: 'red',
        message: error instanceof ApiError && error.detail ? error.detail : t('documents.selection.failed'),
      });
    } finally {
      setZipping(false);
    }
  };
  const rowProps = (doc: CompanyDocument) => ({
    doc,
    orgId,
    selected: selected.has(doc.id),
    onSelect: select(doc),
    onPreview: () => setPreview(doc),
  });
  const filtered = Object.keys(filters).length > 0;
  return (
    <Stack gap="md" maw={1200} data-testid="documents-page">
      <PageHeader
        title={t('documents.title')}
        description={t('documents.description')}
        actions={
          canRequest ? (
            <Button
              leftSection={<IconFileInvoice size={16} aria-hidden="true" />}
              onClick={() => setRequesting(true)}
              data-testid="request-invoice"
            >
              {t('documents.request.button')}
            </Button>
          ) : undefined
        }
      />
      <Filters
        onApply={(f) => {
          setFilters(f);
          setSelected(new Map());
        }}
      />
      {selected.size > 0 ? (
        <Paper withBorder p="xs" data-testid="document-selection">
          <Group justify="space-between" gap="xs">
            <Text size="sm" role="status">
              {t('documents.selection.count', { count: selected.size })}
            </Text>
            <Group gap="xs">
              <Button variant="subtle" size="compact-sm" onClick={() => setSelected(new Map())}>
                {t('documents.selection.clear')}
              </Button>
              <Button
                size="compact-md"
                leftSection={<IconFileZip size={16} aria-hidden="true" />}
                loading={zipping}
                onClick={() => void zip()}
                data-testid="document-zip"
              >
                {t('documents.selection.zip')}
              </Button>
            </Group>
          </Group>
        </Paper>
      ) : null}
      {list.isPending ? (
        <ListSkeleton />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <StateMessage
          color="gray"
          icon={<IconFiles size={28} />}
          title={filtered ? t('documents.emptyFiltered') : t('documents.empty')}
          testId="documents-empty"
        />
      ) : (
        <Stack gap="xs">
          {isPhone ? (
            items.map((doc) => <DocumentCard key={doc.id} {...rowProps(doc)} />)
          ) : (
            <Table.ScrollContainer minWidth={820}>
              <Table verticalSpacing="xs" highlightOnHover data-testid="documents-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={40}>
                      <Checkbox
                        checked={allOnPage}
                        indeterminate={!allOnPage && items.some((d) => selected.has(d.id))}
                        onChange={(e) => {
                          const on = e.currentTarget.checked;
                          for (const doc of items) select(doc)(on);
                        }}
                        aria-label={t('documents.selection.all')}
                      />
                    </Table.Th>
                    <Table.Th>{t('documents.columns.kind')}</Table.Th>
                    <Table.Th>{t('documents.columns.number')}</Table.Th>
                    <Table.Th>{t('documents.columns.date')}</Table.Th>
                    <Table.Th ta="right">{t('documents.columns.amount')}</Table.Th>
                    <Table.Th>{t('documents.columns.status')}</Table.Th>
                    <Table.Th>{t('documents.columns.order')}</Table.Th>
                    <Table.Th>{t('documents.columns.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((doc) => (
                    <DocumentRow key={doc.id} {...rowProps(doc)} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {list.hasNextPage ? (
            <Button
              variant="light"
              loading={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              {t('documents.more')}
            </Button>
          ) : null}
        </Stack>
      )}
      <DocumentPreview doc={preview} onClose={() => setPreview(null)} />
      <RequestInvoiceDialog
        orgId={orgId}
        opened={requesting}
        onClose={() => setRequesting(false)}
        onIssued={(doc) => setFilters((f) => (f.kind && f.kind !== doc.kind ? {} : f))}
      />
    </Stack>
  );
}
