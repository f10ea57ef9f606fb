import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { TicketContext, TicketPriority, TicketStatus } from '../../../shared/support';
import { api } from '../../app/api';

/** Whose requests a page shows: mine (`/me/support`) or a company's (`/orgs/{orgId}/support`). */
export type SupportScope = { kind: 'me' } | { kind: 'org'; orgId: string };

export const scopeOf = (orgId: string | undefined): SupportScope =>
  orgId ? { kind: 'org', orgId } : { kind: 'me' };
export const apiBase = (s: SupportScope) =>
  s.kind === 'me' ? '/api/v1/me/support' : `/api/v1/orgs/${encodeURIComponent(s.orgId)}/support`;
/** The client path of the scope's pages. */
export const pageBase = (s: SupportScope) => (s.kind === 'me' ? '/support' : `/orgs/${s.orgId}/support`);
const keyOf = (s: SupportScope) => ['support', s.kind === 'me' ? 'me' : s.orgId];

/** Files the server accepts: photos and PDF, 10 MB each, 5 per message. */
export const acceptedFiles = 'image/jpeg,image/png,image/webp,application/pdf';
export const maxFileBytes = 10 * 1024 * 1024;
export const maxFiles = 5;
/** How often an open request page asks for new messages (paused while the tab is hidden). */
export const threadPollMs = 4000;

export interface Topic {
  id: string;
  key: string;
  name: string;
  defaultPriority: TicketPriority;
}

export interface TicketSummary {
  id: string;
  number: string;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  topic: { id: string; name: string } | null;
  requesterName: string;
  context: TicketContext | null;
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
  firstRespondedAt: string | null;
  lastMessageAt: string;
  createdAt: string;
}

export interface TicketMessage {
  id: string;
  kind: 'reply' | 'event';
  side: 'requester' | 'operator' | 'system';
  authorName: string;
  mine: boolean;
  body: string;
  data: { status?: [string, string]; auto?: boolean } | null;
  attachments: { id: string; fileName: string; contentType: string; size: number; url: string }[];
  createdAt: string;
}

export interface Ticket extends TicketSummary {
  resolvedAt: string | null;
  closedAt: string | null;
  mergedInto: { id: string; number: string } | null;
  rating: { rating: number; comment: string | null; ratedAt: string } | null;
  can: { reply: boolean; close: boolean; rate: boolean };
  messages: TicketMessage[];
}

export const topicsQuery = (s: SupportScope) =>
  queryOptions({
    queryKey: [...keyOf(s), 'topics'],
    queryFn: () => api<{ items: Topic[] }>(`${apiBase(s)}/topics`),
    staleTime: 5 * 60_000,
  });

export const ticketsQuery = (s: SupportScope, status: 'open' | 'closed' | 'all', q: string) =>
  infiniteQueryOptions({
    queryKey: [...keyOf(s), 'list', status, q],
    queryFn: ({ pageParam }) =>
      api<{ items: TicketSummary[]; nextCursor: string | null }>(`${apiBase(s)}/tickets`, {
        query: { status, q: q.trim() || undefined, cursor: pageParam, limit: 25 },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const ticketQuery = (s: SupportScope, id: string) =>
  queryOptions({
    queryKey: [...keyOf(s), 'ticket', id],
    queryFn: () => api<Ticket>(`${apiBase(s)}/tickets/${id}`),
    // The thread refreshes itself so an operator's answer appears without reloading.
    refetchInterval: threadPollMs,
  });

export const listKey = (s: SupportScope) => [...keyOf(s), 'list'];
export const ticketKey = (s: SupportScope, id: string) => [...keyOf(s), 'ticket', id];

/** Files that the server would refuse, named, before anything is sent. */
export function rejectedFiles(files: File[]): string[] {
  const allowed = acceptedFiles.split(',');
  return files.filter((f) => f.size > maxFileBytes || !allowed.includes(f.type)).map((f) => f.name);
}

export const isWaiting = (t: TicketSummary) => t.status === 'new' || t.status === 'open';
