import { defineModule } from '../../server/core/module.js';
import { devWebhookSecret } from './dev.provider.js';
import { devWebhookJob } from './payments.jobs.js';
import { paymentsPersonalData } from './payments.personal-data.js';
import { paymentsRoutes } from './payments.routes.js';

export { saveDevCard, setDevCardDeclined } from './dev.saved-card.js';
export {
  listSavedMethods,
  type Payment,
  type PaymentsContext,
  paymentOf,
  startPayment,
} from './payments.service.js';

/** Card payments through a provider interface (dev provider or YooKassa); see docs/payments.md. */
export const paymentsModule = defineModule({
  name: 'payments',
  routes: paymentsRoutes,
  jobs: ({ config, secrets }) => [
    devWebhookJob({ publicUrl: config.publicUrl, secret: devWebhookSecret(secrets.sessionSecret) }),
  ],
  personalData: paymentsPersonalData,
});
