import { defineModule } from '../../server/core/module.js';
import { financeJobs, wireFinance } from './finance.jobs.js';
import { financeAdminRoutes, financeImportRoutes, financeRoutes } from './finance.routes.js';
import { reconciliationJobs } from './reconciliation.jobs.js';
import { reconciliationRoutes } from './reconciliation.routes.js';

export {
  balanceOf,
  type CompanyPaymentInput,
  type CompanyPaymentRow,
  type CompanyPaymentView,
  debtHistory,
  type FinanceActor,
  type FinanceSummary,
  financeSummary,
  financeSystemActor,
  importOpeningBalance,
  type LedgerLine,
  ledgerFor,
  listCompanyPayments,
  openCreditOf,
  paymentSchedule,
  recordCompanyPayment,
  type ScheduleItem,
} from './finance.service.js';
export { type CompanyPaymentSource, companyPaymentSources, type LedgerEntryKind } from './finance.tables.js';
export { listReconciliations } from './reconciliation.service.js';

/**
 * A company's money (docs/finance.md): its payments and their allocation to orders and invoices, and its
 * account as 1C keeps it — debits for shipments, credits for payments. Routes: the company's finances page, the
 * back office's payments, and the ERP import of payments and balances.
 */
export const financeModule = defineModule({
  name: 'finance',
  routes: (app, ctx) => {
    financeRoutes(app, ctx);
    financeAdminRoutes(app, ctx);
    financeImportRoutes(app, ctx);
    reconciliationRoutes(app, ctx);
  },
  jobs: (ctx) => [...financeJobs(ctx), ...reconciliationJobs(ctx)],
  wire: wireFinance,
});
