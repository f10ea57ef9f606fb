import { defineModule } from '../../server/core/module.js';
import { agreementsPersonalData } from './agreements.personal-data.js';
import { agreementsRoutes } from './agreements.routes.js';

export { seedDemoAgreement } from './agreements.seed.js';
export { type AgreementActor, createAgreement } from './agreements.service.js';

/**
 * Document approval (согласование, docs/agreements.md): contracts, specifications and supplementary agreements
 * that the seller's staff and a company review version by version, comment on, and approve with a one-time
 * code (a simple electronic signature) or reject.
 */
export const agreementsModule = defineModule({
  name: 'agreements',
  routes: agreementsRoutes,
  personalData: agreementsPersonalData,
});
