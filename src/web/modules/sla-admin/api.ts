import { queryOptions } from '@tanstack/react-query';
import { ApiError, api } from '../../app/api';

const base = '/api/v1/admin/sla';

export const priorities = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof priorities)[number];
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

export interface Interval {
  start: string;
  end: string;
}
export interface Calendar {
  timeZone: string;
  weeklyHours: Record<Weekday, Interval[]>;
}
export interface CalendarDay {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
  hours: Interval[] | null;
}
export interface Policy {
  id: string;
  priority: Priority;
  customerGroupId: string | null;
  customerGroupName: string | null;
  firstResponseMinutes: number;
  resolutionMinutes: number;
}
export interface Preview {
  policyId: string | null;
  start: string;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  firstResponseDueAt: string;
  resolutionDueAt: string;
  timeZone: string;
}

const key = ['sla-admin'] as const;
export const calendarQuery = queryOptions({
  queryKey: [...key, 'calendar'],
  queryFn: () => api<Calendar>(`${base}/calendar`),
});
export const daysQuery = (year: number) =>
  queryOptions({
    queryKey: [...key, 'days', year],
    queryFn: async () => (await api<{ items: CalendarDay[] }>(`${base}/days`, { query: { year } })).items,
  });
export const policiesQuery = queryOptions({
  queryKey: [...key, 'policies'],
  queryFn: async () => (await api<{ items: Policy[] }>(`${base}/policies`)).items,
});
export const groupsQuery = queryOptions({
  queryKey: [...key, 'groups'],
  queryFn: async () =>
    (await api<{ items: { id: string; name: string }[] }>(`${base}/customer-groups`)).items,
});
export const previewQuery = (priority: Priority, customerGroupId: string | null) =>
  queryOptions({
    queryKey: [...key, 'preview', priority, customerGroupId],
    queryFn: () => api<Preview>(`${base}/preview`, { query: { priority, customerGroupId } }),
  });
/** Every query of the page: a change to any setting can move every deadline. */
export const allSlaQueries = key;

/** Sends a JSON write to the SLA back office. */
export function send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, json?: unknown) {
  return api<T>(`${base}${path}`, { method, ...(json === undefined ? {} : { json }) });
}

/** An API error's field messages as one readable text. */
export function problemText(error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const fields = error.errors.map((e) => `${e.path.replace(/^body\./, '')}: ${e.message}`);
  return fields.length ? fields.join('; ') : error.message;
}
