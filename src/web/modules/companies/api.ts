import { queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api';

/** A company card with the person's role in it (GET /api/v1/orgs/{orgId}). */
export interface Company {
  id: string;
  name: string;
  legalName: string;
  kinds: string[];
  inn: string;
  kpp: string | null;
  ogrn: string | null;
  legalAddress: string | null;
  myRole: string;
  myPermissions: string[];
}

/** A member of a company (GET /api/v1/orgs/{orgId}/members). */
export interface CompanyMember {
  userId: string;
  name: string;
  email: string;
  role: string;
}

const orgPath = (orgId: string) => `/api/v1/orgs/${encodeURIComponent(orgId)}`;

export const companyQuery = (orgId: string) =>
  queryOptions({
    queryKey: ['orgs', orgId, 'company'],
    queryFn: () => api<Company>(orgPath(orgId)),
    meta: { needsPerson: true },
  });

export const companyMembersQuery = (orgId: string) =>
  queryOptions({
    queryKey: ['orgs', orgId, 'members'],
    queryFn: () => api<{ items: CompanyMember[] }>(`${orgPath(orgId)}/members`),
    meta: { needsPerson: true },
  });
