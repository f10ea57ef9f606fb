import { useRouter } from '@tanstack/react-router';
import type { AppNotification } from './api';
import { useMarkRead } from './api';

/** Opening a notification marks it read and goes to its in-app link (if it has one). */
export function useOpenNotification(onOpened?: () => void) {
  const router = useRouter();
  const markRead = useMarkRead();
  return (item: AppNotification) => {
    if (item.readAt === null) markRead.mutate({ ids: [item.id] });
    onOpened?.();
    // Only in-app paths are followed: a link is a path like /orders/<id>, never another site.
    if (item.link?.startsWith('/') && !item.link.startsWith('//')) void router.navigate({ to: item.link });
  };
}
