import { defineModule } from '../../server/core/module.js';
import { orderAftercareRoutes } from './aftercare.js';
import { approvalsRoutes } from './approvals.routes.js';
import { orderExportRoutes } from './export.routes.js';
import { ordersJobs, wireOrders } from './orders.jobs.js';
import './orders.mail.js';
import { ordersRoutes } from './orders.routes.js';
import { repeatRoutes } from './repeat.js';
import { ordersSettingsRoutes } from './settings.routes.js';

export {
  type AttachmentKind,
  attachmentMaxBytes,
  claimFileKinds,
  readAttachmentUpload,
  sniffKind,
  type UploadedFile,
} from './attachments.js';
export { listClaims } from './claims.service.js';
export { orderWords } from './export.js';
export {
  type CheckoutAdjustInput,
  type CheckoutAdjustment,
  type CheckoutLine,
  setCheckoutAdjuster,
  spreadOverLines,
} from './orders.adjust.js';
export { creditOf } from './orders.credit.js';
export { loadOrderDetailRows, type OrderDetailRows } from './orders.detail.js';
export {
  type OrderForDocuments,
  orderForDocuments,
  ordersByNumbers,
  type ShipmentForDocuments,
  shipmentForDocuments,
} from './orders.documents.js';
export {
  applyOrderChangeFrom1C,
  type ExchangeOrder,
  type OrderChangeFrom1C,
  ordersChangeCutoff,
  ordersChangedSince,
  statusFrom1C,
} from './orders.exchange.js';
export {
  type OpenDeferredOrder,
  openDeferredOrders,
  type ShipmentValue,
  shipmentValue,
} from './orders.finance.js';
export { lockOrder, type OrderActor, type OrderRow } from './orders.lifecycle.js';
export { companyOrderIdsByNumber, companyOrderNumbers } from './orders.numbers.js';
export { placeOrder, priceCheckoutLines, startOrderPayment } from './orders.place.js';
export { orderableVariants } from './orders.products.js';
export { type RepeatPurchase, recentDeliveries, repeatPurchases } from './orders.purchases.js';
export { linesOf } from './orders.routes.js';
export {
  cancelOrder,
  listOrders,
  orderDetail,
  orderInScope,
  recordPaymentReceived,
} from './orders.service.js';
export { personalSpendOf, personalSpendSql, type SpendWindow } from './orders.spend.js';
export { listReturns } from './returns.service.js';

/**
 * Orders of customers and companies: checkout options, placement, history, detail, cancellation, card
 * payment, B2B approvals (docs/orders.md). The back office, shipments, returns and claims register their
 * routes beside these.
 */
export const ordersModule = defineModule({
  name: 'orders',
  routes: async (app, ctx) => {
    ordersRoutes(app, ctx);
    approvalsRoutes(app, ctx);
    repeatRoutes(app, ctx);
    ordersSettingsRoutes(app, ctx);
    orderExportRoutes(app, ctx);
    await orderAftercareRoutes(app, ctx);
  },
  jobs: ordersJobs,
  wire: wireOrders,
});
