import { defineModule } from '../../server/core/module.js';
import { devmailRoutes } from './devmail.routes.js';

export const devmailModule = defineModule({ name: 'devmail', routes: devmailRoutes });
