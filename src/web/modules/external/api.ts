import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { personalDataConsentVersion } from '../../../shared/consent';
import { api } from '../../app/api';

import { signInOptionsQuery } from '../identity/sign-in-options';

export { type SignInOptions, signInOptionsQuery } from '../identity/sign-in-options';

/** The configured providers, by id, for naming linked accounts. */
export function useProviderNames(): Record<string, string> {
  const options = useQuery(signInOptionsQuery);
  return Object.fromEntries((options.data?.providers ?? []).map((p) => [p.id, p.name]));
}

/** True when this browser can use passkeys (WebAuthn). */
export const passkeysSupported = () =>
  typeof window !== 'undefined' && typeof window.PublicKeyCredential === 'function';

/**
 * Starts sign-in with a provider: the server answers with the provider's address and the browser goes there.
 * With `consent`, a person created on the way records the current consent version (the server adds the time).
 */
export async function startExternalSignIn(input: {
  provider: string;
  callbackURL: string;
  errorCallbackURL: string;
  consent: boolean;
  locale: string;
}): Promise<void> {
  const { url } = await api<{ url: string }>('/api/v1/auth/sign-in/social', {
    method: 'POST',
    json: {
      provider: input.provider,
      callbackURL: input.callbackURL,
      errorCallbackURL: input.errorCallbackURL,
      disableRedirect: true,
      additionalData: {
        locale: input.locale,
        ...(input.consent ? { consentVersion: personalDataConsentVersion } : {}),
      },
    },
  });
  window.location.assign(url);
}

/** Links another provider's account to the signed-in person (they come back to the security page). */
export async function startLinking(provider: string, back: string): Promise<void> {
  const { url } = await api<{ url: string }>('/api/v1/auth/link-social', {
    method: 'POST',
    json: { provider, callbackURL: `${back}?linked=1`, errorCallbackURL: back, disableRedirect: true },
  });
  window.location.assign(url);
}

/**
 * Signs in with a passkey: the browser asks the authenticator, the server checks its answer; then the page
 * loads `target` afresh, signed in (the sign-in page may already have been replaced by "already signed in",
 * since the authenticator's prompt takes the focus away and the session refetches when it returns).
 */
export function usePasskeySignIn(target: string) {
  return useMutation({
    mutationFn: async () => {
      const { startAuthentication } = await import('@simplewebauthn/browser');
      const optionsJSON = await api<Parameters<typeof startAuthentication>[0]['optionsJSON']>(
        '/api/v1/auth/passkey/generate-authenticate-options',
      );
      const response = await startAuthentication({ optionsJSON });
      return api<unknown>('/api/v1/auth/passkey/verify-authentication', {
        method: 'POST',
        json: { response },
      });
    },
    onSuccess: () => window.location.assign(target),
  });
}

export interface PasskeyItem {
  id: string;
  name: string | null;
  deviceType: string;
  backedUp: boolean;
  createdAt: string;
}

export interface ExternalAccountItem {
  id: string;
  provider: string;
  linkedAt: string;
}

export const passkeysQuery = queryOptions({
  queryKey: ['me', 'passkeys'],
  queryFn: () => api<{ items: PasskeyItem[] }>('/api/v1/me/passkeys'),
  meta: { needsPerson: true },
});

export const externalAccountsQuery = queryOptions({
  queryKey: ['me', 'external-accounts'],
  queryFn: () => api<{ items: ExternalAccountItem[] }>('/api/v1/me/external-accounts'),
  meta: { needsPerson: true },
});

/** Registers a new passkey for the signed-in person. */
export function useAddPasskey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (name: string) => {
      const { startRegistration } = await import('@simplewebauthn/browser');
      const optionsJSON = await api<Parameters<typeof startRegistration>[0]['optionsJSON']>(
        '/api/v1/auth/passkey/generate-register-options',
      );
      const response = await startRegistration({ optionsJSON });
      return api<unknown>('/api/v1/auth/passkey/verify-registration', {
        method: 'POST',
        json: { response, name },
      });
    },
    onSettled: () => client.invalidateQueries({ queryKey: passkeysQuery.queryKey }),
  });
}

export function useRenamePasskey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) =>
      api<PasskeyItem>(`/api/v1/me/passkeys/${encodeURIComponent(id)}`, { method: 'PATCH', json: { name } }),
    onSuccess: () => client.invalidateQueries({ queryKey: passkeysQuery.queryKey }),
  });
}

export function useDeletePasskey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<null>(`/api/v1/me/passkeys/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: passkeysQuery.queryKey }),
  });
}

export function useUnlinkAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<null>(`/api/v1/me/external-accounts/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: externalAccountsQuery.queryKey }),
  });
}
