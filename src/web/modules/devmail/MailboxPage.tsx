import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconChevronRight, IconInbox, IconMail, IconRefresh } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { useFormat } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { type DevMailSummary, devMailboxListQuery } from './api';
import classes from './devmail.module.css';
import { NoAccess } from './NoAccess';

function MessageRow({ message }: { message: DevMailSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const sentAt = (
    <Text
      size="xs"
      c="dimmed"
      component="time"
      dateTime={message.createdAt}
      title={format.dateTime(message.createdAt)}
    >
      {format.relative(message.createdAt)}
    </Text>
  );
  const localeBadge = (
    <Badge size="xs" variant="light" color="gray" aria-label={format.language(message.locale)}>
      {message.locale}
    </Badge>
  );
  return (
    <li>
      <UnstyledButton
        className={classes.row}
        renderRoot={(props) => (
          <Link to="/admin/mailbox/$messageId" params={{ messageId: message.id }} {...props} />
        )}
        data-testid="mail-row"
      >
        <ThemeIcon size={38} radius="xl" variant="light" aria-hidden="true" visibleFrom="xs">
          <IconMail size={20} stroke={1.7} />
        </ThemeIcon>
        <div className={classes.rowBody}>
          <Text fw={600} className={classes.subject} data-testid="mail-row-subject">
            {message.subject}
          </Text>
          <Text size="sm" c="dimmed" truncate>
            {t('devmail.toLine', { to: message.to })}
          </Text>
          {/* On a phone the date goes under the subject, leaving the subject the full width. */}
          <Group gap={8} mt={4} hiddenFrom="xs">
            {sentAt}
            {localeBadge}
          </Group>
        </div>
        <Stack gap={4} align="flex-end" className={classes.rowMeta} visibleFrom="xs">
          {sentAt}
          {localeBadge}
        </Stack>
        <IconChevronRight size={18} className={classes.chevron} aria-hidden="true" />
      </UnstyledButton>
    </li>
  );
}

/** Back office: the list of e-mails the portal "sent" while no SMTP server is configured. */
export function MailboxPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [to, setTo] = useState('');
  const [debouncedTo] = useDebouncedValue(to.trim().toLowerCase(), 300);
  // Only a whole address filters: the server matches the recipient exactly.
  const list = useInfiniteQuery(devMailboxListQuery(debouncedTo.includes('@') ? debouncedTo : ''));
  usePageTitle(t('devmail.title'));
  const messages = list.data?.pages.flatMap((page) => page.items) ?? [];
  const denied = isApiError(list.error, 401, 403);

  let body: React.ReactNode;
  if (list.isPending) {
    body = <ListSkeleton />;
  } else if (denied) {
    body = <NoAccess />;
  } else if (list.isError && messages.length === 0) {
    body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  } else if (messages.length === 0) {
    body = (
      <StateMessage
        testId="mailbox-empty"
        role="status"
        icon={<IconInbox size={28} />}
        title={t('devmail.empty.title')}
        description={t('devmail.empty.description')}
      />
    );
  } else {
    body = (
      <Stack gap="md">
        <Paper withBorder className={classes.listPaper}>
          <ul className={classes.list} aria-label={t('devmail.listLabel')} data-testid="mail-list">
            {messages.map((message) => (
              <MessageRow key={message.id} message={message} />
            ))}
          </ul>
        </Paper>
        <Group justify="space-between" gap="sm">
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('devmail.shown', { count: messages.length, formatted: format.number(messages.length) })}
          </Text>
          {list.hasNextPage ? (
            <Button
              variant="default"
              loading={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              {t('devmail.loadMore')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    );
  }

  return (
    <>
      <PageHeader
        title={t('devmail.title')}
        description={t('devmail.description')}
        actions={
          denied ? null : (
            <Tooltip label={t('common.refresh')} openDelay={400}>
              <ActionIcon
                variant="default"
                size="lg"
                aria-label={t('common.refresh')}
                onClick={() => void list.refetch()}
                loading={list.isRefetching && !list.isFetchingNextPage}
              >
                <IconRefresh size={18} />
              </ActionIcon>
            </Tooltip>
          )
        }
      />
      {denied ? null : (
        <TextInput
          type="email"
          label={t('devmail.filterTo')}
          placeholder="name@example.ru"
          value={to}
          onChange={(event) => setTo(event.currentTarget.value)}
          mb="md"
          maw={420}
          data-testid="mailbox-filter-to"
        />
      )}
      {body}
    </>
  );
}
