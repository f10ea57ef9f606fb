import { useMutation, useQueryClient } from '@tanstack/react-query';
import { personalDataConsentVersion } from '../../../../shared/consent';
import { api } from '../../../app/api';
import { resetSessionQueries } from '../../../app/portal';

/** Seconds before another code may be asked for (the server refuses sooner requests with 429). */
export const RESEND_SECONDS = 60;

export { type SignInMethods, signInOptionsQuery } from '../sign-in-options';

/** Sends a one-time code by SMS; the answer is the same whether or not the number has an account. */
export function useSendPhoneCode() {
  return useMutation({
    mutationFn: (phoneNumber: string) =>
      api<unknown>('/api/v1/auth/phone-number/send-otp', { method: 'POST', json: { phoneNumber } }),
  });
}

export interface PhoneSignUpInput {
  name: string;
  password: string;
  locale: string;
}

/**
 * Confirms the code: signs in (an existing number), creates the account (with `signUp`: name, password and
 * the consent version), or — with `change` — sets the number on the signed-in person's account.
 */
export function useVerifyPhoneCode() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { phoneNumber: string; code: string; signUp?: PhoneSignUpInput; change?: boolean }) =>
      api<{ user?: { phoneNumber?: string } }>('/api/v1/auth/phone-number/verify', {
        method: 'POST',
        json: {
          phoneNumber: input.phoneNumber,
          code: input.code,
          ...(input.signUp ? { ...input.signUp, consentVersion: personalDataConsentVersion } : {}),
          ...(input.change ? { updatePhoneNumber: true } : {}),
        },
      }),
    // A new session (sign-in, sign-up) refreshes everything tied to it; a changed number changes no session.
    onSuccess: (_data, input) => (input.change ? undefined : resetSessionQueries(client)),
  });
}

/** Mails a one-time sign-in link (only to an existing account; the answer is the same either way). */
export function useRequestMagicLink() {
  return useMutation({
    mutationFn: (input: { email: string; target: string }) =>
      api<unknown>('/api/v1/auth/sign-in/magic-link', {
        method: 'POST',
        json: {
          email: input.email,
          callbackURL: input.target,
          errorCallbackURL: '/sign-in?magicLink=invalid',
        },
      }),
  });
}
