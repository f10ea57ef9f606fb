import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError } from 'better-auth/api';
import { v7 as uuidv7 } from 'uuid';
import type { Config } from '../../server/core/config.js';
import type { Db } from '../../server/core/db.js';
import type { JobRunner } from '../../server/core/jobs/runner.js';
import { queueMail } from '../../server/core/mail/mailer.js';
import type { Secrets } from '../../server/core/secrets.js';
import { personalDataConsentVersion } from '../../shared/consent.js';
import { isPlaceholderEmail } from '../../shared/phone.js';
import { backOfficeAuth } from '../people/backoffice-auth.js';
import { users } from '../people/people.tables.js';
import {
  externalAccountLinking,
  externalPlugins,
  externalSignUpFields,
  externalSocialProviders,
} from './external/auth-options.js';
import { passkeyPlugin } from './external/passkey-options.js';
import { passkeys } from './external/passkeys.tables.js';
import { resetPasswordMail, verifyEmailMail } from './identity.mail.js';
import { accounts, sessions, verifications } from './identity.tables.js';
import { magicLinkPlugins } from './magic-link/magic-link-auth.js';
import { rejectCommonPasswords } from './password-policy.js';
import { phoneAuthPlugins } from './phone/phone-auth.js';
import { twoFactorPlugin } from './two-factor/two-factor.plugin.js';
import { twoFactors } from './two-factor/two-factor.tables.js';

export const authBasePath = '/api/v1/auth';
export const minPasswordLength = 10;

type MailUser = { email: string; name: string; locale?: unknown };
const localeOf = (user: MailUser) => (user.locale === 'en' ? 'en' : 'ru');

/**
 * The Better Auth instance: e-mail + password with verification and reset, sessions in our tables,
 * mail through our queue. Sign-in methods beyond e-mail (phone, magic link, OIDC, passkeys, 2FA) plug in
 * here as Better Auth plugins.
 */
export function createAuth({
  db,
  config,
  secrets,
  jobs,
}: {
  db: Db;
  config: Config;
  secrets: Secrets;
  jobs: JobRunner;
}) {
  const sendLink = async (user: MailUser, template: string, url: string) => {
    if (isPlaceholderEmail(user.email)) return; // a phone-only account has no mailbox
    await queueMail(db, { to: user.email, template, locale: localeOf(user), vars: { name: user.name, url } });
    jobs.poke();
  };
  return betterAuth({
    appName: 'Kabinet',
    baseURL: config.publicUrl,
    basePath: authBasePath,
    secret: secrets.sessionSecret,
    trustedOrigins: [config.publicUrl],
    telemetry: { enabled: false },
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: {
        user: users,
        session: sessions,
        account: accounts,
        verification: verifications,
        twoFactor: twoFactors,
        passkey: passkeys,
      },
    }),
    user: {
      additionalFields: {
        locale: { type: 'string', required: false, defaultValue: 'ru', input: true },
        // Required by the create hook below; not by the schema, so that OAuth callbacks can supply it.
        consentVersion: { type: 'string', required: false, input: true },
        consentAt: { type: 'date', required: false, input: false },
      },
    },
    emailAndPassword: {
      enabled: true,
      requireEmailVerification: true,
      minPasswordLength,
      maxPasswordLength: 128,
      resetPasswordTokenExpiresIn: 3600,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: ({ user, url }) => sendLink(user, resetPasswordMail.name, url),
    },
    emailVerification: {
      sendOnSignUp: true,
      sendOnSignIn: true,
      autoSignInAfterVerification: true,
      expiresIn: 24 * 3600,
      sendVerificationEmail: ({ user, url }) => sendLink(user, verifyEmailMail.name, url),
    },
    hooks: { before: rejectCommonPasswords },
    databaseHooks: {
      user: {
        create: {
          // Sign-up must carry the current consent version; the time of consent is the server's.
          before: async (rawUser) => {
            // A person created by an OAuth callback: consent and language come from our sign-in page.
            const user = { ...rawUser, ...(await externalSignUpFields()) };
            if (user.consentVersion !== personalDataConsentVersion) {
              throw new APIError('BAD_REQUEST', {
                code: 'CONSENT_REQUIRED',
                message: `Consent to personal-data processing (version ${personalDataConsentVersion}) is required`,
              });
            }
            return { data: { ...user, consentAt: new Date() } };
          },
        },
      },
    },
    socialProviders: externalSocialProviders(config),
    account: externalAccountLinking,
    plugins: [
      backOfficeAuth(db),
      twoFactorPlugin({ db, jobs, appName: 'Kabinet' }),
      ...externalPlugins(config),
      passkeyPlugin(config),
      ...phoneAuthPlugins({ db, jobs }),
      ...magicLinkPlugins({ db, jobs }),
    ],
    session: { expiresIn: 30 * 24 * 3600, updateAge: 24 * 3600 },
    rateLimit: { enabled: false },
    advanced: {
      cookiePrefix: 'kabinet',
      useSecureCookies: config.publicUrl.startsWith('https:'),
      database: { generateId: () => uuidv7() },
      ipAddress: { ipAddressHeaders: config.trustProxy ? ['x-forwarded-for'] : [] },
    },
    // Failed sign-ins are in the audit log; Better Auth's own warnings about them would only repeat it.
    logger: { disabled: config.logLevel === 'silent', level: 'error' },
  });
}

export type Auth = ReturnType<typeof createAuth>;
