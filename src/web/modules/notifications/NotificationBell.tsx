import { ActionIcon, Button, Divider, Drawer, Group, Indicator, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBell, IconChecks } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/contexts';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState } from '../../ui/StatusState';
import { latestNotificationsQuery, unreadCountQuery, useMarkRead } from './api';
import { NotificationItem } from './NotificationItem';
import { useOpenNotification } from './useOpenNotification';

/** The header's bell: the unread badge (polled) and a drawer with the latest notifications. */
export function NotificationBell() {
  const me = useMe();
  if (me.data?.user.kind !== 'person') return null;
  return <Bell />;
}

function Bell() {
  const { t, i18n } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const unread = useQuery(unreadCountQuery);
  const count = unread.data?.count ?? 0;
  const label = count > 0 ? t('notifications.bellUnread', { count }) : t('notifications.bell');
  return (
    <>
      <Indicator
        label={count > 99 ? '99+' : count}
        size={18}
        offset={4}
        color="red"
        disabled={count === 0}
        data-testid="notification-badge"
      >
        <ActionIcon
          variant="default"
          size={34}
          radius="md"
          aria-label={label}
          aria-haspopup="dialog"
          aria-expanded={opened}
          onClick={open}
          data-testid="notification-bell"
        >
          <IconBell size={18} stroke={1.8} aria-hidden="true" />
        </ActionIcon>
      </Indicator>
      <Drawer
        opened={opened}
        onClose={close}
        position="right"
        size={360}
        title={t('notifications.title')}
        closeButtonProps={{ 'aria-label': t('notifications.close') }}
        data-testid="notification-drawer"
      >
        {opened ? <Latest language={i18n.language} unread={count} onNavigate={close} /> : null}
      </Drawer>
    </>
  );
}

function Latest({
  language,
  unread,
  onNavigate,
}: {
  language: string;
  unread: number;
  onNavigate: () => void;
}) {
  const { t } = useTranslation();
  const latest = useQuery(latestNotificationsQuery(language));
  const markRead = useMarkRead();
  const openItem = useOpenNotification(onNavigate);

  return (
    <Stack gap="xs">
      <Group justify="space-between" gap="xs">
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconChecks size={16} aria-hidden="true" />}
          disabled={unread === 0}
          loading={markRead.isPending}
          onClick={() => markRead.mutate({ all: true })}
        >
          {t('notifications.markAllRead')}
        </Button>
        <Button
          variant="subtle"
          size="compact-sm"
          renderRoot={(props) => <Link to="/notifications" onClick={onNavigate} {...props} />}
        >
          {t('notifications.showAll')}
        </Button>
      </Group>
      <Divider />
      {latest.isPending ? (
        <ListSkeleton rows={4} />
      ) : latest.isError ? (
        <ErrorState error={latest.error} onRetry={() => void latest.refetch()} titleOrder={3} />
      ) : latest.data.items.length === 0 ? (
        <Text c="dimmed" size="sm" ta="center" py="lg" role="status">
          {t('notifications.empty')}
        </Text>
      ) : (
        <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {latest.data.items.map((item) => (
            <li key={item.id}>
              <NotificationItem item={item} onOpen={openItem} />
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
