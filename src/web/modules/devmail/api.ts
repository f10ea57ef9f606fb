import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api';

/** One message in the dev mailbox list (GET /api/v1/admin/dev-mailbox). */
export interface DevMailSummary {
  id: string;
  to: string;
  subject: string;
  locale: string;
  createdAt: string;
}

export interface DevMailPage {
  items: DevMailSummary[];
  nextCursor: string | null;
}

/** A full message (GET /api/v1/admin/dev-mailbox/{id}). */
export interface DevMailMessage extends DevMailSummary {
  from: string;
  text: string;
  html: string | null;
}

const PAGE_SIZE = 50;

/** The newest messages first; `to` keeps only those to one address. */
export const devMailboxListQuery = (to = '') =>
  infiniteQueryOptions({
    queryKey: ['admin', 'devMailbox', 'list', to],
    queryFn: ({ pageParam }) =>
      api<DevMailPage>('/api/v1/admin/dev-mailbox', {
        query: { limit: PAGE_SIZE, cursor: pageParam, ...(to ? { to } : {}) },
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });

export const devMailboxMessageQuery = (id: string) =>
  queryOptions({
    queryKey: ['admin', 'devMailbox', 'message', id],
    queryFn: () => api<DevMailMessage>(`/api/v1/admin/dev-mailbox/${encodeURIComponent(id)}`),
  });
