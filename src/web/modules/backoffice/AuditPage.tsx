import { Button, Collapse, Group, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconFilter, IconHistory, IconX } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { AuditList } from './AuditList';
import { type AuditFilters, auditQuery } from './api';
import classes from './backoffice.module.css';
import { NoAccess } from './NoAccess';

const EMPTY = { action: '', actorId: '', target: '', ip: '', from: '', to: '', q: '' };
type Form = typeof EMPTY;

/** The form's values as API filters: dates are whole days in the person's time zone. */
function toFilters(form: Form): AuditFilters {
  const filters: AuditFilters = {};
  for (const key of ['action', 'actorId', 'target', 'ip', 'q'] as const) {
    const value = form[key].trim();
    if (value) filters[key] = value;
  }
  if (form.from) filters.from = new Date(`${form.from}T00:00:00`).toISOString();
  if (form.to) {
    const end = new Date(`${form.to}T00:00:00`);
    end.setDate(end.getDate() + 1);
    filters.to = end.toISOString();
  }
  return filters;
}

/** Back office: the audit log with filters (action, actor, subject, IP, dates, text). */
export function AuditPage() {
  const { t } = useTranslation();
  usePageTitle(t('backoffice.audit.title'));
  const [form, setForm] = useState<Form>(EMPTY);
  const [moreOpened, more] = useDisclosure(false);
  const [filters, setFilters] = useState<AuditFilters>({});
  const list = useInfiniteQuery(auditQuery(filters));
  const entries = list.data?.pages.flatMap((p) => p.items) ?? [];
  const field = (key: keyof Form) => ({
    value: form[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [key]: e.currentTarget.value }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilters(toFilters(form));
  };

  let body: React.ReactNode;
  if (list.isPending) body = <ListSkeleton />;
  else if (isApiError(list.error, 401, 403)) body = <NoAccess />;
  else if (list.isError && entries.length === 0)
    body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (entries.length === 0)
    body = (
      <StateMessage
        role="status"
        testId="audit-empty"
        icon={<IconHistory size={28} />}
        title={t('backoffice.audit.emptyTitle')}
        description={t('backoffice.audit.emptyDescription')}
      />
    );
  else
    body = (
      <Stack gap="md">
        <Paper withBorder className={classes.listPaper}>
          <AuditList entries={entries} label={t('backoffice.audit.listLabel')} />
        </Paper>
        {list.hasNextPage ? (
          <Group justify="center">
            <Button
              variant="default"
              loading={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              {t('backoffice.audit.loadMore')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    );

  return (
    <>
      <PageHeader title={t('backoffice.audit.title')} description={t('backoffice.audit.description')} />
      <Paper withBorder p="md" mb="md">
        <form onSubmit={submit} aria-label={t('backoffice.audit.filters')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              label={t('backoffice.audit.action')}
              description={t('backoffice.audit.actionHint')}
              {...field('action')}
            />
            <TextInput label={t('backoffice.audit.target')} {...field('target')} />
            <TextInput label={t('backoffice.audit.q')} {...field('q')} />
          </SimpleGrid>
          <Collapse expanded={moreOpened}>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm" mt="sm" id="audit-more-filters">
              <TextInput label={t('backoffice.audit.actor')} {...field('actorId')} />
              <TextInput label={t('backoffice.audit.ip')} {...field('ip')} />
              <TextInput type="date" label={t('backoffice.audit.from')} {...field('from')} />
              <TextInput type="date" label={t('backoffice.audit.to')} {...field('to')} />
            </SimpleGrid>
          </Collapse>
          <Group mt="md" gap="xs">
            <Button
              variant="subtle"
              onClick={more.toggle}
              aria-expanded={moreOpened}
              aria-controls="audit-more-filters"
            >
              {moreOpened ? t('backoffice.audit.fewerFilters') : t('backoffice.audit.moreFilters')}
            </Button>
            <Button type="submit" leftSection={<IconFilter size={16} />}>
              {t('backoffice.audit.apply')}
            </Button>
            <Button
              variant="default"
              leftSection={<IconX size={16} />}
              onClick={() => {
                setForm(EMPTY);
                setFilters({});
              }}
            >
              {t('backoffice.audit.reset')}
            </Button>
          </Group>
        </form>
      </Paper>
      {body}
      <Text size="xs" c="dimmed" mt="xs" aria-live="polite">
        {entries.length > 0 ? entries.length : ''}
      </Text>
    </>
  );
}
