import { defineModule } from '../../server/core/module.js';
import { devmailPersonalData } from './devmail.personal-data.js';
import { devmailRoutes } from './devmail.routes.js';

export const devmailModule = defineModule({
  name: 'devmail',
  routes: devmailRoutes,
  personalData: devmailPersonalData,
});
