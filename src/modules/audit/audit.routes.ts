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
          action: z.string().max(100).optional(),
          actorId: z.string().max(100).optional(),
        }),
        response: { 200: pageOf(auditEntrySchema) },
      },
    },
    async (request) => listAudit(db, request.query),
  );
}
