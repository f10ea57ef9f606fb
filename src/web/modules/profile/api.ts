import { queryOptions } from '@tanstack/react-query';
import { ApiError, api, type Problem } from '../../app/api';

/** The signed-in person's profile (GET /api/v1/me/profile). */
export interface Profile {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  phone: string | null;
  avatarUrl: string | null;
  locale: 'ru' | 'en';
  timeZone: string;
  createdAt: string;
  pendingEmail: { email: string; expiresAt: string } | null;
}

/** A signed-in browser or device (GET /api/v1/me/sessions). */
export interface SessionItem {
  id: string;
  current: boolean;
  browser: string | null;
  os: string | null;
  device: string;
  ipAddress: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

/** A data export (GET /api/v1/me/data-exports). */
export interface DataExport {
  id: string;
  status: 'queued' | 'ready' | 'failed';
  progress: number;
  size: number | null;
  createdAt: string;
  readyAt: string | null;
  expiresAt: string | null;
}

export interface DeletionState {
  deletion: { requestedAt: string; eraseAfter: string } | null;
  graceDays: number;
}

export const profileQuery = queryOptions({
  queryKey: ['me', 'profile'],
  queryFn: () => api<Profile>('/api/v1/me/profile'),
  meta: { needsPerson: true },
});

export const sessionsQuery = queryOptions({
  queryKey: ['me', 'sessions'],
  queryFn: () => api<{ items: SessionItem[] }>('/api/v1/me/sessions'),
  meta: { needsPerson: true },
});

export const dataExportsQuery = queryOptions({
  queryKey: ['me', 'data-exports'],
  queryFn: () => api<{ items: DataExport[] }>('/api/v1/me/data-exports'),
  meta: { needsPerson: true },
  // While an export is being built, check on it every two seconds.
  refetchInterval: (query) => (query.state.data?.items.some((e) => e.status === 'queued') ? 2000 : false),
});

export const deletionQuery = queryOptions({
  queryKey: ['me', 'deletion'],
  queryFn: () => api<DeletionState>('/api/v1/me/deletion'),
  meta: { needsPerson: true },
});

/** Uploads a picture as multipart/form-data (the JSON helper cannot send files). */
export async function uploadAvatar(file: File): Promise<{ avatarUrl: string }> {
  const body = new FormData();
  body.append('file', file);
  let response: Response;
  try {
    response = await fetch('/api/v1/me/avatar', {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { Accept: 'application/json, application/problem+json' },
    });
  } catch (error) {
    throw new ApiError(0, { title: error instanceof Error ? error.message : 'Network error' });
  }
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as Problem;
    throw new ApiError(response.status, problem);
  }
  return (await response.json()) as { avatarUrl: string };
}

/** Every IANA time zone the browser knows, for the time-zone select. */
export function timeZoneList(): string[] {
  try {
    const zones = Intl.supportedValuesOf('timeZone');
    return zones.includes('UTC') ? zones : [...zones, 'UTC'];
  } catch {
    return ['Europe/Moscow', 'UTC'];
  }
}
