import { defineModule } from '../../server/core/module.js';
import { settingsRoutes } from './settings.routes.js';

export const settingsModule = defineModule({ name: 'settings', routes: settingsRoutes });
