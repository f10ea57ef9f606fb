import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleContext } from '../../server/core/module.js';
import { pageOf, pageQuery } from '../../server/core/pagination.js';
import { getDevSms, listDevSms } from './sms.service.js';

export const devSmsSchema = z
  .object({
    id: z.uuid(),
    to: z.string(),
    text: z.string(),
    purpose: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'DevSms' });

/** The dev SMS inbox: what the development provider "sent", for the admin and the tests to read. */
export function smsRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const access = { permission: 'devMailbox.read' } as const;

  api.get(
    '/admin/dev-sms',
    {
      config: { access },
      schema: {
        tags: ['dev mailbox'],
        summary: 'Text messages caught by the development SMS provider (newest first)',
        querystring: pageQuery.extend({
          to: z.string().max(32).optional().describe('Only messages to this number (E.164 or as typed)'),
        }),
        response: { 200: pageOf(devSmsSchema) },
      },
    },
    async (request) => listDevSms(db, request.query),
  );

  api.get(
    '/admin/dev-sms/:id',
    {
      config: { access },
      schema: {
        tags: ['dev mailbox'],
        summary: 'One text message',
        params: z.object({ id: z.uuid() }),
        response: { 200: devSmsSchema },
      },
    },
    async (request) => getDevSms(db, request.params.id),
  );
}
