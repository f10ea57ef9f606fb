import type { FastifyInstance } from 'fastify';
import { defineModule, type ModuleContext } from '../../server/core/module.js';
import { impersonationRoutes } from './impersonation.routes.js';
import { invitationsRoutes } from './invitations.routes.js';
import { peopleRoutes } from './people.routes.js';
import { rolesRoutes } from './roles.routes.js';
import { sectionsRoutes } from './sections.routes.js';

/** The back office: people, staff roles and invitations, impersonation, section access. */
export const backofficeModule = defineModule({
  name: 'backoffice',
  routes(app: FastifyInstance, ctx: ModuleContext) {
    peopleRoutes(app, ctx);
    rolesRoutes(app, ctx);
    invitationsRoutes(app, ctx);
    impersonationRoutes(app, ctx);
    sectionsRoutes(app, ctx);
  },
});
