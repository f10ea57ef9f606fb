import type { FastifyInstance } from 'fastify';
import { defineModule, type ModuleContext } from '../../server/core/module.js';
import { kbAdminRoutes } from './kb.admin.routes.js';
import { kbPublicRoutes } from './kb.routes.js';

export { articleFromAnswer } from './kb.admin.service.js';
export { seedDemoKnowledgeBase } from './kb.seed.js';

/**
 * FAQ and knowledge base (docs/kb.md): categories and articles per audience, search with Russian morphology,
 * "was this helpful", suggestions while a request is typed, and the back-office editor.
 */
export const kbModule = defineModule({
  name: 'kb',
  routes: (app: FastifyInstance, ctx: ModuleContext) => {
    kbPublicRoutes(app, ctx);
    kbAdminRoutes(app, ctx);
  },
});
