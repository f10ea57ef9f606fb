import { Box, Group, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import type { AppNotification } from './api';
import classes from './notifications.module.css';

interface NotificationItemProps {
  item: AppNotification;
  /** Marks the notification read and follows its link. */
  onOpen: (item: AppNotification) => void;
}

/** One notification: title, body and time; unread ones carry a dot and a hidden "Unread" label. */
export function NotificationItem({ item, onOpen }: NotificationItemProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const unread = item.readAt === null;
  return (
    <UnstyledButton
      className={classes.item}
      data-unread={unread || undefined}
      data-testid="notification-item"
      onClick={() => onOpen(item)}
    >
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Box className={classes.dot} data-unread={unread || undefined} aria-hidden="true" mt={6} />
        <Box miw={0} style={{ flex: 1 }}>
          <Text fw={unread ? 600 : 500} size="sm" className={classes.title}>
            {unread ? <span className={classes.srOnly}>{t('notifications.unread')}: </span> : null}
            {item.title}
          </Text>
          <Text size="sm" c="dimmed" className={classes.body}>
            {item.body}
          </Text>
          <Text
            size="xs"
            c="dimmed"
            component="time"
            dateTime={item.createdAt}
            title={format.dateTime(item.createdAt)}
          >
            {format.relative(item.createdAt)}
          </Text>
        </Box>
      </Group>
    </UnstyledButton>
  );
}
