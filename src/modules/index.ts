import type { KabinetModule } from '../server/core/module.js';
import { addressesModule } from './addresses/index.js';
import { agreementsModule } from './agreements/index.js';
import { auditModule } from './audit/index.js';
import { backofficeModule } from './backoffice/index.js';
import { cartsModule } from './carts/index.js';
import { catalogModule } from './catalog/index.js';
import { chatModule } from './chat/index.js';
import { companiesModule } from './companies/index.js';
import { deliveryModule } from './delivery/index.js';
import { devmailModule } from './devmail/index.js';
import { documentsModule } from './documents/index.js';
import { exchange1cModule } from './exchange1c/index.js';
import { financeModule } from './finance/index.js';
import { identityModule } from './identity/index.js';
import { kbModule } from './kb/index.js';
import { loyaltyModule } from './loyalty/index.js';
import { notificationsModule } from './notifications/index.js';
import { offersModule } from './offers/index.js';
import { ordersModule } from './orders/index.js';
import { paymentsModule } from './payments/index.js';
import { profileModule } from './profile/index.js';
import { promotionsModule } from './promotions/index.js';
import { referralsModule } from './referrals/index.js';
import { settingsModule } from './settings/index.js';
import { slaModule } from './sla/index.js';
import { smsModule } from './sms/index.js';
import { subscriptionsModule } from './subscriptions/index.js';
import { supportModule } from './support/index.js';
import { systemModule } from './system/index.js';

/** Every module the server mounts, in order. Adding a module is one folder and one line here. */
export const modules: KabinetModule[] = [
  systemModule,
  identityModule,
  settingsModule,
  companiesModule,
  devmailModule,
  auditModule,
  smsModule,
  profileModule,
  backofficeModule,
  catalogModule,
  exchange1cModule,
  deliveryModule,
  paymentsModule,
  addressesModule,
  cartsModule,
  notificationsModule,
  ordersModule,
  documentsModule,
  financeModule,
  agreementsModule,
  slaModule,
  supportModule,
  kbModule,
  chatModule,
  loyaltyModule,
  promotionsModule,
  offersModule,
  referralsModule,
  subscriptionsModule,
];
