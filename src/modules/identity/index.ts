import { defineModule } from '../../server/core/module.js';
import { identityRoutes } from './identity.routes.js';
import { identityPersonalData } from './sessions.service.js';

export const identityModule = defineModule({
  name: 'identity',
  routes: identityRoutes,
  personalData: identityPersonalData,
});
