import { queryOptions, useQuery } from '@tanstack/react-query';
import { useLocation } from '@tanstack/react-router';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import { sessionQuery } from './portal';

/** A company the person belongs to, with their role in it. */
export interface CompanyContext {
  id: string;
  name: string;
  kinds: string[];
  role: string;
  /** Web sections the company's customer group may see here; null means every section. */
  sections?: string[] | null;
}

/** The signed-in person and every context they can act in (GET /api/v1/me). */
export interface Me {
  user: { id: string; name: string; email: string; kind: 'person' | 'operator' };
  permissions: string[];
  contexts: {
    personal: boolean;
    companies: CompanyContext[];
    employee: boolean;
    backOffice: boolean;
  };
  /** Set while support is signed in as this person. */
  impersonation?: { by: { id: string; name: string }; expiresAt: string | null } | null;
  /** Web sections the person may see; null means every section. */
  sections?: string[] | null;
}

export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: () => api<Me>('/api/v1/me'),
  staleTime: 30_000,
  meta: { needsPerson: true },
});

/** /api/v1/me for a signed-in session; never asked for a guest (it would answer 401). */
export function useMe() {
  const session = useQuery(sessionQuery);
  return useQuery({ ...meQuery, enabled: Boolean(session.data?.user) });
}

const ORG_PATH = /^\/orgs\/([^/]+)/;

/** The company the URL is in (`/orgs/:orgId/...`), or null in the personal cabinet and elsewhere. */
export function useCurrentOrgId(): string | null {
  const { pathname } = useLocation();
  const match = ORG_PATH.exec(pathname);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

const KNOWN_ROLES = ['owner', 'admin', 'buyer', 'approver', 'accountant', 'viewer'] as const;
type KnownRole = (typeof KNOWN_ROLES)[number];

function isKnownRole(role: string): role is KnownRole {
  return (KNOWN_ROLES as readonly string[]).includes(role);
}

/** A function naming an org role in the UI language; a custom role is shown by its own name. */
export function useRoleLabel(): (role: string) => string {
  const { t } = useTranslation();
  return useCallback((role: string) => (isKnownRole(role) ? t(`companies.roles.${role}`) : role), [t]);
}

/**
 * The sections the company of the current URL may see (its customer group's setting), or null outside a
 * company context, before /me answers, and when the group is not limited.
 */
export function useCompanySections(): string[] | null {
  const orgId = useCurrentOrgId();
  const me = useMe();
  if (orgId === null) return null;
  return me.data?.contexts.companies.find((company) => company.id === orgId)?.sections ?? null;
}
