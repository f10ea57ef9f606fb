import type { BetterAuthPlugin } from 'better-auth';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { phoneNumber } from 'better-auth/plugins';
import type { Db } from '../../../server/core/db.js';
import type { JobRunner } from '../../../server/core/jobs/runner.js';
import { normalizePhone, placeholderEmailFor } from '../../../shared/phone.js';
import { queueSms } from '../../sms/sms.service.js';
import { isCommonPassword } from '../password-policy.js';

/** A code lives 5 minutes and may be mistyped twice; the third wrong try burns it. */
export const phoneCodeTtlSeconds = 300;
export const phoneCodeAttempts = 3;

/** Better Auth endpoints that take a phone number in `phoneNumber`. */
const phonePaths = new Set([
  '/phone-number/send-otp',
  '/phone-number/verify',
  '/sign-in/phone-number',
  '/phone-number/request-password-reset',
  '/phone-number/reset-password',
]);

const codeText = (code: string, english: boolean) =>
  english
    ? `Kabinet code: ${code}. Valid for 5 minutes. Do not tell it to anyone.`
    : `Код для Kabinet: ${code}. Действует 5 минут. Никому его не сообщайте.`;

const badRequest = (code: string, message: string) => new APIError('BAD_REQUEST', { code, message });

/**
 * Kabinet's additions around the phoneNumber plugin: numbers are normalised to E.164 (libphonenumber-js,
 * Russian by default) before the plugin sees them, and a sign-up by phone (the plugin's
 * signUpOnVerification, at /phone-number/verify with the code) may carry the person's name and a password,
 * which are checked here and stored when the account is created.
 */
function phoneSignUpExtras(): BetterAuthPlugin {
  return {
    id: 'kabinet-phone',
    hooks: {
      before: [
        {
          matcher: (ctx) => phonePaths.has(ctx.path ?? ''),
          handler: createAuthMiddleware(async (ctx) => {
            const body = (ctx.body ?? {}) as Record<string, unknown>;
            const typed = body.phoneNumber;
            const phone = typeof typed === 'string' ? normalizePhone(typed) : null;
            if (!phone)
              throw badRequest('INVALID_PHONE_NUMBER', 'Enter a valid phone number, e.g. +7 916 123-45-67');
            const password = ctx.path === '/phone-number/reset-password' ? body.newPassword : body.password;
            if (ctx.path !== '/sign-in/phone-number' && password !== undefined) {
              if (typeof password !== 'string' || password.length < 10 || password.length > 128) {
                throw badRequest('PASSWORD_TOO_SHORT', 'The password must be 10 to 128 characters long');
              }
              if (isCommonPassword(password)) {
                throw badRequest(
                  'PASSWORD_TOO_COMMON',
                  'This password is on the list of common passwords; choose another',
                );
              }
            }
            if (ctx.path === '/phone-number/verify' && body.name !== undefined) {
              if (typeof body.name !== 'string' || body.name.trim().length === 0 || body.name.length > 200) {
                throw badRequest('VALIDATION_FAILED', 'The name must be 1 to 200 characters long');
              }
            }
            return { context: { body: { ...body, phoneNumber: phone } } };
          }),
        },
      ],
    },
    init() {
      return {
        options: {
          databaseHooks: {
            user: {
              create: {
                before: async (user, ctx) => {
                  const name = (ctx?.body as { name?: unknown } | undefined)?.name;
                  if (ctx?.path !== '/phone-number/verify' || typeof name !== 'string') return;
                  return { data: { ...user, name: name.trim() } };
                },
                after: async (user, ctx) => {
                  const password = (ctx?.body as { password?: unknown } | undefined)?.password;
                  if (!ctx?.context || ctx.path !== '/phone-number/verify' || typeof password !== 'string')
                    return;
                  await ctx.context.internalAdapter.linkAccount({
                    userId: user.id,
                    providerId: 'credential',
                    accountId: user.id,
                    password: await ctx.context.password.hash(password),
                  });
                },
              },
            },
          },
        },
      };
    },
  };
}

/**
 * Phone numbers for Better Auth: sign-up with a phone (confirmed by an SMS code), sign-in with a phone and a
 * one-time code or a password, and adding/changing a phone in the profile. Codes go out through the SMS
 * queue (dev inbox or SMS.ru). A person who signs up with a phone alone gets a placeholder e-mail address
 * (see src/shared/phone.ts), because users.email is required.
 */
export function phoneAuthPlugins({ db, jobs }: { db: Db; jobs: JobRunner }) {
  return [
    phoneSignUpExtras(),
    phoneNumber({
      otpLength: 6,
      expiresIn: phoneCodeTtlSeconds,
      allowedAttempts: phoneCodeAttempts,
      requireVerification: true,
      phoneNumberValidator: (phone) => normalizePhone(phone) === phone,
      sendOTP: async ({ phoneNumber: to, code }, ctx) => {
        const english = ctx?.request?.headers.get('accept-language')?.toLowerCase().startsWith('en') ?? false;
        await queueSms(db, { to, text: codeText(code, english), purpose: 'phone-code' });
        jobs.poke();
      },
      // An unknown number that proves itself with a code becomes a new account — but only when the request
      // carries the consent (Kabinet's user-create hook refuses otherwise), i.e. from the sign-up form.
      signUpOnVerification: { getTempEmail: placeholderEmailFor, getTempName: (phone) => phone },
      schema: { user: { fields: { phoneNumber: 'phone' } } },
    }),
  ];
}
