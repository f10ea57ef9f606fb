import { api } from '../../app/api';

export type Status = 'new' | 'open' | 'pending' | 'resolved' | 'closed' | 'merged';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export const priorities: Priority[] = ['low', 'normal', 'high', 'urgent'];
export const settableStatuses = ['open', 'pending', 'resolved', 'closed'] as const;

export interface Sla {
  target: 'first_response' | 'resolution' | null;
  dueAt: string | null;
  remainingMinutes: number | null;
  breached: boolean;
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
}

export interface TicketItem {
  id: string;
  number: string;
  subject: string;
  status: Status;
  priority: Priority;
  requester: { id: string; name: string };
  company: { id: string; name: string | null } | null;
  queueId: string | null;
  assignee: { id: string; name: string } | null;
  sla: Sla;
  lastMessageAt: string;
}

export interface Message {
  id: string;
  kind: 'reply' | 'note' | 'event';
  side: 'requester' | 'operator' | 'system';
  author: { id: string | null; name: string };
  body: string;
  data: ({ type: string } & Record<string, unknown>) | null;
  fromTicket: { id: string; number: string } | null;
  attachments: { id: string; fileName: string; size: number }[];
  createdAt: string;
}

export interface Named {
  id: string;
  key: string;
  nameRu: string;
  nameEn: string;
}

export interface TicketDetail extends Omit<TicketItem, 'queueId'> {
  locale: string;
  context: { kind: string; label: string; path?: string } | null;
  requester: { id: string; name: string; email: string | null; phone: string | null };
  queue: Named | null;
  topic: Named | null;
  firstRespondedAt: string | null;
  mergedInto: { id: string; number: string } | null;
  mergedFrom: { id: string; number: string }[];
  previousRequests: number;
  createdAt: string;
  messages: Message[];
}

export interface Counts {
  active: number;
  mine: number;
  unassigned: number;
  breached: number;
  queues: { queueId: string | null; count: number }[];
}

export interface Queue extends Named {
  roundRobin: boolean;
  active: boolean;
  members: { id: string; name: string }[];
}
export interface Topic extends Named {
  audiences: string[];
  queueId: string | null;
  defaultPriority: Priority;
  sort: number;
  active: boolean;
}
export interface Canned {
  id: string;
  title: string;
  body: string;
  locale: string | null;
  queueId: string | null;
}
export interface Macro {
  id: string;
  name: string;
  actions: Record<string, string>;
}
export interface Operator {
  id: string;
  name: string;
  email: string;
}

const base = '/api/v1/admin/support';

/** The sidebar filters, as list query parameters. */
export type Filter = 'active' | 'mine' | 'unassigned' | 'breached' | `queue:${string}`;
export function filterQuery(filter: Filter): Record<string, string> {
  if (filter === 'mine') return { status: 'active', assignee: 'me' };
  if (filter === 'unassigned') return { status: 'active', assignee: 'unassigned' };
  if (filter === 'breached') return { status: 'active', sla: 'breached' };
  if (filter.startsWith('queue:')) return { status: 'active', queue: filter.slice(6) };
  return { status: 'active' };
}

export const desk = {
  list: (query: Record<string, string>) =>
    api<{ items: TicketItem[]; nextCursor: string | null }>(`${base}/tickets`, { query }),
  counts: () => api<Counts>(`${base}/counts`),
  ticket: (id: string) => api<TicketDetail>(`${base}/tickets/${id}`),
  reply: (id: string, body: { body: string; status: string; cannedReplyId?: string }) =>
    api<{ ticket: TicketDetail }>(`${base}/tickets/${id}/replies`, { method: 'POST', json: body }),
  note: (id: string, body: string) =>
    api<{ ticket: TicketDetail }>(`${base}/tickets/${id}/notes`, { method: 'POST', json: { body } }),
  change: (id: string, patch: Record<string, unknown>) =>
    api<TicketDetail>(`${base}/tickets/${id}`, { method: 'PATCH', json: patch }),
  merge: (id: string, intoId: string) =>
    api<TicketDetail>(`${base}/tickets/${id}/merge`, { method: 'POST', json: { intoId } }),
  render: (id: string, replyId: string) =>
    api<{ body: string }>(`${base}/tickets/${id}/canned/${replyId}/render`),
  applyMacro: (id: string, macroId: string) =>
    api<TicketDetail>(`${base}/tickets/${id}/macros/${macroId}/apply`, { method: 'POST' }),
  canned: (q?: string) => api<{ items: Canned[] }>(`${base}/canned`, { query: { q } }),
  macros: () => api<{ items: Macro[] }>(`${base}/macros`),
  queues: () => api<{ items: Queue[] }>(`${base}/queues`),
  topics: () => api<{ items: Topic[] }>(`${base}/topics`),
  operators: () => api<{ items: Operator[] }>(`${base}/operators`),
  /** Knowledge base (branch `kb`): turns an answer into a draft article. */
  toKnowledgeBase: (input: { title: string; body: string; sourceTicketId: string }) =>
    api<{ id: string }>('/api/v1/admin/kb/articles/from-answer', { method: 'POST', json: input }),
  save: <T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, json?: unknown) =>
    api<T>(`${base}/${path}`, { method, ...(json === undefined ? {} : { json }) }),
};
