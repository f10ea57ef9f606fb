import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBuilding, IconChevronRight, IconLock, IconPlus, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../app/api';
import { sessionQuery } from '../../../app/portal';
import { PageHeader } from '../../../ui/PageHeader';
import { ListSkeleton } from '../../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../../ui/StatusState';
import { usePageTitle } from '../../../ui/usePageTitle';
import classes from '../companies.module.css';
import { DetailsForm, detailsBody } from '../DetailsForm';
import { type AdminCompanyItem, adminCompaniesQuery, adminWrite, useAdminMutation } from './api';

const KINDS = ['client', 'partner', 'supplier'] as const;
const STATUSES = ['pending', 'active', 'rejected'] as const;

export function AdminNoAccess() {
  const { t } = useTranslation();
  return (
    <StateMessage
      testId="no-access"
      color="orange"
      titleOrder={1}
      icon={<IconLock size={28} />}
      title={t('companies.admin.noAccess')}
    />
  );
}

function statusColor(status: string) {
  return status === 'active' ? 'teal' : status === 'pending' ? 'orange' : 'gray';
}

function CompanyRow({ company }: { company: AdminCompanyItem }) {
  const { t } = useTranslation();
  return (
    <li>
      <UnstyledButton
        className={classes.member}
        w="100%"
        renderRoot={(props) => (
          <Link to="/admin/companies/$companyId" params={{ companyId: company.id }} {...props} />
        )}
        data-testid="admin-company-row"
      >
        <div className={classes.memberBody}>
          <Group gap={6}>
            <Text fw={600}>{company.name}</Text>
            <Badge size="xs" variant="light" color={statusColor(company.status)}>
              {t(`companies.status.${company.status}`)}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed" className={classes.number}>
            {t('companies.admin.list.inn', { inn: company.inn })}
            {company.kpp ? ` · ${t('companies.card.kpp')} ${company.kpp}` : ''} ·{' '}
            {company.kinds.map((k) => t(`companies.kinds.${k as (typeof KINDS)[number]}`)).join(', ')}
          </Text>
        </div>
        <IconChevronRight size={18} aria-hidden="true" />
      </UnstyledButton>
    </li>
  );
}

function CreateCompany({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [kinds, setKinds] = useState<string[]>(['client']);
  const create = useAdminMutation((body: object) => adminWrite<{ id: string }>('POST', '/companies', body));
  const close = () => {
    create.reset();
    onClose();
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={opened}
      onClose={close}
      title={t('companies.admin.create.title')}
      size="lg"
    >
      {opened ? (
        <DetailsForm
          initial={{
            name: '',
            legalName: '',
            inn: '',
            kpp: '',
            ogrn: '',
            legalAddress: '',
            postalAddress: '',
          }}
          innEditable
          submitLabel={t('companies.admin.create.submit')}
          pending={create.isPending}
          error={create.error}
          onCancel={close}
          onSubmit={(values) => {
            const body = detailsBody(values, true);
            create.mutate(
              {
                name: body.name,
                legalName: body.legalName,
                inn: body.inn,
                kinds: kinds.length > 0 ? kinds : ['client'],
                ...(body.kpp ? { kpp: body.kpp } : {}),
                ...(body.ogrn ? { ogrn: body.ogrn } : {}),
                ...(body.legalAddress ? { legalAddress: body.legalAddress } : {}),
                ...(body.postalAddress ? { postalAddress: body.postalAddress } : {}),
              },
              {
                onSuccess: (r) =>
                  void navigate({ to: '/admin/companies/$companyId', params: { companyId: r.id } }),
              },
            );
          }}
        >
          <Checkbox.Group label={t('companies.admin.create.kinds')} value={kinds} onChange={setKinds}>
            <Group gap="md" mt={6}>
              {KINDS.map((k) => (
                <Checkbox key={k} value={k} label={t(`companies.kinds.${k}`)} />
              ))}
            </Group>
          </Checkbox.Group>
        </DetailsForm>
      ) : null}
    </Modal>
  );
}

/** Back office: every company, searchable and filtered by status and kind; the approval queue is status=pending. */
export function CompaniesAdminPage() {
  const { t } = useTranslation();
  usePageTitle(t('companies.admin.list.title'));
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const [status, setStatus] = useState('');
  const [kind, setKind] = useState<string | null>('');
  const [creating, setCreating] = useState(false);
  // Support staff may read companies; creating one takes companies.manage.
  const canManage = useQuery(sessionQuery).data?.permissions.includes('companies.manage') ?? false;
  const list = useInfiniteQuery(adminCompaniesQuery({ q: debounced, status, kind: kind ?? '' }));
  if (isApiError(list.error, 401, 403)) return <AdminNoAccess />;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div data-testid="admin-companies-page">
      <PageHeader
        title={t('companies.admin.list.title')}
        description={t('companies.admin.list.lead')}
        actions={
          canManage ? (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setCreating(true)}
              data-testid="create-company"
            >
              {t('companies.admin.list.create')}
            </Button>
          ) : null
        }
      />
      <Stack gap="sm" mb="md">
        <TextInput
          leftSection={<IconSearch size={16} aria-hidden="true" />}
          aria-label={t('companies.admin.list.search')}
          placeholder={t('companies.admin.list.search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
        />
        <Group gap="sm" wrap="wrap">
          <SegmentedControl
            aria-label={t('companies.admin.list.status')}
            value={status}
            onChange={setStatus}
            data={[
              { value: '', label: t('companies.admin.list.all') },
              ...STATUSES.map((s) => ({ value: s, label: t(`companies.status.${s}`) })),
            ]}
          />
          <Select
            aria-label={t('companies.admin.list.kind')}
            w={180}
            value={kind}
            onChange={setKind}
            allowDeselect={false}
            data={[
              { value: '', label: t('companies.admin.list.all') },
              ...KINDS.map((k) => ({ value: k, label: t(`companies.kinds.${k}`) })),
            ]}
          />
        </Group>
      </Stack>
      {list.isPending ? <ListSkeleton rows={5} /> : null}
      {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isSuccess && items.length === 0 ? (
        <StateMessage
          titleOrder={2}
          color="gray"
          icon={<IconBuilding size={28} />}
          title={t('companies.admin.list.empty')}
          testId="admin-companies-empty"
        />
      ) : null}
      {items.length > 0 ? (
        <Paper withBorder className={classes.listPaper}>
          <ul className={classes.list} aria-label={t('companies.admin.list.listLabel')}>
            {items.map((c) => (
              <CompanyRow key={c.id} company={c} />
            ))}
          </ul>
        </Paper>
      ) : null}
      {list.hasNextPage ? (
        <Group justify="center" mt="md">
          <Button
            variant="default"
            loading={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
          >
            {t('companies.admin.list.more')}
          </Button>
        </Group>
      ) : null}
      <CreateCompany opened={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
