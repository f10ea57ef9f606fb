import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/core/access.js';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  adminListQuery,
  adminListSchema,
  claimBody,
  codeParams,
  idParams,
  landingSchema,
  myReferralsSchema,
  referralSchema,
} from './referrals.schema.js';
import {
  claimReferral,
  landingOf,
  listReferrals,
  myReferrals,
  referralCounts,
  referralOf,
} from './referrals.service.js';
import { getReferralSettings, referralSettingsSchema, saveReferralSettings } from './referrals.settings.js';

const tags = ['referrals'];

/** The signed-in person (the operator's link session has no referral code). */
function personOf(request: FastifyRequest): string {
  const actor = actorOf(request);
  if (actor.kind !== 'person')
    throw new AppError('FORBIDDEN', 'Only a person takes part in the referral programme');
  return actor.id;
}
const me = { access: { signedIn: true as const } };
const admin = { access: { permission: 'loyalty.manage' as const } };

/** The referral programme: a person's link and code, the landing of a link, the back office (docs/referrals.md). */
export function referralsRoutes(app: FastifyInstance, { db, config }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/public/referrals/:code',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'The offer behind a referral link',
        params: codeParams,
        response: { 200: landingSchema },
      },
    },
    async (request) => landingOf(db, request.params.code),
  );

  api.get(
    '/me/referrals',
    {
      config: me,
      schema: {
        tags,
        summary: 'My code, link, terms and invited friends',
        response: { 200: myReferralsSchema },
      },
    },
    async (request) => myReferrals(db, personOf(request), config.publicUrl),
  );

  api.post(
    '/me/referrals/claim',
    {
      config: me,
      schema: {
        tags,
        summary: 'Joins by a friend’s code (once, never my own, before my first order)',
        body: claimBody,
        response: { 201: referralSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await claimReferral(db, personOf(request), request.body.code)),
  );

  api.get(
    '/me/referrals/:id',
    {
      config: me,
      schema: {
        tags,
        summary: 'A referral I am a side of',
        params: idParams,
        response: { 200: referralSchema },
      },
    },
    async (request) => referralOf(db, personOf(request), request.params.id),
  );

  api.get(
    '/admin/referrals',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Every referral with its status and fraud reason',
        querystring: adminListQuery,
        response: { 200: adminListSchema },
      },
    },
    async (request) => ({ ...(await listReferrals(db, request.query)), counts: await referralCounts(db) }),
  );

  const settings = referralSettingsSchema.meta({ id: 'ReferralSettings' });
  api.get(
    '/admin/referrals/settings',
    { config: admin, schema: { tags, summary: 'The programme’s terms', response: { 200: settings } } },
    async () => getReferralSettings(db),
  );
  api.put(
    '/admin/referrals/settings',
    {
      config: admin,
      schema: { tags, summary: 'Changes the programme’s terms', body: settings, response: { 200: settings } },
    },
    async (request) => {
      const before = await getReferralSettings(db);
      await db.transaction(async (tx) => {
        await saveReferralSettings(tx, request.body);
        await recordAudit(tx, request, {
          action: 'settings.referrals',
          details: { before, after: request.body },
        });
      });
      return request.body;
    },
  );
}
