import { z } from 'zod';
import type { Db } from '../../server/core/db.js';
import { defineJob } from '../../server/core/jobs/job-definition.js';
import { enqueueJob } from '../../server/core/jobs/queue.js';
import type { SmsProvider } from './sms.provider.js';

const sendSmsPayload = z.object({
  to: z.string().regex(/^\+\d{8,15}$/, 'must be an E.164 phone number'),
  text: z.string().min(1).max(700),
  purpose: z.string().min(1).max(64),
});

export type SmsRequest = z.input<typeof sendSmsPayload>;

/**
 * Queues a text message; pass the caller's transaction so it is sent only if the change commits. One-time
 * codes are short-lived, so the job gives up after a few attempts rather than deliver a stale code.
 */
export async function queueSms(db: Db, request: SmsRequest): Promise<void> {
  await enqueueJob(db, 'sms.send', sendSmsPayload.parse(request), { maxAttempts: 3 });
}

/** The job that hands one message to the configured provider. */
export function sendSmsJob(provider: SmsProvider) {
  return defineJob({
    name: 'sms.send',
    payload: sendSmsPayload,
    maxAttempts: 3,
    backoffMs: (attempt) => 2000 * attempt,
    async handler({ payload, db }) {
      await provider.send(db, payload);
    },
  });
}
