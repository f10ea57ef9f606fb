import type { BetterAuthOptions, BetterAuthPlugin } from 'better-auth';
import { APIError, createAuthMiddleware, getOAuthState } from 'better-auth/api';
import { genericOAuth, yandex } from 'better-auth/plugins/generic-oauth';
import type { Config } from '../../../server/core/config.js';
import { oidcProviderId } from './config.js';

/**
 * Better Auth's pieces for sign-in with external providers: Google and VK ID as built-in social providers,
 * Yandex ID and the generic OpenID Connect entry through the generic OAuth plugin. All of them start at
 * POST /api/v1/auth/sign-in/social and come back to /api/v1/auth/callback/{provider}.
 */
export function externalSocialProviders(config: Config): NonNullable<BetterAuthOptions['socialProviders']> {
  const { google, vk } = config.externalProviders;
  return {
    ...(google ? { google: { clientId: google.clientId, clientSecret: google.clientSecret } } : {}),
    ...(vk ? { vk: { clientId: vk.clientId, clientSecret: vk.clientSecret } } : {}),
  };
}

/**
 * Passkeys are renamed and deleted through /api/v1/me/passkeys, which refuses to remove the last way to
 * sign in; Better Auth's own endpoints for that would bypass the rule, so they answer 404.
 */
const passkeyManagementGuard: BetterAuthPlugin = {
  id: 'kabinet-passkey-guard',
  hooks: {
    before: [
      {
        matcher: (context) =>
          context.path === '/passkey/delete-passkey' || context.path === '/passkey/update-passkey',
        handler: createAuthMiddleware(async () => {
          throw new APIError('NOT_FOUND', { message: 'Use /api/v1/me/passkeys' });
        }),
      },
    ],
  },
};

export function externalPlugins(config: Config): BetterAuthPlugin[] {
  const { yandex: yandexClient, oidc } = config.externalProviders;
  const entries = [
    ...(yandexClient
      ? [yandex({ clientId: yandexClient.clientId, clientSecret: yandexClient.clientSecret })]
      : []),
    ...(oidc
      ? [
          {
            providerId: oidcProviderId,
            name: oidc.name,
            discoveryUrl: `${oidc.issuer}/.well-known/openid-configuration`,
            clientId: oidc.clientId,
            clientSecret: oidc.clientSecret,
            scopes: ['openid', 'email', 'profile'],
            // The person's identity comes from the ID token, so it must be checked against the issuer's keys.
            requireIdTokenVerification: true,
          },
        ]
      : []),
  ];
  return [passkeyManagementGuard, ...(entries.length > 0 ? [genericOAuth({ config: entries })] : [])];
}

/**
 * Account linking: an external account joins an existing person only when the provider vouches for the
 * e-mail (`email_verified`) and the person has confirmed the same address with us. No provider is trusted
 * by name, so a provider that does not verify addresses (VK ID, Yandex ID as Better Auth reads them) never
 * takes over an existing account; it can still create a new person when the address is free.
 */
export const externalAccountLinking: NonNullable<BetterAuthOptions['account']> = {
  accountLinking: {
    enabled: true,
    trustedProviders: [],
    requireLocalEmailVerified: true,
    allowDifferentEmails: false,
  },
};

/** What the sign-in page passes through the OAuth flow (`additionalData` of /sign-in/social). */
export interface ExternalSignUpData {
  consentVersion?: unknown;
  locale?: unknown;
}

/**
 * During an OAuth callback, the fields of a person about to be created that come from our own sign-in page
 * (consent version, UI language) rather than from the provider's profile; `null` outside an OAuth callback.
 * The consent is the person's own click on our page before they left for the provider, as at e-mail sign-up.
 */
export async function externalSignUpFields(): Promise<{
  consentVersion: unknown;
  locale: 'ru' | 'en';
} | null> {
  const state = (await getOAuthState()) as (ExternalSignUpData & { link?: unknown }) | null;
  if (!state) return null;
  return { consentVersion: state.consentVersion, locale: state.locale === 'en' ? 'en' : 'ru' };
}
