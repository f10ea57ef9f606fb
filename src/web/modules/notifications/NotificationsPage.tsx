import { Button, Group, Paper, Stack } from '@mantine/core';
import { IconBell, IconChecks } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { SignedInOnly } from '../profile/SignedInOnly';
import { notificationPagesQuery, unreadCountQuery, useMarkRead } from './api';
import { NotificationItem } from './NotificationItem';
import { useOpenNotification } from './useOpenNotification';

/** Every notification of the signed-in person, newest first, page by page. */
export function NotificationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('notifications.title'));
  return (
    <SignedInOnly>
      <Notifications />
    </SignedInOnly>
  );
}

function Notifications() {
  const { t, i18n } = useTranslation();
  const pages = useInfiniteQuery(notificationPagesQuery(i18n.language));
  const unread = useQuery(unreadCountQuery);
  const markRead = useMarkRead();
  const openItem = useOpenNotification();
  const items = pages.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap={0} maw={820}>
      <PageHeader
        title={t('notifications.title')}
        description={t('notifications.description')}
        actions={
          <Button
            variant="light"
            leftSection={<IconChecks size={16} aria-hidden="true" />}
            disabled={(unread.data?.count ?? 0) === 0}
            loading={markRead.isPending}
            onClick={() => markRead.mutate({ all: true })}
          >
            {t('notifications.markAllRead')}
          </Button>
        }
      />
      {pages.isPending ? (
        <ListSkeleton />
      ) : pages.isError ? (
        <ErrorState error={pages.error} onRetry={() => void pages.refetch()} />
      ) : items.length === 0 ? (
        <StateMessage
          role="status"
          testId="notifications-empty"
          icon={<IconBell size={28} />}
          title={t('notifications.empty')}
          description={t('notifications.emptyDescription')}
        />
      ) : (
        <Stack gap="md">
          <Paper withBorder p="xs">
            <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {items.map((item) => (
                <li key={item.id}>
                  <NotificationItem item={item} onOpen={openItem} />
                </li>
              ))}
            </Stack>
          </Paper>
          {pages.hasNextPage ? (
            <Group justify="center">
              <Button
                variant="default"
                loading={pages.isFetchingNextPage}
                onClick={() => void pages.fetchNextPage()}
              >
                {t('notifications.loadMore')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      )}
    </Stack>
  );
}
