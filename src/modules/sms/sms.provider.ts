import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../server/core/db.js';
import { devSms } from './sms.tables.js';

export interface OutgoingSms {
  /** E.164 phone number. */
  to: string;
  text: string;
  purpose: string;
}

/**
 * Where text messages go. The development provider keeps them in a table the admin and the tests read;
 * real gateways are HTTP adapters chosen by SMS_PROVIDER (see docs/identity.md).
 */
export interface SmsProvider {
  kind: string;
  /** Sends one message; throws when the gateway refuses it (the job retries with backoff). */
  send(db: Db, sms: OutgoingSms): Promise<void>;
}

/** The provider used when no gateway is configured: every message lands in `dev_sms`. */
export const devSmsProvider: SmsProvider = {
  kind: 'dev',
  async send(db, sms) {
    await db.insert(devSms).values({ id: uuidv7(), to: sms.to, text: sms.text, purpose: sms.purpose });
  },
};
