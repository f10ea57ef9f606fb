import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../server/core/access.js';
import { AppError } from '../../../server/core/errors.js';
import { queueMail } from '../../../server/core/mail/mailer.js';
import type { ModuleContext } from '../../../server/core/module.js';
import { recordAudit } from '../../audit/audit.service.js';
import { getPerson, staffRolesOf } from '../../people/people.service.js';
import { twoFactorResetMail } from './two-factor.mail.js';
import { trustDeviceDays } from './two-factor.plugin.js';
import {
  getTwoFactorPolicy,
  saveTwoFactorPolicy,
  twoFactorPolicySchema,
  twoFactorRequiredFor,
} from './two-factor.policy.js';
import { hasAuthenticatorApp, hasPassword, resetTwoFactor } from './two-factor.service.js';

const statusSchema = z
  .object({
    /** Sign-in asks for a second factor. */
    enabled: z.boolean(),
    /** An authenticator app is confirmed (otherwise codes come by e-mail/SMS). */
    authenticatorApp: z.boolean(),
    /** The business's policy requires 2FA of this person. */
    required: z.boolean(),
    trustDeviceDays: z.number().int(),
    /** Changes are confirmed with the password; people without one (passkeys, external sign-in) skip it. */
    hasPassword: z.boolean(),
  })
  .meta({ id: 'TwoFactorStatus' });

/** The person's 2FA status; the 2FA policy (admin); staff reset of a person's 2FA. */
export function twoFactorRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;

  api.get(
    '/me/two-factor',
    {
      config: { access: { signedIn: true }, allowWithoutTwoFactor: true },
      schema: {
        tags: ['identity'],
        summary: 'My two-factor authentication status (setup and changes go through /auth/two-factor/*)',
        response: { 200: statusSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (actor.kind !== 'person') throw new AppError('NOT_FOUND', 'The operator has no 2FA');
      const person = await getPerson(db, actor.id);
      const enabled = person?.twoFactorEnabled === true;
      return {
        enabled,
        authenticatorApp: enabled && (await hasAuthenticatorApp(db, actor.id)),
        required: await twoFactorRequiredFor(db, actor.id, await staffRolesOf(db, actor.id)),
        trustDeviceDays,
        hasPassword: await hasPassword(db, actor.id),
      };
    },
  );

  api.get(
    '/admin/settings/two-factor-policy',
    {
      config: { access: { permission: 'settings.manage' } },
      schema: {
        tags: ['identity'],
        summary: 'Who must use two-factor authentication',
        response: { 200: twoFactorPolicySchema },
      },
    },
    async () => getTwoFactorPolicy(db),
  );

  api.put(
    '/admin/settings/two-factor-policy',
    {
      config: { access: { permission: 'settings.manage' } },
      schema: {
        tags: ['identity'],
        summary: 'Requires two-factor authentication of staff and/or of chosen company roles',
        body: twoFactorPolicySchema,
        response: { 200: twoFactorPolicySchema },
      },
    },
    async (request) => {
      const before = await getTwoFactorPolicy(db);
      await db.transaction(async (tx) => {
        await saveTwoFactorPolicy(tx, request.body);
        await recordAudit(tx, request, {
          action: 'settings.two_factor_policy',
          details: { before, after: request.body },
        });
      });
      return getTwoFactorPolicy(db);
    },
  );

  api.post(
    '/admin/people/:userId/two-factor/reset',
    {
      config: { access: { permission: 'people.manage' } },
      schema: {
        tags: ['identity'],
        summary: "Turns a person's two-factor authentication off (lost phone); the person gets an e-mail",
        params: z.object({ userId: z.string().min(1).max(64) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const person = await getPerson(db, request.params.userId);
      if (!person) throw new AppError('NOT_FOUND', 'No such person');
      await resetTwoFactor(db, ctx.auth, person.id);
      await recordAudit(db, request, {
        action: 'two_factor.reset',
        subject: person.id,
        details: { wasEnabled: person.twoFactorEnabled },
      });
      await queueMail(db, {
        to: person.email,
        template: twoFactorResetMail.name,
        locale: person.locale,
        vars: { name: person.name, url: `${ctx.config.publicUrl}/profile/security` },
      });
      ctx.jobs.poke();
      return reply.code(204).send(null);
    },
  );
}
