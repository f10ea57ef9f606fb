import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  FileInput,
  Group,
  Paper,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketStatus } from '../../../shared/support';
import { api } from '../../app/api';
import { useFormat } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { PageSkeleton } from '../../ui/Skeletons';
import { ErrorState } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { sendWithFiles } from '../order-aftercare/api';
import {
  acceptedFiles,
  apiBase,
  listKey,
  maxFiles,
  pageBase,
  rejectedFiles,
  type SupportScope,
  scopeOf,
  type Ticket,
  type TicketMessage,
  ticketKey,
  ticketQuery,
} from './api';
import { problemText } from './NewRequestPage';
import { promisedBy } from './RequestsPage';
import { TicketStatusBadge } from './StatusBadge';

/** One request: its state, the chat-like thread (refreshing itself), the reply box, close and rating. */
export function RequestPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { orgId, ticketId } = useParams({ strict: false }) as { orgId?: string; ticketId: string };
  const scope = scopeOf(orgId);
  const ticket = useQuery(ticketQuery(scope, ticketId));
  usePageTitle(ticket.data ? `${ticket.data.number} · ${ticket.data.subject}` : t('support.title'));
  if (ticket.isPending) return <PageSkeleton />;
  if (ticket.isError) return <ErrorState error={ticket.error} onRetry={() => void ticket.refetch()} />;
  const r = ticket.data;
  const due = promisedBy(r);
  return (
    <Stack gap="md" maw={860}>
      <PageHeader
        title={r.subject}
        above={
          <Anchor size="sm" component={Link} to={pageBase(scope)}>
            {t('support.back')}
          </Anchor>
        }
        actions={r.can.close ? <CloseButton scope={scope} ticket={r} /> : undefined}
      />
      <Group gap="xs" wrap="wrap">
        <Text fw={600} data-testid="request-number">
          {r.number}
        </Text>
        <TicketStatusBadge status={r.status} />
        {r.topic ? (
          <Text size="sm" c="dimmed">
            {r.topic.name}
          </Text>
        ) : null}
        {r.context ? (
          <Badge variant="outline" style={{ textTransform: 'none' }}>
            {r.context.path ? (
              <Anchor component={Link} to={r.context.path} size="xs">
                {t(`support.context.${r.context.kind}`, { label: r.context.label })}
              </Anchor>
            ) : (
              t(`support.context.${r.context.kind}`, { label: r.context.label })
            )}
          </Badge>
        ) : null}
      </Group>
      {due ? (
        <Text size="sm" c="blue.8" data-testid="request-due">
          {t('support.answerBy', { when: f.dateTime(due) })}
        </Text>
      ) : null}
      {r.mergedInto ? (
        <Alert color="gray">
          {t('support.mergedInto')}{' '}
          <Anchor component={Link} to={`${pageBase(scope)}/${r.mergedInto.id}`}>
            {r.mergedInto.number}
          </Anchor>
        </Alert>
      ) : null}
      <Stack gap="sm" aria-live="polite" data-testid="request-thread">
        {r.messages.map((m) => (
          <Message key={m.id} message={m} />
        ))}
      </Stack>
      {r.can.reply ? <Composer scope={scope} ticket={r} /> : null}
      {r.status === 'closed' && !r.can.reply ? (
        <Text size="sm" c="dimmed">
          {t('support.closedHint')}{' '}
          <Anchor component={Link} to={`${pageBase(scope)}/new`}>
            {t('support.new')}
          </Anchor>
        </Text>
      ) : null}
      {r.can.rate ? <RatingForm scope={scope} ticket={r} /> : null}
      {r.rating ? (
        <Card withBorder data-testid="request-rated">
          <Text size="sm" fw={600}>
            {t('support.rating.thanks')}
          </Text>
          {/* Plain stars with one label: Mantine's read-only Rating puts aria-label on a div without a role (axe). */}
          <Text
            c="yellow.7"
            size="lg"
            role="img"
            aria-label={t('support.rating.value', { n: r.rating.rating })}
          >
            {'★'.repeat(r.rating.rating)}
            {'☆'.repeat(5 - r.rating.rating)}
          </Text>
          {r.rating.comment ? <Text size="sm">{r.rating.comment}</Text> : null}
        </Card>
      ) : null}
    </Stack>
  );
}

function Message({ message: m }: { message: TicketMessage }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (m.kind === 'event') {
    const [from, to] = (m.data?.status ?? []) as [TicketStatus?, TicketStatus?];
    return (
      <Text size="xs" c="dimmed" ta="center" data-testid="thread-event">
        {to
          ? t(m.data?.auto ? 'support.events.autoClosed' : 'support.events.status', {
              from: from ? t(`support.statuses.${from}`) : '',
              to: t(`support.statuses.${to}`),
            })
          : m.body}{' '}
        · {f.dateTime(m.createdAt)}
      </Text>
    );
  }
  const mine = m.side === 'requester';
  return (
    <Box style={{ display: 'flex', justifyContent: mine ? 'flex-end' : 'flex-start' }}>
      <Paper
        withBorder
        p="sm"
        radius="md"
        maw="85%"
        bg={mine ? 'var(--mantine-color-blue-light)' : undefined}
        data-testid={mine ? 'bubble-requester' : 'bubble-operator'}
      >
        <Text size="xs" c="dimmed">
          {m.mine ? t('support.you') : m.authorName} · {f.dateTime(m.createdAt)}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {m.body}
        </Text>
        {m.attachments.length > 0 ? (
          <Stack gap={2} mt={4}>
            {m.attachments.map((a) => (
              <Anchor key={a.id} href={a.url} size="xs" download>
                <IconPaperclip size={12} aria-hidden="true" /> {a.fileName}
              </Anchor>
            ))}
          </Stack>
        ) : null}
      </Paper>
    </Box>
  );
}

function useRefresh(scope: SupportScope) {
  const client = useQueryClient();
  return (updated: Ticket) => {
    client.setQueryData(ticketKey(scope, updated.id), updated);
    void client.invalidateQueries({ queryKey: listKey(scope) });
  };
}

function Composer({ scope, ticket }: { scope: SupportScope; ticket: Ticket }) {
  const { t } = useTranslation();
  const refresh = useRefresh(scope);
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const refused = rejectedFiles(files);
  const send = useMutation({
    mutationFn: () =>
      sendWithFiles<Ticket>(
        `${apiBase(scope)}/tickets/${ticket.id}/messages`,
        { body: body.trim() },
        'files',
        files,
      ),
    onSuccess: (updated) => {
      setBody('');
      setFiles([]);
      refresh(updated);
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (body.trim() && refused.length === 0 && files.length <= maxFiles) send.mutate();
      }}
    >
      <Stack gap="xs">
        <Textarea
          label={t('support.reply')}
          autosize
          minRows={3}
          maxLength={10_000}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          data-testid="reply-body"
        />
        <Group align="flex-end" wrap="wrap">
          <FileInput
            aria-label={t('support.form.files')}
            placeholder={t('support.form.files')}
            multiple
            clearable
            accept={acceptedFiles}
            leftSection={<IconPaperclip size={16} aria-hidden="true" />}
            value={files}
            onChange={setFiles}
            style={{ flex: '1 1 12rem' }}
            error={
              refused.length > 0 ? t('support.form.filesRefused', { names: refused.join(', ') }) : undefined
            }
          />
          <Button type="submit" loading={send.isPending} disabled={!body.trim()} data-testid="reply-send">
            {t('support.send')}
          </Button>
        </Group>
        {send.isError ? (
          <Alert color="red" role="alert">
            {problemText(send.error, t('support.form.failed'))}
          </Alert>
        ) : null}
      </Stack>
    </form>
  );
}

function CloseButton({ scope, ticket }: { scope: SupportScope; ticket: Ticket }) {
  const { t } = useTranslation();
  const refresh = useRefresh(scope);
  const close = useMutation({
    mutationFn: () => api<Ticket>(`${apiBase(scope)}/tickets/${ticket.id}/close`, { method: 'POST' }),
    onSuccess: refresh,
  });
  return (
    <Button
      variant="default"
      onClick={() => close.mutate()}
      loading={close.isPending}
      data-testid="request-close"
    >
      {t('support.close')}
    </Button>
  );
}

function RatingForm({ scope, ticket }: { scope: SupportScope; ticket: Ticket }) {
  const { t } = useTranslation();
  const refresh = useRefresh(scope);
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const rate = useMutation({
    mutationFn: () =>
      api<Ticket>(`${apiBase(scope)}/tickets/${ticket.id}/rating`, {
        method: 'POST',
        json: { rating, ...(comment.trim() ? { comment: comment.trim() } : {}) },
      }),
    onSuccess: refresh,
  });
  return (
    <Card withBorder data-testid="request-rating">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (rating > 0) rate.mutate();
        }}
      >
        <Stack gap="xs">
          <Text fw={600} id="rating-label">
            {t('support.rating.title')}
          </Text>
          <Group gap="xs" role="radiogroup" aria-labelledby="rating-label">
            {[1, 2, 3, 4, 5].map((n) => (
              <Button
                key={n}
                variant={rating >= n ? 'filled' : 'default'}
                color="yellow"
                size="compact-md"
                role="radio"
                aria-checked={rating === n}
                aria-label={t('support.rating.value', { n })}
                onClick={() => setRating(n)}
                data-testid={`rating-${n}`}
              >
                ★
              </Button>
            ))}
          </Group>
          <Textarea
            label={t('support.rating.comment')}
            autosize
            minRows={2}
            maxLength={2000}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            data-testid="rating-comment"
          />
          {rate.isError ? (
            <Alert color="red" role="alert">
              {problemText(rate.error, t('support.form.failed'))}
            </Alert>
          ) : null}
          <Group>
            <Button
              type="submit"
              disabled={rating === 0}
              loading={rate.isPending}
              data-testid="rating-submit"
            >
              {t('support.rating.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
