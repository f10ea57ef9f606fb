import { defineModule } from '../../server/core/module.js';
import { exchangeAdminRoutes } from './exchange1c.admin.routes.js';
import { exchangeRoutes } from './exchange1c.routes.js';

export { type IntegrationCaller, integrationAuth, integrationCallerOf } from './integration-auth.js';

/**
 * The 1C "Обмен с сайтом" exchange (CommerceML 2): the protocol endpoint at /api/1c/exchange, the streaming
 * catalog importer, and the back office's integration accounts and exchange log.
 */
export const exchange1cModule = defineModule({
  name: 'exchange1c',
  routes: exchangeAdminRoutes,
  rootRoutes: exchangeRoutes,
});
