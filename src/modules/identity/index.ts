import { defineModule } from '../../server/core/module.js';
import { identityRoutes } from './identity.routes.js';

export const identityModule = defineModule({ name: 'identity', routes: identityRoutes });
