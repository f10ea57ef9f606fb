import { twoFactor } from 'better-auth/plugins';
import type { Db } from '../../../server/core/db.js';
import type { JobRunner } from '../../../server/core/jobs/runner.js';
import { queueMail } from '../../../server/core/mail/mailer.js';
import { queueSms } from '../../sms/sms.service.js';
import { twoFactorCodeMail } from './two-factor.mail.js';

/** Minutes an e-mail/SMS second-factor code stays valid. */
export const twoFactorCodeMinutes = 5;
/** How long "trust this device" skips the second factor. */
export const trustDeviceDays = 30;

type CodeRecipient = {
  name: string;
  email: string;
  locale?: unknown;
  phoneNumber?: unknown;
  phoneNumberVerified?: unknown;
};

/**
 * Better Auth's two-factor plugin as Kabinet uses it: TOTP (authenticator apps), one-time backup codes,
 * and a code by e-mail — or by SMS (`POST /two-factor/send-otp?channel=sms`) when the person has a
 * verified phone; "trust this device" for 30 days. Secrets and backup codes are stored encrypted.
 */
export function twoFactorPlugin({ db, jobs, appName }: { db: Db; jobs: JobRunner; appName: string }) {
  return twoFactor({
    issuer: appName,
    // People who sign in only with a passkey or an external account have no password to confirm with.
    allowPasswordless: true,
    trustDeviceMaxAge: trustDeviceDays * 24 * 3600,
    otpOptions: {
      period: twoFactorCodeMinutes,
      storeOTP: 'hashed',
      async sendOTP({ user, otp }, ctx) {
        const person = user as unknown as CodeRecipient;
        const phone = typeof person.phoneNumber === 'string' ? person.phoneNumber : null;
        const bySms = ctx?.query?.channel === 'sms' && phone !== null && person.phoneNumberVerified === true;
        if (bySms) {
          await queueSms(db, {
            to: phone,
            text: `Kabinet: ${otp} — код для входа / sign-in code`,
            purpose: 'two-factor',
          });
        } else {
          await queueMail(db, {
            to: person.email,
            template: twoFactorCodeMail.name,
            locale: person.locale === 'en' ? 'en' : 'ru',
            vars: { name: person.name, code: otp, minutes: twoFactorCodeMinutes },
          });
        }
        jobs.poke();
      },
    },
  });
}
