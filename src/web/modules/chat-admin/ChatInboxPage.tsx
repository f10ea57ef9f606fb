import {
  Badge,
  Button,
  Grid,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowLeft, IconMessageCircle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { sessionQuery } from '../../app/portal';
import { useFormat } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import type { Conversation, ConversationDetail } from '../chat/api';
import { ChatThread } from '../chat/ChatThread';

type Filter = 'all' | 'mine' | 'queue';

/**
 * The operator's chat inbox (`/admin/chat`): my conversations (the companies I manage, the ones I took) and
 * the unassigned queue on the left, the open thread on the right; on a phone one pane at a time.
 */
export function ChatInboxPage() {
  const { t } = useTranslation();
  usePageTitle(t('chat-admin.title'));
  const phone = useMediaQuery('(max-width: 48em)');
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { c?: string };
  const selected = search.c;
  const [filter, setFilter] = useState<Filter>('all');
  const list = useQuery({
    queryKey: ['chat', 'inbox', filter],
    queryFn: () => api<{ items: Conversation[] }>('/api/v1/admin/chat/conversations', { query: { filter } }),
    refetchInterval: 15_000,
    meta: { needsPerson: true },
  });
  const select = (id: string | undefined) =>
    void navigate({ to: '/admin/chat', search: id ? { c: id } : {} } as never);

  const inbox = (
    <Stack gap="xs">
      <SegmentedControl
        fullWidth
        value={filter}
        onChange={(v) => setFilter(v as Filter)}
        data={(['all', 'mine', 'queue'] as const).map((f) => ({
          value: f,
          label: t(`chat-admin.filter.${f}`),
        }))}
        aria-label={t('chat-admin.filterLabel')}
      />
      {list.isPending ? (
        <ListSkeleton />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <StateMessage role="status" icon={<IconMessageCircle size={28} />} title={t('chat-admin.empty')} />
      ) : (
        <Stack gap={4} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {list.data.items.map((c) => (
            <li key={c.id}>
              <ConversationRow conversation={c} active={c.id === selected} onOpen={() => select(c.id)} />
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
  const thread = selected ? (
    <Thread id={selected} onBack={phone ? () => select(undefined) : undefined} />
  ) : (
    <StateMessage icon={<IconMessageCircle size={28} />} title={t('chat-admin.pick')} />
  );

  return (
    <Stack gap={0}>
      <PageHeader title={t('chat-admin.title')} description={t('chat-admin.description')} />
      {phone ? (
        selected ? (
          thread
        ) : (
          inbox
        )
      ) : (
        <Grid>
          <Grid.Col span={4}>{inbox}</Grid.Col>
          <Grid.Col span={8}>{thread}</Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}

function ConversationRow({
  conversation: c,
  active,
  onOpen,
}: {
  conversation: Conversation;
  active: boolean;
  onOpen: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <UnstyledButton
      onClick={onOpen}
      w="100%"
      aria-current={active ? 'true' : undefined}
      data-testid="chat-inbox-row"
    >
      <Paper withBorder p="xs" bg={active ? 'var(--mantine-primary-color-light)' : undefined}>
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600} size="sm" truncate>
            {c.title}
          </Text>
          {c.unread > 0 ? (
            <Badge
              size="sm"
              circle
              aria-label={t('chat-admin.unread', { count: c.unread })}
              data-testid="chat-unread"
            >
              {c.unread}
            </Badge>
          ) : null}
        </Group>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text size="xs" c="dimmed" truncate>
            {c.lastText ?? t('chat-admin.noMessages')}
          </Text>
          {c.lastMessageAt ? (
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {format.relative(c.lastMessageAt)}
            </Text>
          ) : null}
        </Group>
        <Text size="xs" c="dimmed">
          {t(c.kind === 'company' ? 'chat-admin.kind.company' : 'chat-admin.kind.personal')}
          {c.assignedTo ? '' : ` · ${t('chat-admin.inQueue')}`}
        </Text>
      </Paper>
    </UnstyledButton>
  );
}

function Thread({ id, onBack }: { id: string; onBack: (() => void) | undefined }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const session = useQuery(sessionQuery);
  const detail = useQuery({
    queryKey: ['chat', 'admin', id],
    queryFn: () => api<ConversationDetail>(`/api/v1/admin/chat/conversations/${id}`),
    meta: { needsPerson: true },
  });
  const take = useMutation({
    mutationFn: () => api(`/api/v1/admin/chat/conversations/${id}/take`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['chat'] }),
  });
  if (detail.isPending) return <ListSkeleton />;
  if (detail.isError) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  const mine = detail.data.assignedTo === session.data?.user?.id;
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        {onBack ? (
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconArrowLeft size={14} aria-hidden="true" />}
            onClick={onBack}
          >
            {t('chat-admin.back')}
          </Button>
        ) : (
          <span />
        )}
        {!mine ? (
          <Button size="xs" variant="light" loading={take.isPending} onClick={() => take.mutate()}>
            {t('chat-admin.take')}
          </Button>
        ) : null}
      </Group>
      <ChatThread key={id} side="staff" conversation={detail.data} />
    </Stack>
  );
}
