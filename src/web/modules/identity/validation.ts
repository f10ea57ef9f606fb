import type { TranslationKey } from '../../i18n/types';

/** The server's password rules (Better Auth's minPasswordLength / maxPasswordLength in src/modules/identity). */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

// Deliberately loose: the server has the last word; this only catches typos like a missing "@" or domain.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The i18n key of what is wrong with an e-mail address, or null. */
export function emailProblem(value: string): TranslationKey | null {
  const email = value.trim();
  if (!email) return 'identity.validation.emailRequired';
  if (!EMAIL_PATTERN.test(email)) return 'identity.validation.emailInvalid';
  return null;
}

/** What is wrong with a new password (length rules), or null. */
export function newPasswordProblem(value: string): TranslationKey | null {
  if (!value) return 'identity.validation.passwordRequired';
  if (value.length < MIN_PASSWORD_LENGTH) return 'identity.validation.passwordTooShort';
  if (value.length > MAX_PASSWORD_LENGTH) return 'identity.validation.passwordTooLong';
  return null;
}

const AUTH_PAGES = ['/sign-in', '/sign-up', '/forgot-password', '/reset-password', '/welcome'];

/**
 * The page to go to after signing in: the `redirect` parameter when it is a path on this site (not
 * `//host`, not `/\host`, not an auth page, not the API), the home page otherwise.
 */
export function safeRedirect(value: string | null | undefined): string {
  if (!value?.startsWith('/') || value.startsWith('//')) return '/';
  // Browsers read "\" as "/" ("/\host" is another site); control characters have no place in a path.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[\u0000-\u001f\\]/.test(value)) return '/';
  const path = value.split(/[?#]/)[0] ?? '/';
  if (path.startsWith('/api/') || AUTH_PAGES.includes(path)) return '/';
  return value;
}

/** Interpolation values for a validation message (the length limits of the password messages). */
export function problemValues(key: TranslationKey): { count: number } | undefined {
  if (key === 'identity.validation.passwordTooShort') return { count: MIN_PASSWORD_LENGTH };
  if (key === 'identity.validation.passwordTooLong') return { count: MAX_PASSWORD_LENGTH };
  return undefined;
}
