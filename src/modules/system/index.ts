import { defineModule } from '../../server/core/module.js';
import { systemRoutes } from './system.routes.js';

export const systemModule = defineModule({ name: 'system', routes: systemRoutes });
