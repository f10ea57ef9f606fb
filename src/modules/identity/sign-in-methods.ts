import { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import { defineSetting, getSetting, saveSetting } from '../settings/settings.service.js';

export const signInMethodNames = ['password', 'phoneCode', 'magicLink', 'passkey', 'external'] as const;
export type SignInMethod = (typeof signInMethodNames)[number];

export const signInMethodsSchema = z
  .object({
    /** E-mail (or phone) and password. */
    password: z.boolean(),
    /** A one-time code sent by SMS. */
    phoneCode: z.boolean(),
    /** A one-time link sent by e-mail. */
    magicLink: z.boolean(),
    /** Passkeys (WebAuthn). */
    passkey: z.boolean(),
    /** OAuth / OpenID Connect providers configured by environment variables (Yandex ID, VK ID, Google, OIDC). */
    external: z.boolean(),
  })
  .meta({ id: 'SignInMethods' });

export type SignInMethods = z.infer<typeof signInMethodsSchema>;

/** Which sign-in methods the business offers; an admin switches them in the back office. */
export const signInMethodsSetting = defineSetting('signInMethods', signInMethodsSchema, {
  password: true,
  phoneCode: true,
  magicLink: true,
  passkey: true,
  external: true,
});

/** The sign-in methods that are on. */
export function getSignInMethods(db: Db): Promise<SignInMethods> {
  return getSetting(db, signInMethodsSetting);
}

/** Saves the methods; at least one must stay on, or nobody could sign in. */
export async function saveSignInMethods(db: Db, methods: SignInMethods): Promise<void> {
  await saveSetting(db, signInMethodsSetting, methods);
}

/**
 * Better Auth endpoints (paths under /api/v1/auth) that sign a person in by each method; the gateway refuses
 * them while the method is off. A path ending in "/" matches as a prefix.
 */
const methodPaths: Record<SignInMethod, string[]> = {
  password: ['/sign-in/email', '/sign-in/phone-number'],
  phoneCode: ['/phone-number/'],
  magicLink: ['/sign-in/magic-link', '/magic-link/verify'],
  passkey: [
    '/passkey/generate-authenticate-options',
    '/passkey/verify-authentication',
    '/passkey/generate-register-options',
    '/passkey/verify-registration',
  ],
  external: [
    '/sign-in/social',
    '/sign-in/oauth2',
    '/callback/',
    '/oauth2/callback/',
    '/link-social',
    '/oauth2/link',
  ],
};

/** The sign-in method an auth endpoint belongs to, or null for endpoints every method shares. */
export function signInMethodOfPath(path: string): SignInMethod | null {
  for (const method of signInMethodNames) {
    if (methodPaths[method].some((p) => (p.endsWith('/') ? path.startsWith(p) : path === p))) return method;
  }
  return null;
}
