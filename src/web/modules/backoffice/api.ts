import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api';

export type PeopleFilter = 'all' | 'staff' | 'customers' | 'blocked';

/** One row of the people list (GET /api/v1/admin/people). */
export interface PersonSummary {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  createdAt: string;
  blocked: boolean;
  staffRoles: string[];
}

export interface AuditEntry {
  id: string;
  at: string;
  action: string;
  subject: string | null;
  actorId: string | null;
  actorKind: string;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
}

/** A person card (GET /api/v1/admin/people/{id}). */
export interface PersonCard {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  locale: string;
  emailVerified: boolean;
  createdAt: string;
  blocked: boolean;
  blockedAt: string | null;
  staffRoles: string[];
  permissions: string[];
  companies: { id: string; name: string; role: string }[];
  employee: boolean;
  activeSessions: number;
  twoFactorEnabled: boolean | null;
  audit: AuditEntry[];
}

export interface StaffRole {
  key: string;
  name: { ru: string; en: string };
  permissions: string[];
  builtIn: boolean;
  sections: string[] | null;
}

export interface StaffInvitation {
  id: string;
  email: string;
  roles: string[];
  expiresAt: string;
  expired: boolean;
  createdAt: string;
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const peopleQuery = (q: string, filter: PeopleFilter) =>
  infiniteQueryOptions({
    queryKey: ['admin', 'people', 'list', q, filter],
    queryFn: ({ pageParam }) =>
      api<Page<PersonSummary>>('/api/v1/admin/people', {
        query: { q: q || undefined, filter, limit: 25, cursor: pageParam },
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });

export const personQuery = (id: string) =>
  queryOptions({
    queryKey: ['admin', 'people', 'card', id],
    queryFn: () => api<PersonCard>(`/api/v1/admin/people/${encodeURIComponent(id)}`),
  });

export const rolesQuery = queryOptions({
  queryKey: ['admin', 'roles'],
  queryFn: () => api<{ items: StaffRole[] }>('/api/v1/admin/roles'),
});

export const invitationsQuery = queryOptions({
  queryKey: ['admin', 'staffInvitations'],
  queryFn: () => api<{ items: StaffInvitation[] }>('/api/v1/admin/staff-invitations'),
});

export interface AuditFilters {
  action?: string;
  actorId?: string;
  target?: string;
  ip?: string;
  from?: string;
  to?: string;
  q?: string;
}

export const auditQuery = (filters: AuditFilters) =>
  infiniteQueryOptions({
    queryKey: ['admin', 'audit', filters],
    queryFn: ({ pageParam }) =>
      api<Page<AuditEntry>>('/api/v1/admin/audit', { query: { ...filters, limit: 50, cursor: pageParam } }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });

/** Customer groups (GET /api/v1/admin/customer-groups, from the companies module). */
export const customerGroupsQuery = queryOptions({
  queryKey: ['admin', 'customerGroups'],
  queryFn: async () =>
    (await api<{ items: { id: string; name: string }[] }>('/api/v1/admin/customer-groups')).items,
});

export const groupSectionsQuery = queryOptions({
  queryKey: ['admin', 'groupSections'],
  queryFn: () => api<{ groups: Record<string, string[]> }>('/api/v1/admin/section-access/groups'),
});
