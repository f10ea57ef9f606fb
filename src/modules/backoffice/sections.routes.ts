import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import { recordAudit } from '../audit/audit.service.js';
import { customerGroupExists } from '../companies/companies.service.js';
import { groupSections, saveGroupSections, sectionIdSchema } from './sections.service.js';

const groupsSchema = z
  .object({
    groups: z.record(z.string(), z.array(z.string())),
  })
  .meta({ id: 'GroupSections' });

/** Back office: which web sections each customer group sees (staff roles keep theirs on the role). */
export function sectionsRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/admin/section-access/groups',
    {
      config: { access: { permission: 'roles.manage' } },
      schema: {
        tags: ['back office'],
        summary: 'Web sections per customer group (a group not listed sees every section)',
        response: { 200: groupsSchema },
      },
    },
    async () => ({ groups: await groupSections(db) }),
  );

  api.put(
    '/admin/section-access/groups/:groupId',
    {
      config: { access: { permission: 'roles.manage' } },
      schema: {
        tags: ['back office'],
        summary: 'Sets the web sections a customer group sees (null: every section)',
        params: z.object({ groupId: z.string().min(1).max(100) }),
        body: z.object({ sections: z.array(sectionIdSchema).max(100).nullable() }),
        response: { 200: groupsSchema },
      },
    },
    async (request) => {
      if (!(await customerGroupExists(db, request.params.groupId))) {
        throw new AppError('NOT_FOUND', 'No such customer group');
      }
      const groups = await saveGroupSections(db, request.params.groupId, request.body.sections);
      await recordAudit(db, request, {
        action: 'roles.group_sections_changed',
        subject: request.params.groupId,
        details: { sections: request.body.sections },
      });
      return { groups };
    },
  );
}
