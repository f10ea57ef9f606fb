import { dictionary } from '@zxcvbn-ts/language-common';
import { APIError, createAuthMiddleware } from 'better-auth/api';

// 49 000 passwords most often seen in breaches (the zxcvbn-ts common list, shipped as an npm package).
const common = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

/** True for a password from the common/breached list, compared case-insensitively. */
export function isCommonPassword(password: string): boolean {
  return common.has(password.toLowerCase());
}

const passwordFields: Record<string, string> = {
  '/sign-up/email': 'password',
  '/reset-password': 'newPassword',
  '/change-password': 'newPassword',
};

/** Better Auth middleware: refuses common passwords wherever a password is chosen. */
export const rejectCommonPasswords = createAuthMiddleware(async (ctx) => {
  const field = passwordFields[ctx.path];
  const password = field ? (ctx.body as Record<string, unknown> | undefined)?.[field] : undefined;
  if (typeof password === 'string' && isCommonPassword(password)) {
    throw new APIError('BAD_REQUEST', {
      code: 'PASSWORD_TOO_COMMON',
      message: 'This password is on the list of common passwords; choose another',
    });
  }
});
