import { defineModule } from '../../server/core/module.js';
import { documentsRoutes } from './documents.routes.js';
import { sellerSettingsRoutes } from './seller.routes.js';

export { getDocument } from './documents.service.js';
export { MissingRequisitesError } from './missing-requisites-error.js';

/**
 * Finance documents of companies (docs/documents.md): invoices numbered without gaps, stored and downloadable,
 * and the seller requisites they are printed with. The renderers beside it are pure functions.
 */
export const documentsModule = defineModule({
  name: 'documents',
  routes: (app, ctx) => {
    sellerSettingsRoutes(app, ctx);
    documentsRoutes(app, ctx);
  },
});
export {
  type IssuedDocument,
  issueReconciliationAct,
  type ReconciliationIssueInput,
} from './reconciliation.issue.js';
