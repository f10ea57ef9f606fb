import { defineModule } from '../../server/core/module.js';
import { devSmsProvider } from './sms.provider.js';
import { sendSmsJob } from './sms.service.js';

/** Text messages (one-time codes) through a provider interface; see sms.provider.ts. */
export const smsModule = defineModule({
  name: 'sms',
  jobs: () => [sendSmsJob(devSmsProvider)],
});
