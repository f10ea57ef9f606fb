import { defineModule } from '../../server/core/module.js';
import { devSmsProvider } from './sms.provider.js';
import { smsRoutes } from './sms.routes.js';
import { sendSmsJob } from './sms.service.js';
import { smsRuProvider } from './smsru.provider.js';

/** Text messages (one-time codes) through a provider interface; see sms.provider.ts. */
export const smsModule = defineModule({
  name: 'sms',
  routes: smsRoutes,
  jobs: ({ config }) => [
    sendSmsJob(config.sms.provider === 'smsru' ? smsRuProvider(config.sms) : devSmsProvider),
  ],
});
