import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { queueMail } from '../../server/core/mail/mailer.js';
import type { ModuleContext } from '../../server/core/module.js';
import { pageOf, pageQuery } from '../../server/core/pagination.js';
import { mailListQuery, mailMessageSchema, mailSummarySchema } from './devmail.schema.js';
import { getMail, listMail } from './devmail.service.js';
import { testMail } from './devmail.templates.js';

export function devmailRoutes(app: FastifyInstance, { db, jobs }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const access = { permission: 'devMailbox.read' } as const;

  api.get(
    '/admin/dev-mailbox',
    {
      config: { access },
      schema: {
        tags: ['dev mailbox'],
        summary: 'Messages caught by the dev mailbox (newest first)',
        querystring: pageQuery.extend(mailListQuery.shape),
        response: { 200: pageOf(mailSummarySchema) },
      },
    },
    async (request) => listMail(db, request.query),
  );

  api.get(
    '/admin/dev-mailbox/:id',
    {
      config: { access },
      schema: {
        tags: ['dev mailbox'],
        summary: 'One message with its text and HTML body',
        params: z.object({ id: z.uuid() }),
        response: { 200: mailMessageSchema },
      },
    },
    async (request) => getMail(db, request.params.id),
  );

  api.post(
    '/admin/mail/test',
    {
      config: { access: { permission: 'settings.manage' } },
      schema: {
        tags: ['mail'],
        summary: 'Queues a test message (through SMTP, or into the dev mailbox)',
        body: z.object({ to: z.email().max(320), locale: z.enum(['ru', 'en']).default('ru') }),
        response: { 202: z.object({ queued: z.literal(true) }) },
      },
    },
    async (request, reply) => {
      await queueMail(db, {
        to: request.body.to.toLowerCase(),
        template: testMail.name,
        locale: request.body.locale,
        vars: { requestedBy: request.actor?.name ?? 'Kabinet' },
      });
      jobs.poke();
      return reply.code(202).send({ queued: true as const });
    },
  );
}
