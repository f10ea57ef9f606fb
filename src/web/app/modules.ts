/**
 * The web module registry. To add a module (orders, catalog, …):
 *   1. create src/web/modules/<name>/index.ts exporting a `WebModule` (see module-types.ts): its routes as
 *      children of the shell route (`createRoute({ getParentRoute: () => parent, path: '/orders', … })`,
 *      pages via `lazyRouteComponent(() => import('./OrdersPage'), 'OrdersPage')` to keep them in their own
 *      chunk) and its nav items (label = i18n key, optional `permission` that hides the item);
 *   2. add one line below (import + list entry), and its texts to
 *      src/web/modules/<name>/i18n/ru.json and en.json (plus one line in i18n/types.ts).
 * Order here is the order of routes; nav items are sorted by their own `order` inside each section.
 */
import { addressesModule } from '../modules/addresses';
import { agreementsModule } from '../modules/agreements';
import { auditModule, peopleModule, rolesModule } from '../modules/backoffice';
import { cartsModule } from '../modules/carts';
import { catalogModule } from '../modules/catalog';
import { catalogAdminModule } from '../modules/catalog-admin';
import { catalogTransferModule } from '../modules/catalog-transfer';
import { chatModule } from '../modules/chat';
import { chatAdminModule } from '../modules/chat-admin';
import { companiesModule } from '../modules/companies';
import { customer360Module } from '../modules/customer360';
import { deliveryAdminModule } from '../modules/delivery-admin';
import { devmailModule } from '../modules/devmail';
import { devsmsModule } from '../modules/devsms';
import { documentsModule } from '../modules/documents';
import { exchange1cModule } from '../modules/exchange1c';
import { financeModule } from '../modules/finance';
import { homeModule } from '../modules/home';
import { identityModule } from '../modules/identity';
import { kbModule } from '../modules/kb';
import { kbAdminModule } from '../modules/kb-admin';
import { loyaltyModule } from '../modules/loyalty';
import { loyaltyCardModule } from '../modules/loyalty-card';
import { notificationsModule } from '../modules/notifications';
import { offersModule } from '../modules/offers';
import { orderAftercareModule } from '../modules/order-aftercare';
import { ordersModule } from '../modules/orders';
import { ordersAdminModule } from '../modules/orders-admin';
import { profileModule } from '../modules/profile';
import { promotionsModule } from '../modules/promotions';
import { reconciliationsModule } from '../modules/reconciliations';
import { referralsModule } from '../modules/referrals';
import { securitySettingsModule } from '../modules/security-settings';
import { sellerSettingsModule } from '../modules/seller-settings';
import { slaAdminModule } from '../modules/sla-admin';
import { subscriptionsModule } from '../modules/subscriptions';
import { supportModule } from '../modules/support';
import { supportDeskModule } from '../modules/support-desk';
import { supportReportsModule } from '../modules/support-reports';
import { twofactorModule } from '../modules/twofactor';
import type { WebModule } from './module-types';

export const webModules: WebModule[] = [
  homeModule,
  identityModule,
  profileModule,
  companiesModule,
  catalogModule,
  devmailModule,
  twofactorModule,
  devsmsModule,
  peopleModule,
  rolesModule,
  auditModule,
  catalogAdminModule,
  exchange1cModule,
  securitySettingsModule,
  sellerSettingsModule,
  catalogTransferModule,
  deliveryAdminModule,
  slaAdminModule,
  addressesModule,
  cartsModule,
  notificationsModule,
  ordersModule,
  ordersAdminModule,
  supportDeskModule,
  documentsModule,
  orderAftercareModule,
  agreementsModule,
  supportModule,
  chatModule,
  chatAdminModule,
  financeModule,
  reconciliationsModule,
  supportReportsModule,
  customer360Module,
  kbModule,
  kbAdminModule,
  loyaltyModule,
  loyaltyCardModule,
  promotionsModule,
  offersModule,
  referralsModule,
  subscriptionsModule,
];
