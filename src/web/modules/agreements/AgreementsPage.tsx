import {
  Anchor,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconFileText, IconPlus, IconUpload } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../app/api';
import { useFormat } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { companyQuery } from '../companies/api';
import {
  type Agreement,
  type AgreementDetail,
  type AgreementKind,
  type AgreementScope,
  acceptedFiles,
  agreementKinds,
  agreementStatuses,
  agreementsQuery,
  maxFileBytes,
  scopeOf,
  upload,
} from './api';

/** What the person may do here: the company role's permissions, or everything for staff (the route checked). */
export function useAgreementRights(scope: AgreementScope) {
  const company = useQuery({ ...companyQuery(scope.orgId ?? ''), enabled: Boolean(scope.orgId) });
  if (!scope.orgId) return { read: true, edit: true, approve: true, loaded: true };
  const granted = company.data?.myPermissions ?? [];
  return {
    read: granted.includes('agreements.read'),
    edit: granted.includes('agreements.edit'),
    approve: granted.includes('agreements.approve'),
    loaded: company.isSuccess,
  };
}

export function StatusBadge({ status }: { status: Agreement['status'] }) {
  const { t } = useTranslation();
  const color = { draft: 'gray', in_review: 'blue', approved: 'teal', rejected: 'red' }[status];
  return (
    <Badge variant="light" color={color} data-testid="agreement-status">
      {t(`agreements.statuses.${status}`)}
    </Badge>
  );
}

/** The agreements of a company (cabinet) or of every company (back office), recently changed first. */
export function AgreementsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { orgId } = useParams({ strict: false }) as { orgId?: string };
  const scope = scopeOf(orgId);
  const rights = useAgreementRights(scope);
  const [status, setStatus] = useState('');
  const [creating, setCreating] = useState(false);
  usePageTitle(t('agreements.title'));
  const list = useInfiniteQuery(agreementsQuery(scope, status));
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  let body: React.ReactNode;
  if (list.isPending) body = <ListSkeleton />;
  else if (list.isError) body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (items.length === 0)
    body = (
      <StateMessage
        role="status"
        color="gray"
        icon={<IconFileText size={28} />}
        title={t('agreements.empty')}
        testId="agreements-empty"
      />
    );
  else
    body = (
      <Stack gap="xs">
        {items.map((a) => (
          <Card withBorder key={a.id} data-testid="agreement-item" padding="md">
            <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
              <Stack gap={2} style={{ flex: '1 1 14rem', minWidth: 0 }}>
                <Anchor
                  component={Link}
                  to={`${scope.web}/${a.id}`}
                  fw={600}
                  style={{ wordBreak: 'break-word' }}
                >
                  {a.title}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {t(`agreements.kinds.${a.kind}`)}
                  {scope.side === 'staff' ? ` · ${a.companyName}` : ''}
                  {a.latestVersion ? ` · ${t('agreements.version', { number: a.latestVersion.number })}` : ''}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('agreements.updated', { date: f.dateTime(a.updatedAt) })}
                </Text>
              </Stack>
              <Group gap={6}>
                {a.awaitingSide === scope.side ? (
                  <Badge variant="light" color="orange">
                    {t('agreements.awaitingYou')}
                  </Badge>
                ) : null}
                <StatusBadge status={a.status} />
              </Group>
            </Group>
          </Card>
        ))}
        {list.hasNextPage ? (
          <Button variant="light" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('agreements.more')}
          </Button>
        ) : null}
      </Stack>
    );
  return (
    <Stack gap={0} maw={960}>
      <PageHeader
        title={t('agreements.title')}
        description={scope.side === 'staff' ? t('agreements.adminDescription') : t('agreements.description')}
        above={
          orgId ? (
            <Anchor size="sm" component={Link} to={`/orgs/${orgId}`}>
              {t('agreements.toCompany')}
            </Anchor>
          ) : undefined
        }
        actions={
          rights.edit ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('agreements.create')}
            </Button>
          ) : undefined
        }
      />
      <Select
        label={t('agreements.status')}
        data={[
          { value: '', label: t('agreements.allStatuses') },
          ...agreementStatuses.map((s) => ({ value: s, label: t(`agreements.statuses.${s}`) })),
        ]}
        value={status}
        onChange={(v) => setStatus(v ?? '')}
        allowDeselect={false}
        maw={260}
        mb="md"
      />
      {body}
      <NewAgreement scope={scope} opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}

/** The problem of a failed request as one line for the form. */
export const problemText = (error: unknown, fallback: string) =>
  error instanceof ApiError ? (error.errors[0]?.message ?? error.detail ?? fallback) : fallback;

function CompanyPicker({
  value,
  onChange,
  error,
}: {
  value: string | null;
  onChange: (v: string | null) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const found = useQuery({
    queryKey: ['agreements', 'companies', q],
    queryFn: () =>
      api<{ items: { id: string; name: string; inn: string | null }[] }>('/api/v1/admin/companies', {
        query: { limit: 20, q: q.trim() || undefined },
      }),
  });
  return (
    <Select
      label={t('agreements.form.company')}
      placeholder={t('agreements.form.companySearch')}
      searchable
      required
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      data={(found.data?.items ?? []).map((c) => ({
        value: c.id,
        label: c.inn ? `${c.name} (${c.inn})` : c.name,
      }))}
      value={value}
      onChange={onChange}
      error={error}
      nothingFoundMessage="—"
    />
  );
}

/** Starts an agreement with its first version. */
function NewAgreement({
  scope,
  opened,
  onClose,
}: {
  scope: AgreementScope;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [companyId, setCompanyId] = useState<string | null>(scope.orgId ?? null);
  const [kind, setKind] = useState<AgreementKind>('contract');
  const [title, setTitle] = useState('');
  const [parentId, setParentId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [tried, setTried] = useState(false);
  const contracts = useQuery({
    queryKey: ['agreements', scope.api, 'contracts', companyId],
    queryFn: () =>
      api<{ items: Agreement[] }>(scope.api, {
        query: {
          kind: 'contract',
          limit: 100,
          companyId: scope.orgId ? undefined : (companyId ?? undefined),
        },
      }),
    enabled: opened && kind !== 'contract' && Boolean(companyId),
  });
  const create = useMutation({
    mutationFn: () =>
      upload<AgreementDetail>(
        scope.api,
        {
          ...(scope.orgId ? {} : { companyId }),
          kind,
          title: title.trim(),
          parentId: kind === 'contract' ? null : parentId,
          note: note.trim() || null,
        },
        file as File,
      ),
    onSuccess: (created) => {
      notifications.show({ message: t('agreements.form.created'), color: 'teal' });
      void client.invalidateQueries({ queryKey: ['agreements'] });
      onClose();
      void navigate({ to: `${scope.web}/${created.id}` });
    },
  });
  const tooLarge = file !== null && file.size > maxFileBytes;
  const missing = (v: unknown) => (tried && !v ? t('agreements.form.required') : undefined);
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={opened}
      onClose={onClose}
      title={t('agreements.form.title')}
      size="lg"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (!title.trim() || !file || tooLarge || !companyId) return;
          create.mutate();
        }}
      >
        <Stack>
          {scope.orgId ? null : (
            <CompanyPicker value={companyId} onChange={setCompanyId} error={missing(companyId)} />
          )}
          <Select
            label={t('agreements.form.kind')}
            data={agreementKinds.map((k) => ({ value: k, label: t(`agreements.kinds.${k}`) }))}
            value={kind}
            onChange={(v) => setKind((v as AgreementKind) ?? 'contract')}
            allowDeselect={false}
          />
          <TextInput
            label={t('agreements.form.name')}
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={missing(title.trim())}
            maxLength={300}
          />
          {kind === 'contract' ? null : (
            <Select
              label={t('agreements.form.parent')}
              data={[
                { value: '', label: t('agreements.form.parentNone') },
                ...(contracts.data?.items ?? []).map((c) => ({ value: c.id, label: c.title })),
              ]}
              value={parentId ?? ''}
              onChange={(v) => setParentId(v || null)}
              allowDeselect={false}
            />
          )}
          <Textarea
            label={t('agreements.form.note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={2000}
          />
          <FileInput
            label={t('agreements.form.file')}
            placeholder={t('agreements.form.filePlaceholder')}
            leftSection={<IconUpload size={16} />}
            accept={acceptedFiles}
            required
            value={file}
            onChange={setFile}
            clearable
            error={tooLarge ? t('agreements.form.fileTooLarge') : missing(file)}
          />
          {create.isError ? (
            <Text c="red" size="sm" role="alert">
              {problemText(create.error, t('errors.generic'))}
            </Text>
          ) : null}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('agreements.form.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('agreements.form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
