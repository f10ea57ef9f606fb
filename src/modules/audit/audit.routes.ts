import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleContext } from '../../server/core/module.js';
import { pageOf, pageQuery } from '../../server/core/pagination.js';
import { listAudit } from './audit.service.js';

const auditEntrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    action: z.string(),
    subject: z.string().nullable(),
    actorId: z.string().nullable(),
    actorKind: z.string(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEntry' });

export function auditRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/admin/audit',
    {
      config: { access: { permission: 'audit.read' } },
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first',
        querystring: pageQuery.extend({
          action: z
            .string()
            .max(100)
            .optional()
            .describe('An action, or a prefix ending in "." (e.g. "people.")'),
          actorId: z.string().max(100).optional(),
          target: z.string().max(320).optional().describe('The subject: an e-mail, a person or company id'),
          ip: z.string().max(100).optional(),
          from: z.iso.datetime({ offset: true }).optional().describe('From this time (inclusive)'),
          to: z.iso.datetime({ offset: true }).optional().describe('Up to this time (exclusive)'),
          q: z.string().max(200).optional().describe('Text in the action, subject, user agent or details'),
        }),
        response: { 200: pageOf(auditEntrySchema) },
      },
    },
    async (request) => {
      const { from, to, ...rest } = request.query;
      return listAudit(db, {
        ...rest,
        from: from ? new Date(from) : undefined,
        to: to ? new Date(to) : undefined,
      });
    },
  );
}
