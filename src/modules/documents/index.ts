import { defineModule } from '../../server/core/module.js';
import { documentsAdminRoutes } from './documents.admin.js';
import { documentArchiveRoutes } from './documents.archive.js';
import { documentsGenerateRoutes } from './documents.generate.routes.js';
import { documentsJobs, wireDocuments } from './documents.jobs.js';
import { documentsRoutes } from './documents.routes.js';
import { sellerSettingsRoutes } from './seller.routes.js';

export { getDocument, listDocuments } from './documents.service.js';
export { markInvoicesPaid } from './invoice-paid.js';
export { MissingRequisitesError } from './missing-requisites-error.js';
export { sellerLogo } from './seller-logo.js';

/**
 * Finance documents of companies (docs/documents.md): invoices, УПД of shipments, acts and order confirmations
 * numbered without gaps, stored and downloadable; documents from 1C or uploaded; the seller requisites. The renderers beside it are pure functions.
 */
export const documentsModule = defineModule({
  name: 'documents',
  routes: async (app, ctx) => {
    await sellerSettingsRoutes(app, ctx);
    documentsRoutes(app, ctx);
    documentArchiveRoutes(app, ctx);
    documentsAdminRoutes(app, ctx);
    await documentsGenerateRoutes(app, ctx);
  },
  jobs: documentsJobs,
  wire: wireDocuments,
});
export {
  type IssuedDocument,
  issueReconciliationAct,
  type ReconciliationIssueInput,
} from './reconciliation.issue.js';
