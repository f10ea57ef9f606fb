import { magicLink } from 'better-auth/plugins';
import type { Db } from '../../../server/core/db.js';
import type { JobRunner } from '../../../server/core/jobs/runner.js';
import { queueMail } from '../../../server/core/mail/mailer.js';
import { isPlaceholderEmail } from '../../../shared/phone.js';
import { findPersonByEmail } from '../../people/people.service.js';
import { magicLinkMail } from './magic-link.mail.js';

export const magicLinkTtlSeconds = 15 * 60;

/**
 * Sign-in by a one-time link sent by e-mail (Better Auth's magicLink plugin). Only existing accounts get a
 * link — signing up needs the consent, so the link never creates one — yet the answer is the same for any
 * address, so it does not tell whether an address is registered. Tokens are stored hashed and consumed on
 * first use.
 */
export function magicLinkPlugins({ db, jobs }: { db: Db; jobs: JobRunner }) {
  return [
    magicLink({
      expiresIn: magicLinkTtlSeconds,
      disableSignUp: true,
      storeToken: 'hashed',
      sendMagicLink: async ({ email, url }) => {
        if (isPlaceholderEmail(email)) return;
        const person = await findPersonByEmail(db, email);
        if (!person) return;
        await queueMail(db, {
          to: person.email,
          template: magicLinkMail.name,
          locale: person.locale,
          vars: { name: person.name, url, minutes: magicLinkTtlSeconds / 60 },
        });
        jobs.poke();
      },
    }),
  ];
}
