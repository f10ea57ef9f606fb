import { APIError } from 'better-auth/api';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/core/access.js';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import { recordAudit } from '../audit/audit.service.js';
import { findPersonByEmail, markEmailVerified } from '../people/people.service.js';
import { acceptInvitation, assertUsable, invitationByToken } from './invitations.service.js';

const tokenParams = z.object({ token: z.string().min(20).max(100) });

/** Turns Better Auth's refusal of a sign-up into our problem with the field it concerns. */
function signUpProblem(error: unknown): never {
  if (!(error instanceof APIError)) throw error;
  const body = (error.body ?? {}) as { code?: string; message?: string };
  const message = body.message ?? 'Sign-up was refused';
  const field =
    body.code === 'CONSENT_REQUIRED'
      ? 'body.consentVersion'
      : body.code?.startsWith('PASSWORD')
        ? 'body.password'
        : undefined;
  throw new AppError('VALIDATION_FAILED', message, field ? [{ path: field, message }] : []);
}

/** Opening and accepting an invitation link: by a signed-in person, or by signing up from it. */
export function invitationsRoutes(app: FastifyInstance, { db, auth }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/invitations/:token',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['companies'],
        summary: 'What an invitation link offers: the company, the role and whether it can still be used',
        params: tokenParams,
        response: {
          200: z.object({
            companyName: z.string(),
            email: z.string(),
            roleName: z.string(),
            state: z.enum(['open', 'expired', 'accepted', 'revoked']),
            expiresAt: z.string(),
            hasAccount: z.boolean(),
          }),
        },
      },
    },
    async (request) => {
      const invitation = await invitationByToken(db, request.params.token);
      return {
        companyName: invitation.companyName,
        email: invitation.email,
        roleName: invitation.customRoleName ?? invitation.role,
        state: invitation.state,
        expiresAt: invitation.expiresAt.toISOString(),
        hasAccount: (await findPersonByEmail(db, invitation.email)) !== null,
      };
    },
  );

  api.post(
    '/invitations/:token/accept',
    {
      config: { access: { signedIn: true } },
      schema: {
        tags: ['companies'],
        summary: 'Accepts the invitation as the signed-in person (the e-mail must be the invited one)',
        params: tokenParams,
        response: { 200: z.object({ orgId: z.string() }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (actor.kind !== 'person') throw new AppError('FORBIDDEN', 'Only a person can accept an invitation');
      const accepted = await acceptInvitation(db, request.params.token, actor);
      await recordAudit(db, request, {
        action: 'company.invitation_accepted',
        subject: accepted.companyId,
        details: { id: accepted.invitationId },
      });
      return { orgId: accepted.companyId };
    },
  );

  api.post(
    '/invitations/:token/sign-up',
    {
      config: { access: { public: true } },
      schema: {
        tags: ['companies'],
        summary:
          'Creates an account for the invited address and joins the company; the link proves the address, so no separate verification is needed',
        params: tokenParams,
        body: z.object({
          name: z.string().trim().min(1).max(200),
          password: z.string().min(10).max(128),
          consentVersion: z.string().max(40),
          locale: z.enum(['ru', 'en']).default('ru'),
        }),
        response: { 200: z.object({ orgId: z.string() }) },
      },
    },
    async (request, reply) => {
      const invitation = await invitationByToken(db, request.params.token);
      assertUsable(invitation);
      if (await findPersonByEmail(db, invitation.email)) {
        throw new AppError(
          'CONFLICT',
          'An account with this e-mail exists: sign in to accept the invitation',
        );
      }
      const { name, password, consentVersion, locale } = request.body;
      const created = await auth.api
        .signUpEmail({ body: { name, email: invitation.email, password, consentVersion, locale } })
        .catch(signUpProblem);
      await markEmailVerified(db, created.user.id);
      const accepted = await acceptInvitation(db, request.params.token, {
        id: created.user.id,
        email: invitation.email,
      });
      const signedIn = await auth.api.signInEmail({
        body: { email: invitation.email, password },
        returnHeaders: true,
      });
      for (const cookie of signedIn.headers.getSetCookie()) reply.header('set-cookie', cookie);
      await recordAudit(db, request, {
        action: 'company.invitation_accepted',
        subject: accepted.companyId,
        actorId: created.user.id,
        actorKind: 'person',
        details: { id: accepted.invitationId, signedUp: true },
      });
      return { orgId: accepted.companyId };
    },
  );
}
