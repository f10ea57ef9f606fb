import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../app/api';
import type { BankAccount, CompanyMember, Invitation } from '../api';

export interface AdminCompanyItem {
  id: string;
  name: string;
  legalName: string;
  inn: string;
  kpp: string | null;
  kinds: string[];
  status: 'pending' | 'active' | 'rejected';
  createdAt: string;
}

export interface AdminCompany {
  id: string;
  name: string;
  legalName: string;
  kinds: string[];
  inn: string;
  kpp: string | null;
  ogrn: string | null;
  legalAddress: string | null;
  postalAddress: string | null;
  status: 'pending' | 'active' | 'rejected';
  creditLimit: number | null;
  customerGroup: { id: string; name: string } | null;
  manager: { id: string; name: string; email: string } | null;
  bankAccounts: BankAccount[];
}

export interface CustomerGroup {
  id: string;
  name: string;
  description: string | null;
  companies: number;
}

export interface CompanyFilter {
  q: string;
  status: string;
  kind: string;
}

export const adminCompaniesQuery = (filter: CompanyFilter) =>
  infiniteQueryOptions({
    queryKey: ['admin', 'companies', filter],
    queryFn: ({ pageParam }) =>
      api<{ items: AdminCompanyItem[]; nextCursor: string | null }>('/api/v1/admin/companies', {
        query: {
          limit: 25,
          cursor: pageParam,
          q: filter.q.trim() || undefined,
          status: filter.status || undefined,
          kind: filter.kind || undefined,
        },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    meta: { needsPerson: true },
  });

export const adminCompanyQuery = (id: string) =>
  queryOptions({
    queryKey: ['admin', 'companies', 'one', id],
    queryFn: () => api<AdminCompany>(`/api/v1/admin/companies/${encodeURIComponent(id)}`),
  });

export const adminMembersQuery = (id: string) =>
  queryOptions({
    queryKey: ['admin', 'companies', 'one', id, 'members'],
    queryFn: () =>
      api<{ items: CompanyMember[]; invitations: Invitation[] }>(
        `/api/v1/admin/companies/${encodeURIComponent(id)}/members`,
      ),
  });

export const managersQuery = queryOptions({
  queryKey: ['admin', 'companies', 'managers'],
  queryFn: () =>
    api<{ items: { id: string; name: string; email: string }[] }>('/api/v1/admin/companies/managers'),
});

export const customerGroupsQuery = queryOptions({
  queryKey: ['admin', 'customer-groups'],
  queryFn: () => api<{ items: CustomerGroup[] }>('/api/v1/admin/customer-groups'),
});

/** A back-office write; company and group lists are refreshed after it. */
export function useAdminMutation<I, R = unknown>(send: (input: I) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin'] }),
  });
}

export const adminWrite = <R = unknown>(method: 'POST' | 'PATCH' | 'DELETE', path: string, json?: unknown) =>
  api<R>(`/api/v1/admin${path}`, { method, ...(json === undefined ? {} : { json }) });
