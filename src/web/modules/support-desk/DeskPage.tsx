import {
  Badge,
  Box,
  Button,
  Group,
  NavLink,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconArrowLeft, IconInbox, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { NoAccess } from '../backoffice/NoAccess';
import { desk, type Filter, filterQuery, type TicketItem } from './api';
import { priorityColor, SlaBadge } from './SlaBadge';
import { TicketView } from './TicketView';

const initialTicket = () =>
  typeof window === 'undefined' ? null : new URLSearchParams(window.location.search).get('ticket');

/** The operators' workspace: queues on the left, the list in the middle, the request on the right. */
export function DeskPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('support-desk.title'));
  const phone = useMediaQuery('(max-width: 62em)');
  const [filter, setFilter] = useState<Filter>('active');
  const [q, setQ] = useState('');
  const [search] = useDebouncedValue(q, 300);
  const [sort, setSort] = useState<'activity' | 'sla'>('activity');
  const [selected, setSelected] = useState<string | null>(initialTicket);
  const counts = useQuery({
    queryKey: ['support-desk', 'counts'],
    queryFn: desk.counts,
    refetchInterval: 30_000,
  });
  const queues = useQuery({ queryKey: ['support-desk', 'queues'], queryFn: desk.queues });
  const list = useInfiniteQuery({
    queryKey: ['support-desk', 'list', filter, search, sort],
    queryFn: ({ pageParam }) =>
      desk.list({
        ...filterQuery(filter),
        sort,
        ...(search ? { q: search } : {}),
        ...(pageParam ? { cursor: pageParam } : {}),
      }),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    refetchInterval: 30_000,
  });

  if (isApiError(list.error, 401, 403)) return <NoAccess />;
  const name = (n: { nameRu: string; nameEn: string }) => (i18n.language === 'en' ? n.nameEn : n.nameRu);
  const queueCount = (id: string) => counts.data?.queues.find((c) => c.queueId === id)?.count ?? 0;
  const filters: { key: Filter; label: string; count?: number }[] = [
    { key: 'active', label: t('support-desk.filters.active'), count: counts.data?.active },
    { key: 'mine', label: t('support-desk.filters.mine'), count: counts.data?.mine },
    { key: 'unassigned', label: t('support-desk.filters.unassigned'), count: counts.data?.unassigned },
    { key: 'breached', label: t('support-desk.filters.breached'), count: counts.data?.breached },
    ...(queues.data?.items ?? [])
      .filter((queue) => queue.active)
      .map((queue) => ({
        key: `queue:${queue.id}` as Filter,
        label: name(queue),
        count: queueCount(queue.id),
      })),
  ];

  const sidebar = phone ? (
    <Select
      label={t('support-desk.filters.label')}
      data={filters.map((f) => ({ value: f.key, label: `${f.label} (${f.count ?? 0})` }))}
      value={filter}
      onChange={(v) => v && setFilter(v as Filter)}
      allowDeselect={false}
    />
  ) : (
    <Box component="nav" aria-label={t('support-desk.filters.label')} w={220} style={{ flexShrink: 0 }}>
      {filters.map((f) => (
        <NavLink
          key={f.key}
          label={f.label}
          active={filter === f.key}
          onClick={() => setFilter(f.key)}
          rightSection={
            <Badge size="sm" variant="light" color={f.key === 'breached' && f.count ? 'red' : 'gray'}>
              {f.count ?? 0}
            </Badge>
          }
        />
      ))}
    </Box>
  );

  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  let listBody: React.ReactNode;
  if (list.isPending) listBody = <ListSkeleton />;
  else if (list.isError) listBody = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (items.length === 0)
    listBody = <StateMessage role="status" icon={<IconInbox size={28} />} title={t('support-desk.empty')} />;
  else
    listBody = (
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {items.map((item) => (
          <li key={item.id}>
            <TicketRow item={item} active={item.id === selected} onOpen={() => setSelected(item.id)} />
          </li>
        ))}
        {list.hasNextPage && (
          <Button
            variant="subtle"
            loading={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
          >
            {t('support-desk.loadMore')}
          </Button>
        )}
      </Stack>
    );

  const listPane = (
    <Stack gap="sm" style={{ flex: phone ? 1 : '0 0 360px', minWidth: 0 }}>
      {phone && sidebar}
      <TextInput
        leftSection={<IconSearch size={16} />}
        aria-label={t('support-desk.search')}
        placeholder={t('support-desk.search')}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
      />
      <Select
        aria-label={t('support-desk.sortLabel')}
        data={(['activity', 'sla'] as const).map((s) => ({ value: s, label: t(`support-desk.sort.${s}`) }))}
        value={sort}
        onChange={(v) => v && setSort(v as 'activity' | 'sla')}
        allowDeselect={false}
      />
      {listBody}
    </Stack>
  );

  if (phone) {
    return (
      <>
        <PageHeader title={t('support-desk.title')} />
        {selected ? (
          <Stack>
            <Button
              variant="subtle"
              leftSection={<IconArrowLeft size={16} />}
              onClick={() => setSelected(null)}
              style={{ alignSelf: 'flex-start' }}
            >
              {t('support-desk.back')}
            </Button>
            <TicketView id={selected} onOpen={setSelected} />
          </Stack>
        ) : (
          listPane
        )}
      </>
    );
  }
  return (
    <>
      <PageHeader title={t('support-desk.title')} />
      <Group align="flex-start" wrap="nowrap" gap="md">
        {sidebar}
        {listPane}
        <Box style={{ flex: 1, minWidth: 0 }}>
          {selected ? (
            <TicketView id={selected} onOpen={setSelected} />
          ) : (
            <Paper withBorder p="xl">
              <Text c="dimmed">{t('support-desk.select')}</Text>
            </Paper>
          )}
        </Box>
      </Group>
    </>
  );
}

function TicketRow({ item, active, onOpen }: { item: TicketItem; active: boolean; onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <UnstyledButton
      onClick={onOpen}
      w="100%"
      aria-current={active ? 'true' : undefined}
      data-testid="ticket-row"
    >
      <Paper withBorder p="sm" bg={active ? 'var(--mantine-color-blue-light)' : undefined}>
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text size="xs" c="dimmed">
            {item.number}
          </Text>
          <SlaBadge sla={item.sla} />
        </Group>
        <Text fw={600} lineClamp={2}>
          {item.subject}
        </Text>
        <Text size="sm" c="dimmed" lineClamp={1}>
          {item.requester.name}
          {item.company?.name ? ` · ${item.company.name}` : ''}
        </Text>
        <Group gap={6} mt={4}>
          <Badge size="sm" variant="light" color={priorityColor[item.priority]} autoContrast>
            {t(`support-desk.priority.${item.priority}`)}
          </Badge>
          <Badge size="sm" variant="outline" color="gray" autoContrast>
            {t(`support-desk.status.${item.status}`)}
          </Badge>
        </Group>
      </Paper>
    </UnstyledButton>
  );
}
