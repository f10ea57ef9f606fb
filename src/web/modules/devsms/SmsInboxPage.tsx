import { ActionIcon, Badge, Button, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconMessageOff, IconRefresh } from '@tabler/icons-react';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../../shared/phone';
import { api, isApiError } from '../../app/api';
import { useFormat } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { NoAccess } from '../devmail/NoAccess';

interface DevSms {
  id: string;
  to: string;
  text: string;
  purpose: string;
  createdAt: string;
}

const devSmsListQuery = infiniteQueryOptions({
  queryKey: ['admin', 'devSms', 'list'],
  queryFn: ({ pageParam }) =>
    api<{ items: DevSms[]; nextCursor: string | null }>('/api/v1/admin/dev-sms', {
      query: { limit: 50, cursor: pageParam },
    }),
  initialPageParam: null as string | null,
  getNextPageParam: (page) => page.nextCursor,
});

/** Back office: the text messages the portal "sent" while no SMS gateway is configured (SMS_PROVIDER=dev). */
export function SmsInboxPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useInfiniteQuery(devSmsListQuery);
  usePageTitle(t('devsms.title'));
  const messages = list.data?.pages.flatMap((page) => page.items) ?? [];
  const denied = isApiError(list.error, 401, 403);

  let body: React.ReactNode;
  if (list.isPending) body = <ListSkeleton />;
  else if (denied) body = <NoAccess />;
  else if (list.isError && messages.length === 0) {
    body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  } else if (messages.length === 0) {
    body = (
      <StateMessage
        testId="sms-empty"
        role="status"
        icon={<IconMessageOff size={28} />}
        title={t('devsms.empty.title')}
        description={t('devsms.empty.description')}
      />
    );
  } else {
    body = (
      <Stack gap="md">
        <Stack
          gap="sm"
          component="ul"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('devsms.listLabel')}
        >
          {messages.map((sms) => (
            <Paper withBorder p="md" component="li" key={sms.id} data-testid="sms-row">
              <Group justify="space-between" gap="xs" wrap="wrap">
                <Text fw={600}>{formatPhone(sms.to)}</Text>
                <Group gap={8}>
                  <Badge size="xs" variant="light" color="gray">
                    {sms.purpose}
                  </Badge>
                  <Text
                    size="xs"
                    c="dimmed"
                    component="time"
                    dateTime={sms.createdAt}
                    title={format.dateTime(sms.createdAt)}
                  >
                    {format.relative(sms.createdAt)}
                  </Text>
                </Group>
              </Group>
              <Text mt={6} style={{ overflowWrap: 'anywhere' }} data-testid="sms-text">
                {sms.text}
              </Text>
            </Paper>
          ))}
        </Stack>
        {list.hasNextPage ? (
          <Button
            variant="default"
            style={{ alignSelf: 'flex-start' }}
            loading={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
          >
            {t('devsms.loadMore')}
          </Button>
        ) : null}
      </Stack>
    );
  }

  return (
    <>
      <PageHeader
        title={t('devsms.title')}
        description={t('devsms.description')}
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
      {body}
    </>
  );
}
