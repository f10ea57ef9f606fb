import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { personalDataConsentVersion } from '../../../shared/consent';
import { api } from '../../app/api';
import { resetSessionQueries } from '../../app/portal';

export interface BankAccount {
  id: string;
  bankName: string;
  bik: string;
  settlementAccount: string;
  correspondentAccount: string | null;
  isPrimary: boolean;
}

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
  postalAddress: string | null;
  status: 'pending' | 'active' | 'rejected';
  creditLimit: number | null;
  customerGroup: { id: string; name: string } | null;
  manager: { id: string; name: string; email: string } | null;
  bankAccounts: BankAccount[];
  myRole: string;
  myPermissions: string[];
}

/** A member of a company (GET /api/v1/orgs/{orgId}/members). */
export interface CompanyMember {
  userId: string;
  name: string;
  email: string;
  role: string;
  customRoleId: string | null;
  roleName: string;
  joinedAt: string;
}

export interface Invitation {
  id: string;
  email: string;
  role: string;
  customRoleId: string | null;
  roleName: string;
  expiresAt: string;
  expired: boolean;
  createdAt: string;
}

export interface CustomRole {
  id: string;
  name: string;
  permissions: string[];
  members: number;
}

export interface Roles {
  builtIn: { role: string; permissions: string[] }[];
  custom: CustomRole[];
}

/** A role to give: a built-in one by name or a custom one by id. */
export type RoleChoice = { role: string } | { customRoleId: string };

/** Encodes a role choice as one select value ("role:buyer" or "custom:<id>"). */
export const roleValue = (m: { role: string; customRoleId: string | null }) =>
  m.customRoleId ? `custom:${m.customRoleId}` : `role:${m.role}`;
export const roleChoiceOf = (value: string): RoleChoice =>
  value.startsWith('custom:') ? { customRoleId: value.slice(7) } : { role: value.slice(5) };

export const orgPath = (orgId: string) => `/api/v1/orgs/${encodeURIComponent(orgId)}`;

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

export const invitationsQuery = (orgId: string) =>
  queryOptions({
    queryKey: ['orgs', orgId, 'invitations'],
    queryFn: () => api<{ items: Invitation[] }>(`${orgPath(orgId)}/invitations`),
    meta: { needsPerson: true },
  });

export const rolesQuery = (orgId: string) =>
  queryOptions({
    queryKey: ['orgs', orgId, 'roles'],
    queryFn: () => api<Roles>(`${orgPath(orgId)}/roles`),
    meta: { needsPerson: true },
  });

/** A write inside a company; everything cached for the company is refreshed after it. */
export function useOrgMutation<I>(orgId: string, send: (input: I) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => client.invalidateQueries({ queryKey: ['orgs', orgId] }),
  });
}

export const orgWrite = (orgId: string, method: 'POST' | 'PATCH' | 'DELETE', rest: string, json?: unknown) =>
  api<unknown>(`${orgPath(orgId)}${rest}`, { method, ...(json === undefined ? {} : { json }) });

export interface InvitationInfo {
  companyName: string;
  email: string;
  roleName: string;
  state: 'open' | 'expired' | 'accepted' | 'revoked';
  expiresAt: string;
  hasAccount: boolean;
}

export const invitationQuery = (token: string) =>
  queryOptions({
    queryKey: ['public', 'invitation', token],
    queryFn: () => api<InvitationInfo>(`/api/v1/invitations/${encodeURIComponent(token)}`),
    retry: false,
  });

/**
 * Accepts an invitation as the signed-in person. `onDone` (leaving the page) runs before the session's
 * queries reset: the reset re-renders the invitation page, which would otherwise swallow the result.
 */
export function useAcceptInvitation(token: string, onDone: (orgId: string) => Promise<void>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api<{ orgId: string }>(`/api/v1/invitations/${encodeURIComponent(token)}/accept`, { method: 'POST' }),
    onSuccess: async (result) => {
      await onDone(result.orgId);
      await resetSessionQueries(client);
    },
  });
}

/** Creates an account from an invitation and signs in (see useAcceptInvitation for `onDone`). */
export function useSignUpFromInvitation(token: string, onDone: (orgId: string) => Promise<void>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; password: string; locale: string }) =>
      api<{ orgId: string }>(`/api/v1/invitations/${encodeURIComponent(token)}/sign-up`, {
        method: 'POST',
        json: { ...input, consentVersion: personalDataConsentVersion },
      }),
    onSuccess: async (result) => {
      await onDone(result.orgId);
      await resetSessionQueries(client);
    },
  });
}

/** The first field error of a problem for `field` (paths look like `body.inn`). */
export function fieldError(error: unknown, field: string): string | undefined {
  const errors = (error as { errors?: { path: string; message: string }[] } | null)?.errors ?? [];
  return errors.find((e) => e.path === `body.${field}` || e.path === field)?.message;
}
