import { Anchor, Button, Card, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconLifebuoy, IconPlus, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { isWaiting, pageBase, scopeOf, type TicketSummary, ticketsQuery } from './api';
import { TicketStatusBadge } from './StatusBadge';

/** When support promised to answer: the first response until then, the resolution after it. */
export function promisedBy(t: TicketSummary): string | null {
  if (!isWaiting(t)) return null;
  return t.firstRespondedAt ? t.resolutionDueAt : t.firstResponseDueAt;
}

/** The person's (or the company's) requests, latest activity first. */
export function RequestsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { orgId } = useParams({ strict: false }) as { orgId?: string };
  const scope = scopeOf(orgId);
  const [status, setStatus] = useState<'open' | 'closed' | 'all'>('open');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  usePageTitle(t('support.title'));
  const list = useInfiniteQuery(ticketsQuery(scope, status, q));
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  let body: React.ReactNode;
  if (list.isPending) body = <ListSkeleton />;
  else if (list.isError) body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (items.length === 0)
    body = (
      <StateMessage
        role="status"
        color="gray"
        icon={<IconLifebuoy size={28} />}
        title={q ? t('support.nothingFound') : t('support.empty')}
        testId="requests-empty"
      />
    );
  else
    body = (
      <Stack gap="xs">
        {items.map((r) => {
          const due = promisedBy(r);
          return (
            <Card withBorder key={r.id} padding="md" data-testid="request-item">
              <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                <Stack gap={2} style={{ flex: '1 1 14rem', minWidth: 0 }}>
                  <Anchor
                    component={Link}
                    to={`${pageBase(scope)}/${r.id}`}
                    fw={600}
                    style={{ wordBreak: 'break-word' }}
                  >
                    {r.subject}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    {r.number}
                    {r.topic ? ` · ${r.topic.name}` : ''}
                    {scope.kind === 'org' ? ` · ${r.requesterName}` : ''}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('support.lastActivity', { when: f.relative(r.lastMessageAt) })}
                  </Text>
                  {due ? (
                    <Text size="xs" c="blue.8" data-testid="request-due">
                      {t('support.answerBy', { when: f.dateTime(due) })}
                    </Text>
                  ) : null}
                </Stack>
                <TicketStatusBadge status={r.status} />
              </Group>
            </Card>
          );
        })}
        {list.hasNextPage ? (
          <Button variant="light" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('support.more')}
          </Button>
        ) : null}
      </Stack>
    );

  return (
    <Stack gap={0} maw={960}>
      <PageHeader
        title={t('support.title')}
        description={scope.kind === 'org' ? t('support.companyDescription') : t('support.description')}
        actions={
          <Button component={Link} to={`${pageBase(scope)}/new`} leftSection={<IconPlus size={16} />}>
            {t('support.new')}
          </Button>
        }
      />
      <Group gap="sm" mb="md" wrap="wrap" align="flex-end">
        <SegmentedControl
          aria-label={t('support.filter')}
          value={status}
          onChange={(v) => setStatus(v as typeof status)}
          data={[
            { value: 'open', label: t('support.filters.open') },
            { value: 'closed', label: t('support.filters.closed') },
            { value: 'all', label: t('support.filters.all') },
          ]}
        />
        <TextInput
          aria-label={t('support.search')}
          placeholder={t('support.search')}
          leftSection={<IconSearch size={16} aria-hidden="true" />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          style={{ flex: '1 1 12rem' }}
        />
      </Group>
      {body}
    </Stack>
  );
}
