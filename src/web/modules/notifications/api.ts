import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';

/** A notification as the API returns it (src/modules/notifications/notifications.schema.ts). */
export interface AppNotification {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: AppNotification[];
  nextCursor: string | null;
}

const base = '/api/v1/me/notifications';
const rootKey = ['me', 'notifications'] as const;

/** How often the bell asks for the unread count while the page is open. */
export const UNREAD_POLL_MS = 45_000;

export const unreadCountQuery = queryOptions({
  queryKey: [...rootKey, 'unread-count'],
  queryFn: () => api<{ count: number }>(`${base}/unread-count`),
  refetchInterval: UNREAD_POLL_MS,
  refetchOnWindowFocus: true,
  meta: { needsPerson: true },
});

// The server picks the title and body language from Accept-Language: send the language the UI shows.
const languageHeaders = (language: string) => ({ 'Accept-Language': language });

/** The newest notifications, for the bell's drawer. */
export const latestNotificationsQuery = (language: string, limit = 10) =>
  queryOptions({
    queryKey: [...rootKey, 'latest', language, limit],
    queryFn: () => api<NotificationPage>(base, { query: { limit }, headers: languageHeaders(language) }),
    meta: { needsPerson: true },
  });

/** Every notification, page by page, for the full page. */
export const notificationPagesQuery = (language: string, pageSize = 20) =>
  infiniteQueryOptions({
    queryKey: [...rootKey, 'pages', language, pageSize],
    queryFn: ({ pageParam }) =>
      api<NotificationPage>(base, {
        query: { limit: pageSize, cursor: pageParam },
        headers: languageHeaders(language),
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    meta: { needsPerson: true },
  });

/** Marks notifications read (some ids, or all); every notification query is refreshed after it. */
export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (which: { ids: string[] } | { all: true }) =>
      api<{ marked: number; count: number }>(`${base}/read`, { method: 'POST', json: which }),
    onSuccess: (result) => {
      client.setQueryData(unreadCountQuery.queryKey, { count: result.count });
      return client.invalidateQueries({ queryKey: rootKey });
    },
  });
}
