import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../server/core/access.js';
import type { Db } from '../../server/core/db.js';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import { users } from '../people/people.tables.js';
import {
  markReadBody,
  markReadResultSchema,
  type NotificationLocale,
  notificationListQuery,
  notificationPageSchema,
  unreadCountSchema,
} from './notifications.schema.js';
import { listNotifications, markRead, unreadCount } from './notifications.service.js';

const tags = ['notifications'];

/** The signed-in person (the back-office operator is not a person and gets no notifications). */
function personId(request: FastifyRequest): string {
  const actor = actorOf(request);
  if (actor.kind !== 'person') throw new AppError('FORBIDDEN', 'Only a person has notifications');
  return actor.id;
}

/**
 * The request's language: the first ru/en in Accept-Language (the web app sends the language it shows),
 * else the person's profile language.
 */
async function localeOf(db: Db, request: FastifyRequest, userId: string): Promise<NotificationLocale> {
  const header = request.headers['accept-language'];
  const first = /\b(ru|en)\b/i.exec(typeof header === 'string' ? header : '')?.[1]?.toLowerCase();
  if (first === 'ru' || first === 'en') return first;
  const [person] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, userId));
  return person?.locale === 'en' ? 'en' : 'ru';
}

/** My in-app notifications (`/me/notifications`): the list, the unread badge and marking read. */
export function notificationsRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const access = { signedIn: true } as const;

  api.get(
    '/me/notifications',
    {
      config: { access },
      schema: {
        tags,
        summary: 'My notifications, newest first, in the request’s language',
        querystring: notificationListQuery,
        response: { 200: notificationPageSchema },
      },
    },
    async (request) => {
      const userId = personId(request);
      const { limit, cursor, unreadOnly } = request.query;
      const locale = await localeOf(db, request, userId);
      return listNotifications(db, userId, { limit, cursor, unreadOnly, locale });
    },
  );

  api.get(
    '/me/notifications/unread-count',
    {
      config: { access },
      schema: {
        tags,
        summary: 'How many of my notifications are unread (the bell’s badge)',
        response: { 200: unreadCountSchema },
      },
    },
    async (request) => ({ count: await unreadCount(db, personId(request)) }),
  );

  api.post(
    '/me/notifications/read',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Marks my notifications read: the given ids or all of them',
        body: markReadBody,
        response: { 200: markReadResultSchema },
      },
    },
    async (request) => {
      const userId = personId(request);
      const body = request.body;
      const marked = await markRead(db, userId, 'all' in body ? 'all' : body.ids);
      return { marked, count: await unreadCount(db, userId) };
    },
  );
}
