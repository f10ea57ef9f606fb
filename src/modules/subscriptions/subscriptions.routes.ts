import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/core/access.js';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import { adminListSubscriptions, allPlans, createPlan, failedCharges, updatePlan } from './admin.service.js';
import { listReminders, reorderFromReminder } from './reminders.service.js';
import { preferencesOf, savePreferences } from './subscriptions.notices.js';
import {
  adminListQuery,
  adminListSchema,
  changeBody,
  createBody,
  detailSchema,
  failedChargesSchema,
  idParams,
  listSchema,
  pauseBody,
  planBody,
  planPatch,
  planSchema,
  plansSchema,
  preferencesBody,
  preferencesSchema,
  remindersSchema,
  reorderBody,
} from './subscriptions.schema.js';
import {
  activePlans,
  cancelSubscription,
  changeSubscription,
  createSubscription,
  listSubscriptions,
  pauseSubscription,
  resumeSubscription,
  skipNext,
  subscriptionDetail,
} from './subscriptions.service.js';

const tags = ['subscriptions'];
const me = { signedIn: true } as const;
const staff = { permission: 'loyalty.manage' } as const;

/** The signed-in person (an operator has no subscriptions). */
function person(request: FastifyRequest) {
  const actor = actorOf(request);
  if (actor.kind !== 'person') throw new AppError('FORBIDDEN', 'Only a person has subscriptions');
  return actor;
}

/** Subscriptions to regular deliveries and service plans, and reorder reminders (docs/subscriptions.md). */
export function subscriptionsRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/me/subscriptions',
    { config: { access: me }, schema: { tags, summary: 'My subscriptions', response: { 200: listSchema } } },
    async (request) => listSubscriptions(db, person(request).id),
  );

  api.post(
    '/me/subscriptions',
    {
      config: { access: me },
      schema: {
        tags,
        summary: 'Subscribes to a product every N weeks or to a service plan, paid with a saved card',
        body: createBody,
        response: { 201: detailSchema },
      },
    },
    async (request, reply) => {
      const p = person(request);
      const row = await createSubscription(db, { id: p.id, locale: p.locale ?? 'ru' }, request.body);
      return reply.code(201).send(await subscriptionDetail(db, p.id, row.id));
    },
  );

  api.get(
    '/me/subscriptions/plans',
    {
      config: { access: me },
      schema: { tags, summary: 'Service plans on offer', response: { 200: plansSchema } },
    },
    async () => activePlans(db),
  );

  api.get(
    '/me/subscriptions/:id',
    {
      config: { access: me },
      schema: {
        tags,
        summary: 'One subscription with its history',
        params: idParams,
        response: { 200: detailSchema },
      },
    },
    async (request) => subscriptionDetail(db, person(request).id, request.params.id),
  );

  api.patch(
    '/me/subscriptions/:id',
    {
      config: { access: me },
      schema: {
        tags,
        summary: 'Changes quantity, interval, next date, address, delivery or card',
        params: idParams,
        body: changeBody,
        response: { 200: detailSchema },
      },
    },
    async (request) => changeSubscription(db, person(request).id, request.params.id, request.body),
  );

  api.post(
    '/me/subscriptions/:id/pause',
    {
      config: { access: me },
      schema: {
        tags,
        summary: 'Pauses until a date (or until resumed)',
        params: idParams,
        body: pauseBody,
        response: { 200: detailSchema },
      },
    },
    async (request) => pauseSubscription(db, person(request).id, request.params.id, request.body.until),
  );

  const action = (
    name: 'resume' | 'skip' | 'cancel',
    summary: string,
    run: (personId: string, id: string) => Promise<z.infer<typeof detailSchema>>,
  ) =>
    api.post(
      `/me/subscriptions/:id/${name}`,
      {
        config: { access: me },
        schema: { tags, summary, params: idParams, response: { 200: detailSchema } },
      },
      async (request) => run(person(request).id, request.params.id),
    );
  action('resume', 'Resumes a paused subscription', (p, id) => resumeSubscription(db, p, id));
  action('skip', 'Skips the next delivery or charge', (p, id) => skipNext(db, p, id));
  action('cancel', 'Cancels the subscription', (p, id) => cancelSubscription(db, p, id));

  api.get(
    '/me/reminders',
    {
      config: { access: me },
      schema: {
        tags,
        summary: 'My reorder reminders and notice preferences',
        response: { 200: remindersSchema },
      },
    },
    async (request) => {
      const id = person(request).id;
      return { items: await listReminders(db, id), preferences: await preferencesOf(db, id) };
    },
  );

  api.put(
    '/me/reminders/preferences',
    {
      config: { access: me },
      schema: {
        tags,
        summary: 'Turns reorder reminders and subscription notices on or off',
        body: preferencesBody,
        response: { 200: preferencesSchema },
      },
    },
    async (request) => savePreferences(db, person(request).id, request.body),
  );

  api.post(
    '/me/reminders/reorder',
    {
      config: { access: me },
      schema: {
        tags,
        summary: "Follows a reminder's one-click link: the items go into my cart",
        body: reorderBody,
        response: {
          200: z.object({
            cartId: z.string(),
            added: z.number(),
            unavailable: z.number(),
            alreadyUsed: z.boolean(),
          }),
        },
      },
    },
    async (request) => reorderFromReminder(db, person(request).id, request.body.token),
  );

  // Back office ---------------------------------------------------------------------------------------------

  api.get(
    '/admin/subscriptions',
    {
      config: { access: staff },
      schema: {
        tags,
        summary: 'Subscriptions with filters',
        querystring: adminListQuery,
        response: { 200: adminListSchema },
      },
    },
    async (request) => adminListSubscriptions(db, request.query),
  );

  api.get(
    '/admin/subscriptions/failed-charges',
    {
      config: { access: staff },
      schema: { tags, summary: 'Periods whose payment failed', response: { 200: failedChargesSchema } },
    },
    async () => failedCharges(db),
  );

  api.get(
    '/admin/subscriptions/plans',
    { config: { access: staff }, schema: { tags, summary: 'Service plans', response: { 200: plansSchema } } },
    async () => allPlans(db),
  );

  api.post(
    '/admin/subscriptions/plans',
    {
      config: { access: staff },
      schema: { tags, summary: 'Creates a service plan', body: planBody, response: { 201: planSchema } },
    },
    async (request, reply) => reply.code(201).send(await createPlan(db, request.body)),
  );

  api.patch(
    '/admin/subscriptions/plans/:id',
    {
      config: { access: staff },
      schema: {
        tags,
        summary: 'Changes a service plan',
        params: idParams,
        body: planPatch,
        response: { 200: planSchema },
      },
    },
    async (request) => updatePlan(db, request.params.id, request.body),
  );

  api.get(
    '/admin/subscriptions/:id',
    {
      config: { access: staff },
      schema: {
        tags,
        summary: 'One subscription with its history',
        params: idParams,
        response: { 200: detailSchema },
      },
    },
    async (request) => subscriptionDetail(db, null, request.params.id),
  );
}
