import {
  Anchor,
  Badge,
  Code,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { IconArrowLeft, IconFileText, IconMailOff, IconMailOpened } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { useFormat } from '../../ui/format';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { type DevMailMessage, devMailboxMessageQuery } from './api';
import classes from './devmail.module.css';
import { NoAccess } from './NoAccess';

const route = getRouteApi('/admin/mailbox/$messageId');

function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor
      size="sm"
      fw={500}
      underline="hover"
      renderRoot={(props) => <Link to="/admin/mailbox" {...props} />}
      className={classes.backLink}
    >
      <IconArrowLeft size={16} aria-hidden="true" />
      {t('devmail.backToList')}
    </Anchor>
  );
}

function Meta({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" className={classes.metaLabel}>
        {label}
      </Text>
      <Text size="sm" className={classes.metaValue}>
        {children}
      </Text>
    </div>
  );
}

function MessageView({ message }: { message: DevMailMessage }) {
  const { t } = useTranslation();
  const format = useFormat();
  const textBody = (
    <pre className={classes.text} data-testid="mail-text">
      {message.text}
    </pre>
  );
  return (
    <Stack gap="md">
      <Paper withBorder p={{ base: 'md', sm: 'lg' }}>
        <Title order={1} className={classes.messageTitle} data-testid="mail-subject">
          {message.subject}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md" mt="md">
          <Meta label={t('devmail.from')}>{message.from}</Meta>
          <Meta label={t('devmail.to')}>{message.to}</Meta>
          <Meta label={t('devmail.sentAt')}>
            <time dateTime={message.createdAt}>{format.dateTime(message.createdAt)}</time>
          </Meta>
          <Meta label={t('devmail.locale')}>
            <Badge size="sm" variant="light" color="gray" component="span">
              {format.language(message.locale)}
            </Badge>
          </Meta>
        </SimpleGrid>
      </Paper>
      <Paper withBorder p={{ base: 'xs', sm: 'md' }}>
        {message.html ? (
          <Tabs defaultValue="html" keepMounted={false}>
            <Tabs.List mb="sm">
              <Tabs.Tab value="html" leftSection={<IconMailOpened size={16} />}>
                {t('devmail.asHtml')}
              </Tabs.Tab>
              <Tabs.Tab value="text" leftSection={<IconFileText size={16} />}>
                {t('devmail.asText')}
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="html">
              {/* sandbox="" : no scripts, no same-origin access, no forms, no top navigation. */}
              <iframe
                className={classes.frame}
                title={t('devmail.htmlFrameTitle', { subject: message.subject })}
                sandbox=""
                srcDoc={message.html}
                referrerPolicy="no-referrer"
                data-testid="mail-html"
              />
            </Tabs.Panel>
            <Tabs.Panel value="text">{textBody}</Tabs.Panel>
          </Tabs>
        ) : (
          textBody
        )}
      </Paper>
    </Stack>
  );
}

/** Back office: one e-mail from the dev mailbox. */
export function MessagePage() {
  const { t } = useTranslation();
  const { messageId } = route.useParams();
  const message = useQuery(devMailboxMessageQuery(messageId));
  usePageTitle(message.data?.subject ?? t('devmail.title'));

  let body: React.ReactNode;
  if (message.isPending) {
    body = (
      <Stack gap="md" role="status" aria-busy="true" aria-label={t('common.loading')}>
        <Skeleton height={120} radius="lg" />
        <Skeleton height={360} radius="lg" />
      </Stack>
    );
  } else if (isApiError(message.error, 401, 403)) {
    body = <NoAccess />;
  } else if (isApiError(message.error, 404)) {
    body = (
      <StateMessage
        titleOrder={1}
        icon={<IconMailOff size={28} />}
        title={t('devmail.notFound.title')}
        description={t('devmail.notFound.description')}
      />
    );
  } else if (message.isError) {
    body = <ErrorState error={message.error} onRetry={() => void message.refetch()} />;
  } else {
    body = <MessageView message={message.data} />;
  }

  return (
    <Stack gap="md">
      <Group>
        <BackLink />
      </Group>
      {body}
      {message.data ? (
        <Text size="xs" c="dimmed">
          {t('devmail.messageId')} <Code>{message.data.id}</Code>
        </Text>
      ) : null}
    </Stack>
  );
}
