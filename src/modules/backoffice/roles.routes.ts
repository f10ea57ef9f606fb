import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleContext } from '../../server/core/module.js';
import { recordAudit } from '../audit/audit.service.js';
import { deleteStaffRole, listStaffRoles, saveStaffRole } from '../people/staff-roles.service.js';

const sectionId = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9-]{0,59}$/)
  .describe('A web section (nav module id)');

const roleSchema = z
  .object({
    key: z.string(),
    name: z.object({ ru: z.string(), en: z.string() }),
    permissions: z.array(z.string()),
    builtIn: z.boolean(),
    sections: z.array(z.string()).nullable(),
  })
  .meta({ id: 'StaffRole' });

const keyParams = z.object({ key: z.string().regex(/^[a-z][a-zA-Z0-9-]{0,59}$/) });

/** Back office: staff roles as sets of permission keys, and the web sections each may see. */
export function rolesRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/admin/roles',
    {
      config: { access: { permission: 'people.read' } },
      schema: {
        tags: ['back office'],
        summary: 'Staff roles with their permissions',
        response: { 200: z.object({ items: z.array(roleSchema) }) },
      },
    },
    async () => ({ items: await listStaffRoles(db) }),
  );

  api.put(
    '/admin/roles/:key',
    {
      config: { access: { permission: 'roles.manage' } },
      schema: {
        tags: ['back office'],
        summary:
          "Creates a staff role or changes its name, permissions and sections (admin's permissions stay all)",
        params: keyParams,
        body: z.object({
          name: z.object({ ru: z.string().trim().min(1).max(100), en: z.string().trim().min(1).max(100) }),
          permissions: z.array(z.string().max(100)).max(200),
          sections: z.array(sectionId).max(100).nullable().default(null),
        }),
        response: { 200: roleSchema },
      },
    },
    async (request) => {
      return db.transaction(async (tx) => {
        const { role, created, before } = await saveStaffRole(tx, request.params.key, request.body);
        await recordAudit(tx, request, {
          action: created ? 'roles.created' : 'roles.updated',
          subject: role.key,
          details: {
            before: before ? { permissions: before.permissions, sections: before.sections } : null,
            after: { permissions: role.permissions, sections: role.sections },
          },
        });
        return role;
      });
    },
  );

  api.delete(
    '/admin/roles/:key',
    {
      config: { access: { permission: 'roles.manage' } },
      schema: {
        tags: ['back office'],
        summary: 'Deletes a staff role that is not built in and that nobody holds',
        params: keyParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await db.transaction(async (tx) => {
        await deleteStaffRole(tx, request.params.key);
        await recordAudit(tx, request, { action: 'roles.deleted', subject: request.params.key });
      });
      return reply.code(204).send(null);
    },
  );
}
