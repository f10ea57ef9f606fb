import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBook, IconLock } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/contexts';
import { useFormat } from '../../ui/format';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState } from '../../ui/StatusState';
import { Customer360Panel } from '../customer360/Customer360Panel';
import { desk, type Message, priorities, settableStatuses, type TicketDetail } from './api';
import { Composer } from './Composer';
import { priorityColor, SlaBadge } from './SlaBadge';

/** One request: controls, thread, composer and the customer side panel. */
export function TicketView({ id, onOpen }: { id: string; onOpen: (id: string) => void }) {
  const ticket = useQuery({
    queryKey: ['support-desk', 'ticket', id],
    queryFn: () => desk.ticket(id),
    refetchInterval: 30_000,
  });
  if (ticket.isPending) return <ListSkeleton />;
  if (ticket.isError) return <ErrorState error={ticket.error} onRetry={() => void ticket.refetch()} />;
  return <Loaded t={ticket.data} onOpen={onOpen} />;
}

function Loaded({ t: ticket, onOpen }: { t: TicketDetail; onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();
  const operators = useQuery({ queryKey: ['support-desk', 'operators'], queryFn: desk.operators });
  const queues = useQuery({ queryKey: ['support-desk', 'queues'], queryFn: desk.queues });
  const name = (n: { nameRu: string; nameEn: string }) => (i18n.language === 'en' ? n.nameEn : n.nameRu);
  const refresh = (next: TicketDetail) => {
    qc.setQueryData(['support-desk', 'ticket', next.id], next);
    void qc.invalidateQueries({ queryKey: ['support-desk', 'list'] });
    void qc.invalidateQueries({ queryKey: ['support-desk', 'counts'] });
  };
  const change = useMutation({
    mutationFn: (patch: Record<string, unknown>) => desk.change(ticket.id, patch),
    onSuccess: refresh,
    onError: (e) => notifications.show({ color: 'red', message: e.message }),
  });
  const locked = ticket.status === 'merged';
  const myId = me.data?.user?.id;
  const assigneeOptions = [
    ...(operators.data?.items ?? []).map((o) => ({ value: o.id, label: o.name })),
    ...(ticket.assignee && !operators.data?.items.some((o) => o.id === ticket.assignee?.id)
      ? [{ value: ticket.assignee.id, label: ticket.assignee.name }]
      : []),
  ];

  return (
    <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="md">
      <Stack gap="md" style={{ gridColumn: 'span 2' }} miw={0}>
        <Paper withBorder p="md">
          <Group justify="space-between" align="flex-start">
            <div>
              <Text size="sm" c="dimmed">
                {ticket.number}
              </Text>
              <Title order={2} size="h3">
                {ticket.subject}
              </Title>
            </div>
            <Group gap={6}>
              <Badge color={priorityColor[ticket.priority]} variant="light" autoContrast>
                {t(`support-desk.priority.${ticket.priority}`)}
              </Badge>
              <SlaBadge sla={ticket.sla} />
            </Group>
          </Group>
          {ticket.mergedInto && (
            <Alert mt="sm" color="gray">
              <Anchor component="button" onClick={() => onOpen(ticket.mergedInto?.id as string)}>
                {t('support-desk.merge.mergedInto', { number: ticket.mergedInto.number })}
              </Anchor>
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="md" spacing="sm">
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <Select
                style={{ flex: 1 }}
                label={t('support-desk.fields.assignee')}
                placeholder={t('support-desk.unassigned')}
                data={assigneeOptions}
                value={ticket.assignee?.id ?? null}
                onChange={(v) => change.mutate({ assigneeId: v })}
                clearable
                disabled={locked}
              />
              {ticket.assignee?.id !== myId && (
                <Button variant="light" onClick={() => change.mutate({ assigneeId: 'me' })} disabled={locked}>
                  {t('support-desk.take')}
                </Button>
              )}
            </Group>
            <Select
              label={t('support-desk.fields.status')}
              data={[
                ...((settableStatuses as readonly string[]).includes(ticket.status)
                  ? []
                  : [
                      {
                        value: ticket.status,
                        label: t(`support-desk.status.${ticket.status}`),
                        disabled: true,
                      },
                    ]),
                ...settableStatuses.map((s) => ({ value: s, label: t(`support-desk.status.${s}`) })),
              ]}
              value={ticket.status}
              onChange={(v) => v && v !== ticket.status && change.mutate({ status: v })}
              allowDeselect={false}
              disabled={locked}
            />
            <Select
              label={t('support-desk.fields.priority')}
              data={priorities.map((p) => ({ value: p, label: t(`support-desk.priority.${p}`) }))}
              value={ticket.priority}
              onChange={(v) => v && v !== ticket.priority && change.mutate({ priority: v })}
              allowDeselect={false}
              disabled={locked}
            />
            <Select
              label={t('support-desk.fields.queue')}
              data={(queues.data?.items ?? []).map((q) => ({ value: q.id, label: name(q) }))}
              value={ticket.queue?.id ?? null}
              onChange={(v) => change.mutate({ queueId: v })}
              disabled={locked}
            />
          </SimpleGrid>
          {!locked && <MergeButton ticket={ticket} onMerged={refresh} />}
        </Paper>
        <Thread ticket={ticket} />
        {!locked && <Composer ticket={ticket} onDone={refresh} />}
      </Stack>
      <SidePanel ticket={ticket} />
    </SimpleGrid>
  );
}

type Translate = (k: string, o?: Record<string, unknown>) => string;

function eventText(t: Translate, m: Message): string {
  const d = m.data;
  if (!d) return m.body;
  const status = (s: unknown) => t(`support-desk.status.${String(s)}`);
  const priority = (p: unknown) => t(`support-desk.priority.${String(p)}`);
  switch (d.type) {
    case 'status':
      return t('support-desk.event.status', { from: status(d.from), to: status(d.to) });
    case 'priority':
      return t('support-desk.event.priority', { from: priority(d.from), to: priority(d.to) });
    case 'assignee':
      return d.to
        ? t('support-desk.event.assignee', { name: d.toName ?? d.to })
        : t('support-desk.event.unassigned');
    case 'queue':
    case 'topic':
    case 'escalated':
      return t(`support-desk.event.${d.type}`);
    case 'merged':
      return t('support-desk.event.merged', { number: (d.into as { number: string }).number });
    case 'merged_from':
      return t('support-desk.event.merged_from', { number: (d.source as { number: string }).number });
    default:
      return m.body;
  }
}

function Thread({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const toKb = useMutation({
    mutationFn: (m: Message) =>
      desk.toKnowledgeBase({ title: ticket.subject, body: m.body, sourceTicketId: ticket.id }),
    onSuccess: () => notifications.show({ color: 'green', message: t('support-desk.thread.toKbDone') }),
    onError: () => notifications.show({ color: 'red', message: t('support-desk.thread.toKbFailed') }),
  });
  return (
    <Stack gap="sm" component="section" aria-label={t('support-desk.thread.title')}>
      {ticket.messages.map((m) =>
        m.kind === 'event' ? (
          <Text key={m.id} size="sm" c="dimmed" ta="center">
            {eventText(t as unknown as Translate, m)} · {m.author.name} · {format.dateTime(m.createdAt)}
          </Text>
        ) : (
          <Paper
            key={m.id}
            withBorder
            p="sm"
            data-kind={m.kind}
            bg={
              m.kind === 'note'
                ? 'var(--mantine-color-yellow-light)'
                : m.side === 'operator'
                  ? 'var(--mantine-color-blue-light)'
                  : undefined
            }
            ml={m.side === 'operator' ? 'xl' : 0}
            mr={m.side === 'requester' ? 'xl' : 0}
          >
            <Group justify="space-between" gap="xs">
              <Group gap={6}>
                {m.kind === 'note' && <IconLock size={14} aria-label={t('support-desk.thread.note')} />}
                <Text fw={600} size="sm">
                  {m.author.name}
                </Text>
                {m.kind === 'note' && (
                  <Badge size="xs" color="yellow" variant="filled" autoContrast>
                    {t('support-desk.thread.note')}
                  </Badge>
                )}
                {m.fromTicket && (
                  <Badge size="xs" variant="outline" color="gray" autoContrast>
                    {t('support-desk.thread.fromTicket', { number: m.fromTicket.number })}
                  </Badge>
                )}
              </Group>
              <Text size="xs" c="dimmed">
                {format.dateTime(m.createdAt)}
              </Text>
            </Group>
            <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {m.body}
            </Text>
            {m.kind === 'reply' && m.side === 'operator' && (
              <Button
                mt="xs"
                size="compact-xs"
                variant="subtle"
                leftSection={<IconBook size={14} />}
                loading={toKb.isPending && toKb.variables?.id === m.id}
                onClick={() => toKb.mutate(m)}
              >
                {t('support-desk.thread.toKb')}
              </Button>
            )}
          </Paper>
        ),
      )}
    </Stack>
  );
}

function MergeButton({ ticket, onMerged }: { ticket: TicketDetail; onMerged: (t: TicketDetail) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [number, setNumber] = useState('');
  const found = useQuery({
    queryKey: ['support-desk', 'merge-search', number],
    queryFn: () => desk.list({ q: number, limit: '10' }),
    enabled: open && number.trim().length >= 2,
  });
  const merge = useMutation({
    mutationFn: (intoId: string) => desk.merge(ticket.id, intoId),
    onSuccess: (target) => {
      setOpen(false);
      onMerged(target);
    },
    onError: (e) => notifications.show({ color: 'red', message: e.message }),
  });
  const candidates = (found.data?.items ?? []).filter(
    (i) => i.id !== ticket.id && i.status !== 'merged' && i.status !== 'closed',
  );
  return (
    <>
      <Button mt="sm" variant="default" size="xs" onClick={() => setOpen(true)}>
        {t('support-desk.merge.action')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('support-desk.merge.title')}>
        <Stack>
          <Text size="sm">{t('support-desk.merge.hint')}</Text>
          <TextInput
            label={t('support-desk.merge.search')}
            value={number}
            onChange={(e) => setNumber(e.currentTarget.value)}
            data-autofocus
          />
          {candidates.map((c) => (
            <Group key={c.id} justify="space-between" wrap="nowrap">
              <Box miw={0}>
                <Text size="sm" fw={600}>
                  {c.number}
                </Text>
                <Text size="sm" lineClamp={1}>
                  {c.subject}
                </Text>
              </Box>
              <Button size="xs" onClick={() => merge.mutate(c.id)} loading={merge.isPending}>
                {t('support-desk.merge.confirm')}
              </Button>
            </Group>
          ))}
        </Stack>
      </Modal>
    </>
  );
}

/** Beside the request: what it is about, its first-answer deadline, and the customer's whole picture (360°). */
function SidePanel({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap="sm" component="aside" aria-label={t('support-desk.side.title')}>
      {(ticket.context || (ticket.sla.firstResponseDueAt && !ticket.firstRespondedAt)) && (
        <Paper withBorder p="sm">
          <Stack gap={4}>
            {ticket.context && (
              <Text size="sm">
                {t('support-desk.side.context')}: {ticket.context.label}
              </Text>
            )}
            {ticket.sla.firstResponseDueAt && !ticket.firstRespondedAt && (
              <Text size="xs" c="dimmed">
                {t('support-desk.sla.firstResponse')} {format.dateTime(ticket.sla.firstResponseDueAt)}
              </Text>
            )}
          </Stack>
        </Paper>
      )}
      <Customer360Panel personId={ticket.requester.id} companyId={ticket.company?.id ?? null} />
    </Stack>
  );
}
