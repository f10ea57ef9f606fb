import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../app/api';
import { resetSessionQueries } from '../../app/portal';

/** GET /api/v1/me/two-factor */
export interface TwoFactorStatus {
  enabled: boolean;
  authenticatorApp: boolean;
  required: boolean;
  trustDeviceDays: number;
  hasPassword: boolean;
}

/** The page that holds a person at 2FA setup when the business requires it. */
export const TWO_FACTOR_SETUP_PATH = '/profile/security';
/** The second step of sign-in. */
export const TWO_FACTOR_SIGN_IN_PATH = '/sign-in/two-factor';

export const twoFactorStatusQuery = queryOptions({
  queryKey: ['me', 'two-factor'],
  queryFn: () => api<TwoFactorStatus>('/api/v1/me/two-factor'),
  meta: { needsPerson: true },
});

/** True for the answer the API gives while the business requires 2FA the person has not set up. */
export const isTwoFactorRequired = (error: unknown) =>
  isApiError(error, 403) && error.code === 'TWO_FACTOR_REQUIRED';

/**
 * While the business requires 2FA the person has not set up, the API answers 403 TWO_FACTOR_REQUIRED to
 * everything but the setup: any such answer sends them to the setup page.
 */
export function holdAtTwoFactorSetup(
  error: unknown,
  router: { state: { location: { pathname: string } }; navigate(options: { to: string }): Promise<void> },
): void {
  if (isTwoFactorRequired(error) && router.state.location.pathname !== TWO_FACTOR_SETUP_PATH) {
    void router.navigate({ to: TWO_FACTOR_SETUP_PATH });
  }
}

/** Where a sign-in answer leads: the second step when the account has 2FA (and this device is not trusted). */
export function secondStepHref(answer: unknown, target: string): string | null {
  const { twoFactorRedirect, twoFactorMethods } = (answer ?? {}) as {
    twoFactorRedirect?: boolean;
    twoFactorMethods?: string[];
  };
  if (!twoFactorRedirect) return null;
  const search = new URLSearchParams({ redirect: target, methods: (twoFactorMethods ?? []).join(',') });
  return `${TWO_FACTOR_SIGN_IN_PATH}?${search}`;
}

/** After signing in: the 2FA setup page when the business requires 2FA the person lacks, else `target`. */
export async function afterSignIn(target: string): Promise<string> {
  try {
    const status = await api<TwoFactorStatus>('/api/v1/me/two-factor');
    return status.required && !status.enabled ? TWO_FACTOR_SETUP_PATH : target;
  } catch {
    return target;
  }
}

const post = <T>(path: string, json: object = {}) =>
  api<T>(`/api/v1/auth/two-factor/${path}`, { method: 'POST', json });

/** Setup and management of 2FA by the signed-in person; each change refreshes the status. */
export function useTwoFactorActions() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: twoFactorStatusQuery.queryKey });
  return {
    enable: useMutation({
      mutationFn: (password: string) =>
        post<{ totpURI: string; backupCodes: string[] }>('enable', {
          ...(password ? { password } : {}),
          method: 'totp',
        }),
    }),
    confirm: useMutation({
      mutationFn: (code: string) => post<unknown>('verify-totp', { code }),
      // Everything that was held at setup may now answer; invalidate (not reset) to keep this page mounted.
      onSuccess: () => client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'public' }),
    }),
    disable: useMutation({
      mutationFn: (password: string) => post<unknown>('disable', password ? { password } : {}),
      onSuccess: refresh,
    }),
    regenerate: useMutation({
      mutationFn: (password: string) =>
        post<{ backupCodes: string[] }>('generate-backup-codes', password ? { password } : {}),
    }),
  };
}

export type SecondFactor = 'totp' | 'otp' | 'backup';

/** The second step of sign-in: check a code (app, e-mail/SMS or backup) or ask for one to be sent. */
export function useSecondFactor() {
  const client = useQueryClient();
  return {
    verify: useMutation({
      mutationFn: ({
        factor,
        code,
        trustDevice,
      }: {
        factor: SecondFactor;
        code: string;
        trustDevice: boolean;
      }) =>
        post<unknown>({ totp: 'verify-totp', otp: 'verify-otp', backup: 'verify-backup-code' }[factor], {
          code,
          trustDevice,
        }),
      onSuccess: () => resetSessionQueries(client),
    }),
    send: useMutation({
      mutationFn: (channel: 'email' | 'sms') =>
        api<unknown>('/api/v1/auth/two-factor/send-otp', { method: 'POST', json: {}, query: { channel } }),
    }),
  };
}

/** The secret of an otpauth:// URI, grouped by four for typing into an app by hand. */
export function manualSecret(uri: string): string {
  const secret = new URL(uri).searchParams.get('secret') ?? '';
  return secret.replace(/(.{4})/g, '$1 ').trim();
}
