import { useMutation, useQueryClient } from '@tanstack/react-query';
import { personalDataConsentVersion } from '../../../shared/consent';
import { api } from '../../app/api';
import { resetSessionQueries } from '../../app/portal';

/** Where the e-mail confirmation link brings the person back to (signed in, or with `?error=`). */
export const WELCOME_PATH = '/welcome';
/** Where the password reset link brings the person back to (with `?token=` or `?error=`). */
export const RESET_PASSWORD_PATH = '/reset-password';

export interface SignInInput {
  email: string;
  password: string;
}

export interface SignUpInput {
  name: string;
  email: string;
  password: string;
  /** The UI language: the confirmation e-mail is written in it. */
  locale: string;
  /** A same-site path the welcome page leads on to (`/sign-up?redirect=`, e.g. a referral link). */
  redirect?: string;
}

/** The confirmation link's landing, carrying the page to go on to when there is one. */
const welcomeFor = (redirect: string | undefined) =>
  redirect && redirect !== '/' ? `${WELCOME_PATH}?redirect=${encodeURIComponent(redirect)}` : WELCOME_PATH;

/** Signs in with e-mail and password (Better Auth); on success refreshes everything tied to the session. */
export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SignInInput) =>
      // callbackURL is where the new confirmation link leads when the address is not verified yet.
      api<unknown>('/api/v1/auth/sign-in/email', {
        method: 'POST',
        json: { ...input, callbackURL: WELCOME_PATH },
      }),
    onSuccess: () => resetSessionQueries(client),
  });
}

/** Creates an account; the server answers the same whether or not the address is taken, and sends a link. */
export function useSignUp() {
  return useMutation({
    mutationFn: ({ redirect, ...input }: SignUpInput) =>
      api<unknown>('/api/v1/auth/sign-up/email', {
        method: 'POST',
        // The form does not submit without the consent box ticked; the server records this version and the time.
        json: { ...input, consentVersion: personalDataConsentVersion, callbackURL: welcomeFor(redirect) },
      }),
  });
}

/** Asks for a password reset link by e-mail. */
export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (email: string) =>
      api<unknown>('/api/v1/auth/request-password-reset', {
        method: 'POST',
        json: { email, redirectTo: RESET_PASSWORD_PATH },
      }),
  });
}

/** Sets a new password with the token from the reset link. */
export function useResetPassword() {
  return useMutation({
    mutationFn: (input: { token: string; newPassword: string }) =>
      api<unknown>('/api/v1/auth/reset-password', { method: 'POST', json: input }),
  });
}
