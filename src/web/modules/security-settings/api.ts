import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';

/** The sign-in methods the business offers (keys of src/modules/identity/sign-in-methods.ts). */
export const signInMethodKeys = ['password', 'phoneCode', 'magicLink', 'passkey', 'external'] as const;
export type SignInMethodKey = (typeof signInMethodKeys)[number];
export type SignInMethods = Record<SignInMethodKey, boolean>;

/** Company roles a 2FA policy may name (orgRoles of src/shared/permissions.ts). */
export const companyRoleKeys = ['owner', 'admin', 'buyer', 'approver', 'accountant', 'viewer'] as const;
export type CompanyRole = (typeof companyRoleKeys)[number];

/** GET/PUT /api/v1/admin/settings/two-factor-policy */
export interface TwoFactorPolicy {
  staff: boolean;
  orgRoles: CompanyRole[];
}

const METHODS_PATH = '/api/v1/admin/settings/sign-in-methods';
const POLICY_PATH = '/api/v1/admin/settings/two-factor-policy';

export const signInMethodsQuery = queryOptions({
  queryKey: ['admin', 'settings', 'sign-in-methods'],
  queryFn: () => api<SignInMethods>(METHODS_PATH),
});

export const twoFactorPolicyQuery = queryOptions({
  queryKey: ['admin', 'settings', 'two-factor-policy'],
  queryFn: () => api<TwoFactorPolicy>(POLICY_PATH),
});

export function useSaveSignInMethods() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (methods: SignInMethods) =>
      api<SignInMethods>(METHODS_PATH, { method: 'PUT', json: methods }),
    onSuccess: (saved) => {
      queryClient.setQueryData(signInMethodsQuery.queryKey, saved);
      // The sign-in page in this tab must offer the new set at once.
      void queryClient.invalidateQueries({ queryKey: ['public', 'sign-in-options'] });
    },
  });
}

export function useSaveTwoFactorPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (policy: TwoFactorPolicy) =>
      api<TwoFactorPolicy>(POLICY_PATH, { method: 'PUT', json: policy }),
    onSuccess: (saved) => {
      queryClient.setQueryData(twoFactorPolicyQuery.queryKey, saved);
      // Whether 2FA is required of the signed-in person may have changed.
      void queryClient.invalidateQueries({ queryKey: ['me', 'two-factor'] });
    },
  });
}
