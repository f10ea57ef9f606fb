import { z } from 'zod';

/** An OAuth client registered at a provider: its id and secret. */
export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

/** A generic OpenID Connect provider, found through its issuer's discovery document. */
export interface OidcClient extends OAuthClient {
  issuer: string;
  /** The name on the sign-in button. */
  name: string;
}

/** The external sign-in providers configured by environment variables; a missing one is off. */
export interface ExternalProviders {
  yandex?: OAuthClient;
  vk?: OAuthClient;
  google?: OAuthClient;
  oidc?: OidcClient;
}

/** Better Auth provider id of the generic OIDC entry (its callback is /api/v1/auth/callback/oidc). */
export const oidcProviderId = 'oidc';

const nonEmpty = z.string().trim().min(1, 'must not be empty');
const httpUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      return ['http:', 'https:'].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, 'must be a URL starting with http:// or https://');

/** The variables of each provider: every variable of a provider must be set, or none. */
const groups = {
  yandex: { AUTH_YANDEX_CLIENT_ID: nonEmpty, AUTH_YANDEX_CLIENT_SECRET: nonEmpty },
  vk: { AUTH_VK_CLIENT_ID: nonEmpty, AUTH_VK_CLIENT_SECRET: nonEmpty },
  google: { AUTH_GOOGLE_CLIENT_ID: nonEmpty, AUTH_GOOGLE_CLIENT_SECRET: nonEmpty },
  oidc: { AUTH_OIDC_ISSUER: httpUrl, AUTH_OIDC_CLIENT_ID: nonEmpty, AUTH_OIDC_CLIENT_SECRET: nonEmpty },
} as const;

/** Every environment variable read here (AUTH_OIDC_NAME is optional). */
export const externalProviderEnvNames = [
  ...Object.values(groups).flatMap((g) => Object.keys(g)),
  'AUTH_OIDC_NAME',
];

/**
 * Reads the external providers from the environment. Returns the providers, or a one-line message naming
 * the variable that is wrong (the caller turns it into a ConfigError that stops the server).
 */
export function loadExternalProviders(env: NodeJS.ProcessEnv): ExternalProviders | { error: string } {
  const result: ExternalProviders = {};
  for (const [provider, vars] of Object.entries(groups)) {
    const names = Object.keys(vars) as (keyof typeof vars)[];
    const present = names.filter((name) => (env[name] ?? '').trim() !== '');
    if (present.length === 0) continue;
    const missing = names.find((name) => !present.includes(name));
    if (missing) {
      return { error: `${missing} is not set: ${provider} sign-in needs ${names.join(', ')}` };
    }
    const values: Record<string, string> = {};
    for (const name of names) {
      const parsed = (vars[name] as z.ZodType<string>).safeParse(env[name]);
      if (!parsed.success) {
        return {
          error: `${name}=${JSON.stringify(env[name])} is invalid: ${parsed.error.issues[0]?.message}`,
        };
      }
      values[name] = parsed.data;
    }
    if (provider === 'oidc') {
      result.oidc = {
        issuer: (values.AUTH_OIDC_ISSUER as string).replace(/\/$/, ''),
        clientId: values.AUTH_OIDC_CLIENT_ID as string,
        clientSecret: values.AUTH_OIDC_CLIENT_SECRET as string,
        name: env.AUTH_OIDC_NAME?.trim() || 'OpenID Connect',
      };
    } else {
      const prefix = `AUTH_${provider.toUpperCase()}`;
      result[provider as 'yandex' | 'vk' | 'google'] = {
        clientId: values[`${prefix}_CLIENT_ID`] as string,
        clientSecret: values[`${prefix}_CLIENT_SECRET`] as string,
      };
    }
  }
  if (env.AUTH_OIDC_NAME && !result.oidc) {
    return {
      error:
        'AUTH_OIDC_NAME is set but AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID, AUTH_OIDC_CLIENT_SECRET are not',
    };
  }
  return result;
}

/** The providers the sign-in page offers, in the order of its buttons. */
export function externalProviderList(providers: ExternalProviders): { id: string; name: string }[] {
  const list: { id: string; name: string }[] = [];
  if (providers.yandex) list.push({ id: 'yandex', name: 'Яндекс ID' });
  if (providers.vk) list.push({ id: 'vk', name: 'VK ID' });
  if (providers.google) list.push({ id: 'google', name: 'Google' });
  if (providers.oidc) list.push({ id: oidcProviderId, name: providers.oidc.name });
  return list;
}
