import { defineModule } from '../../server/core/module.js';
import { identityRoutes } from './identity.routes.js';
import { identityPersonalData } from './sessions.service.js';
import { signInFactorsPersonalData } from './sign-in-factors.personal-data.js';

export const identityModule = defineModule({
  name: 'identity',
  routes: identityRoutes,
  personalData: [...identityPersonalData, ...signInFactorsPersonalData],
});
